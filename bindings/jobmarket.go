// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// IJobMarketJob is an auto generated low-level Go binding around an user-defined struct.
type IJobMarketJob struct {
	Params          IJobMarketJobParams
	Poster          common.Address
	Status          uint8
	Round           uint32
	OpenDisputes    uint16
	Escrow          *big.Int
	Price           *big.Int
	Worker          common.Address
	BiddingEndsAt   uint64
	ResultDeadline  uint64
	ChallengeEndsAt uint64
	FinalModelRoot  [32]byte
	CheckpointsRoot [32]byte
}

// IJobMarketJobParams is an auto generated low-level Go binding around an user-defined struct.
type IJobMarketJobParams struct {
	SpecHash           [32]byte
	DatasetHash        [32]byte
	DatasetUri         [32]byte
	InitialStateRoot   [32]byte
	GraphRoot          [32]byte
	DataRoot           [32]byte
	Steps              uint64
	CheckpointInterval uint64
	MaxPrice           *big.Int
	RequiredCollateral *big.Int
	BidWindow          uint64
	ExecutionWindow    uint64
	ChallengeWindow    uint64
}

// JobMarketMetaData contains all meta data concerning the JobMarket contract.
var JobMarketMetaData = bind.MetaData{
	ABI: "[{\"type\":\"constructor\",\"inputs\":[{\"name\":\"stakeManager_\",\"type\":\"address\",\"internalType\":\"contractIStakeManager\"},{\"name\":\"nodeRegistry_\",\"type\":\"address\",\"internalType\":\"contractINodeRegistry\"},{\"name\":\"arbiter_\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"MAX_WINDOW\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"arbiter\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"balanceOf\",\"inputs\":[{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"bid\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"price\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"cancel\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"claimRefund\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"closeAuction\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"contributionOf\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"funder\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"finalize\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"fund\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"payable\"},{\"type\":\"function\",\"name\":\"getJob\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIJobMarket.Job\",\"components\":[{\"name\":\"params\",\"type\":\"tuple\",\"internalType\":\"structIJobMarket.JobParams\",\"components\":[{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetUri\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"initialStateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"graphRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"dataRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"steps\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpointInterval\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"maxPrice\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"requiredCollateral\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"bidWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"executionWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"challengeWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]},{\"name\":\"poster\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"status\",\"type\":\"uint8\",\"internalType\":\"enumIJobMarket.JobStatus\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"openDisputes\",\"type\":\"uint16\",\"internalType\":\"uint16\"},{\"name\":\"escrow\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"price\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"biddingEndsAt\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"resultDeadline\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"challengeEndsAt\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"finalModelRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"checkpointsRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"jobCount\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"nodeRegistry\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"openDispute\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"postJob\",\"inputs\":[{\"name\":\"params\",\"type\":\"tuple\",\"internalType\":\"structIJobMarket.JobParams\",\"components\":[{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetUri\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"initialStateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"graphRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"dataRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"steps\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpointInterval\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"maxPrice\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"requiredCollateral\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"bidWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"executionWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"challengeWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]}],\"outputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"payable\"},{\"type\":\"function\",\"name\":\"refundOf\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"funder\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"refundState\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"pool\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"paid\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"claimed\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"resolveDispute\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"workerLost\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"challenger\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"stakeManager\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"submitResult\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"finalModelRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"checkpointsRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"timeout\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"totalAccounted\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"withdraw\",\"inputs\":[],\"outputs\":[{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"workerOf\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"event\",\"name\":\"BidPlaced\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"bidder\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"price\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"DisputeOpened\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"round\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"openDisputes\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"DisputeResolved\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"round\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"workerLost\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"},{\"name\":\"challenger\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"slashed\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobAssigned\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"price\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"round\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"resultDeadline\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobCancelled\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"refund\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobFinalized\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"price\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"refund\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobFunded\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"funder\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"escrow\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobPosted\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"poster\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"params\",\"type\":\"tuple\",\"indexed\":false,\"internalType\":\"structIJobMarket.JobParams\",\"components\":[{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetUri\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"initialStateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"graphRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"dataRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"steps\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpointInterval\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"maxPrice\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"requiredCollateral\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"bidWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"executionWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"challengeWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]},{\"name\":\"escrow\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"biddingEndsAt\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobReopened\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"biddingEndsAt\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobTimedOut\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"slashed\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"RefundClaimed\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"funder\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ResultSubmitted\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"finalModelRoot\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"checkpointsRoot\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"challengeEndsAt\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"Withdrawn\",\"inputs\":[{\"name\":\"account\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"error\",\"name\":\"AmountTooLarge\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"BidNotLower\",\"inputs\":[{\"name\":\"price\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"best\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"BiddingClosed\",\"inputs\":[{\"name\":\"endsAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"BiddingOpen\",\"inputs\":[{\"name\":\"endsAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ChallengeWindowClosed\",\"inputs\":[{\"name\":\"endsAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ChallengeWindowOpen\",\"inputs\":[{\"name\":\"endsAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"DeadlineNotPassed\",\"inputs\":[{\"name\":\"deadline\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"DeadlinePassed\",\"inputs\":[{\"name\":\"deadline\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"DisputeOpen\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"openDisputes\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"InvalidParams\",\"inputs\":[{\"name\":\"field\",\"type\":\"string\",\"internalType\":\"string\"}]},{\"type\":\"error\",\"name\":\"NotArbiter\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotPoster\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotRegistered\",\"inputs\":[{\"name\":\"bidder\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"NotWorker\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NothingToClaim\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"PriceTooHigh\",\"inputs\":[{\"name\":\"price\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"limit\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ReentrancyGuardReentrantCall\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"StaleDispute\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"round\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"TooManyDisputes\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"TransferFailed\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"UnknownJob\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"WrongStatus\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"status\",\"type\":\"uint8\",\"internalType\":\"enumIJobMarket.JobStatus\"}]},{\"type\":\"error\",\"name\":\"ZeroAmount\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"ZeroRoot\",\"inputs\":[]}]",
	ID:  "JobMarket",
	Bin: "0x60e060405234801561000f575f5ffd5b506040516140ec3803806140ec83398101604081905261002e916100cd565b6001600160a01b038316158061004b57506001600160a01b038216155b8061005d57506001600160a01b038116155b156100995760405163a8c278dd60e01b81526020600482015260076024820152666164647265737360c81b604482015260640160405180910390fd5b6001600160a01b0392831660805290821660a0521660c052610117565b6001600160a01b03811681146100ca575f5ffd5b50565b5f5f5f606084860312156100df575f5ffd5b83516100ea816100b6565b60208501519093506100fb816100b6565b604085015190925061010c816100b6565b809150509250925092565b60805160a05160c051613f576101955f395f818161052201528181610db0015261105d01525f81816104d6015281816108d90152818161128a0152818161140d015261199d01525f8181610446015281816108290152818161167401528181611c2f01528181611cee0152818161298b0152612a590152613f575ff3fe608060405260043610610183575f3560e01c8063598647f8116100d157806396028d3c1161007c578063d9b5c4a511610057578063d9b5c4a5146104c8578063deb96634146104fa578063fe25e00a14610511575f5ffd5b806396028d3c1461046a578063bf22c45714610489578063ca1d209d146104b5575f5ffd5b80636813947f116100ac5780636813947f146103d857806370a08231146103f75780637542ff9514610438575f5ffd5b8063598647f81461037b5780635b7baf641461039a57806364d4287e146103b9575f5ffd5b806329ff95561161013157806345ed6fdc1161010c57806345ed6fdc146102d85780634c5d8a0f146102eb5780634c7cc383146102ff575f5ffd5b806329ff9556146102865780633ccfd60b146102a557806340e58ee5146102b9575f5ffd5b8063236ed8f311610161578063236ed8f31461021057806327d00fb01461022f5780632964e4e614610263575f5ffd5b806305261aea1461018757806308148f7a146101a85780630c79f6a1146101c7575b5f5ffd5b348015610192575f5ffd5b506101a66101a13660046134d6565b610544565b005b3480156101b3575f5ffd5b506101a66101c23660046134d6565b610937565b3480156101d2575f5ffd5b506101e66101e13660046134d6565b610aca565b60405173ffffffffffffffffffffffffffffffffffffffff90911681526020015b60405180910390f35b34801561021b575f5ffd5b506101a661022a3660046134d6565b610b49565b34801561023a575f5ffd5b5061024e6102493660046134d6565b610d97565b60405163ffffffff9091168152602001610207565b34801561026e575f5ffd5b5061027860015481565b604051908152602001610207565b348015610291575f5ffd5b506101a66102a036600461351d565b611045565b3480156102b0575f5ffd5b5061027861146e565b3480156102c4575f5ffd5b506101a66102d33660046134d6565b611558565b6102786102e6366004613573565b6116ea565b3480156102f6575f5ffd5b506102785f5481565b34801561030a575f5ffd5b506103606103193660046134d6565b5f90815260046020526040902080546001909101546fffffffffffffffffffffffffffffffff80831693700100000000000000000000000000000000909304811692911690565b60408051938452602084019290925290820152606001610207565b348015610386575f5ffd5b506101a661039536600461358d565b6118f1565b3480156103a5575f5ffd5b506102786103b43660046134d6565b611def565b3480156103c4575f5ffd5b506101a66103d33660046135ad565b61207c565b3480156103e3575f5ffd5b506102786103f23660046135d6565b61227a565b348015610402575f5ffd5b50610278610411366004613600565b73ffffffffffffffffffffffffffffffffffffffff165f9081526005602052604090205490565b348015610443575f5ffd5b507f00000000000000000000000000000000000000000000000000000000000000006101e6565b348015610475575f5ffd5b506102786104843660046135d6565b6122b0565b348015610494575f5ffd5b506104a86104a33660046134d6565b6123b9565b6040516102079190613792565b6101a66104c33660046134d6565b6126e1565b3480156104d3575f5ffd5b507f00000000000000000000000000000000000000000000000000000000000000006101e6565b348015610505575f5ffd5b506102786312cc030081565b34801561051c575f5ffd5b506101e67f000000000000000000000000000000000000000000000000000000000000000081565b5f61054e82612867565b905061055c818360036128cf565b6009810154790100000000000000000000000000000000000000000000000000900461ffff16156105ed5760098101546040517f0792ccc70000000000000000000000000000000000000000000000000000000081526004810184905279010000000000000000000000000000000000000000000000000090910461ffff1660248201526044015b60405180910390fd5b600c81015468010000000000000000900467ffffffffffffffff1642101561065e57600c8101546040517f891b78610000000000000000000000000000000000000000000000000000000081526801000000000000000090910467ffffffffffffffff1660048201526024016105e4565b600b810154600a82015473ffffffffffffffffffffffffffffffffffffffff909116906fffffffffffffffffffffffffffffffff70010000000000000000000000000000000082048116915f916106b7918491166138c3565b6009850180549192506004917fffffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffff16600160a01b8302179055505f85815260046020908152604080832080547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff8681169190911790915573ffffffffffffffffffffffffffffffffffffffff871684526005909252822080549185169290916107729084906138eb565b9091555050604080516fffffffffffffffffffffffffffffffff80851682528316602082015273ffffffffffffffffffffffffffffffffffffffff85169187917fdf01715a9cfc8c90fe891520a6f187c447c74181a4e015fbe9e628467a9071f6910160405180910390a36040517f7eee288d00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8481166004830152602482018790527f00000000000000000000000000000000000000000000000000000000000000001690637eee288d906044016020604051808303815f875af115801561086f573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061089391906138fe565b506040517fd7b7ce4200000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff84811660048301527f0000000000000000000000000000000000000000000000000000000000000000169063d7b7ce42906024015f604051808303815f87803b15801561091a575f5ffd5b505af115801561092c573d5f5f3e3d5ffd5b505050505050505050565b5f61094182612867565b905061094f818360026128cf565b600c81015467ffffffffffffffff1642116109a857600c8101546040517f336d9e1700000000000000000000000000000000000000000000000000000000815267ffffffffffffffff90911660048201526024016105e4565b6009810154790100000000000000000000000000000000000000000000000000900461ffff1615610a345760098101546040517f0792ccc70000000000000000000000000000000000000000000000000000000081526004810184905279010000000000000000000000000000000000000000000000000090910461ffff1660248201526044016105e4565b600b810154600982015473ffffffffffffffffffffffffffffffffffffffff918216915f91610a6791849187911661293d565b90508173ffffffffffffffffffffffffffffffffffffffff16847f6c824cc82239382c89711e47345227ceb53137c068153f1392e553362dcd172083604051610ab291815260200190565b60405180910390a3610ac48385612acc565b50505050565b5f818152600260208190526040822060098101549091600160a01b90910460ff1690816005811115610afe57610afe61372c565b1480610b1b57506003816005811115610b1957610b1961372c565b145b610b25575f610b41565b600b82015473ffffffffffffffffffffffffffffffffffffffff165b949350505050565b5f610b5382612867565b9050610b61818360016128cf565b600b810154600160a01b900467ffffffffffffffff16421015610bc857600b8101546040517f7fb851b6000000000000000000000000000000000000000000000000000000008152600160a01b90910467ffffffffffffffff1660048201526024016105e4565b600b81015473ffffffffffffffffffffffffffffffffffffffff1680610bf757610bf28284612bf7565b505050565b60098201545f90610c28907501000000000000000000000000000000000000000000900463ffffffff166001613915565b60078401549091505f90610c62907801000000000000000000000000000000000000000000000000900467ffffffffffffffff1642613931565b60098501805463ffffffff8516750100000000000000000000000000000000000000000081027fffffffffffffff0000000000ffffffffffffffffffffffffffffffffffffffff909216919091177402000000000000000000000000000000000000000017909155600c8601805467ffffffffffffffff84167fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000009091168117909155600a870154604080516fffffffffffffffffffffffffffffffff70010000000000000000000000000000000090930492909216825260208201939093529182015290915073ffffffffffffffffffffffffffffffffffffffff84169086907ffaa0fe0fd8169bdfefb1a86f966923f1e886f4244555d62c2b450877a919f545906060015b60405180910390a35050505050565b5f3373ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001614610e07576040517fccb665a600000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f610e1183612867565b6009810154909150600160a01b900460ff166003816005811115610e3757610e3761372c565b03610eb157600c82015468010000000000000000900467ffffffffffffffff164210610eac57600c8201546040517f4046dd810000000000000000000000000000000000000000000000000000000081526801000000000000000090910467ffffffffffffffff1660048201526024016105e4565b610f00565b6002816005811115610ec557610ec561372c565b14610f005783816040517fa5d15e1f0000000000000000000000000000000000000000000000000000000081526004016105e4929190613951565b6009820154790100000000000000000000000000000000000000000000000000900461ffff167fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00018101610f7f576040517f47edadb300000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b610f8881613965565b6009840180547fffffffffff0000ffffffffffffffffffffffffffffffffffffffffffffffffff1679010000000000000000000000000000000000000000000000000061ffff8416908102919091179182905560408051750100000000000000000000000000000000000000000090930463ffffffff16808452602084019290925290965091925086917f8b807393bc9ec1d4d926270a7f76a0217f6630c8e8568f72212e69880f1abe4f910160405180910390a2505050919050565b3373ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016146110b4576040517fccb665a600000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f6110be85612867565b6009810154909150600160a01b900460ff1660028160058111156110e4576110e461372c565b14158015611104575060038160058111156111015761110161372c565b14155b806111355750600982015463ffffffff86811675010000000000000000000000000000000000000000009092041614155b8061116357506009820154790100000000000000000000000000000000000000000000000000900461ffff16155b156111a9576040517f04265f520000000000000000000000000000000000000000000000000000000081526004810187905263ffffffff861660248201526044016105e4565b600b82015473ffffffffffffffffffffffffffffffffffffffff1684156112f1575f6111d682898761293d565b6040805163ffffffff8a1681526001602082015290810182905290915073ffffffffffffffffffffffffffffffffffffffff80871691908416908a907f108b8f4c2712ac0d71aa68875de24f6a88a766f6cd49183441b4f1d62398e9d99060600160405180910390a46040517f58d3b6dc00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff83811660048301525f60248301527f000000000000000000000000000000000000000000000000000000000000000016906358d3b6dc906044015f604051808303815f87803b1580156112cb575f5ffd5b505af11580156112dd573d5f5f3e3d5ffd5b505050506112eb8489612acc565b50611465565b60098301805460199061132490790100000000000000000000000000000000000000000000000000900461ffff16613985565b91906101000a81548161ffff021916908361ffff1602179055508373ffffffffffffffffffffffffffffffffffffffff168173ffffffffffffffffffffffffffffffffffffffff16887f108b8f4c2712ac0d71aa68875de24f6a88a766f6cd49183441b4f1d62398e9d9895f5f6040516113b99392919063ffffffff9390931683529015156020830152604082015260600190565b60405180910390a46040517f58d3b6dc00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8281166004830152600160248301527f000000000000000000000000000000000000000000000000000000000000000016906358d3b6dc906044015f604051808303815f87803b15801561144e575f5ffd5b505af1158015611460573d5f5f3e3d5ffd5b505050505b50505050505050565b5f611477612cbb565b50335f90815260056020526040812054908190036114c1576040517f969bf72800000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b335f908152600560205260408120819055600180548392906114e49084906139c0565b909155505060405181815233907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d59060200160405180910390a26115283382612d14565b611555612d125f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612d0c565b90565b5f61156282612867565b9050611570818360016128cf565b600981015473ffffffffffffffffffffffffffffffffffffffff1633146115c3576040517f1dba048e00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b600b81015473ffffffffffffffffffffffffffffffffffffffff1680156116e057600b820180547fffffffffffffffffffffffff0000000000000000000000000000000000000000169055600a820180546fffffffffffffffffffffffffffffffff1690556040517f7eee288d00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8281166004830152602482018590527f00000000000000000000000000000000000000000000000000000000000000001690637eee288d906044016020604051808303815f875af11580156116ba573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906116de91906138fe565b505b610bf28284612bf7565b5f6116f482612daa565b6fffffffffffffffffffffffffffffffff34111561173e576040517f0625040100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f5f815461174b906139d3565b91829055505f818152600260205260409020909150828161176c8282613a54565b50506009810180547fffffffffffffffffffffff00000000000000000000000000000000000000000016337fffffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffff1617600160a01b179055600a810180547fffffffffffffffffffffffffffffffff0000000000000000000000000000000016346fffffffffffffffffffffffffffffffff161790555f61181361016085016101408601613cd3565b61181d9042613931565b600b830180547fffffffff0000000000000000ffffffffffffffffffffffffffffffffffffffff16600160a01b67ffffffffffffffff84160217905590503415611897575f8381526003602090815260408083203384529091528120349081905560018054919290916118919084906138eb565b90915550505b3373ffffffffffffffffffffffffffffffffffffffff16837f4ec30516fdfa4751af326a18b60acf028f4e85457c8db95ed0e9d1df466e9b828634856040516118e293929190613cf9565b60405180910390a35050919050565b5f6118fb83612867565b9050611909818460016128cf565b600b810154600160a01b900467ffffffffffffffff16421061196f57600b8101546040517fc9a980c1000000000000000000000000000000000000000000000000000000008152600160a01b90910467ffffffffffffffff1660048201526024016105e4565b6040517fc3c5a5470000000000000000000000000000000000000000000000000000000081523360048201527f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff169063c3c5a54790602401602060405180830381865afa1580156119f7573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611a1b9190613e22565b611a53576040517fbfc6c3370000000000000000000000000000000000000000000000000000000081523360048201526024016105e4565b6006810154600a8201546fffffffffffffffffffffffffffffffff70010000000000000000000000000000000090920482169116811115611aa75750600a8101546fffffffffffffffffffffffffffffffff165b80831115611aeb576040517f87ebe85d00000000000000000000000000000000000000000000000000000000815260048101849052602481018290526044016105e4565b600b82015473ffffffffffffffffffffffffffffffffffffffff168015801590611b3f5750600a83015470010000000000000000000000000000000090046fffffffffffffffffffffffffffffffff168410155b15611baa57600a8301546040517f1ccda2a2000000000000000000000000000000000000000000000000000000008152600481018690527001000000000000000000000000000000009091046fffffffffffffffffffffffffffffffff1660248201526044016105e4565b73ffffffffffffffffffffffffffffffffffffffff81163314611d875773ffffffffffffffffffffffffffffffffffffffff811615611c9b576040517f7eee288d00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8281166004830152602482018790527f00000000000000000000000000000000000000000000000000000000000000001690637eee288d906044016020604051808303815f875af1158015611c75573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611c9991906138fe565b505b60078301546040517fe2ab691d000000000000000000000000000000000000000000000000000000008152336004820152602481018790526fffffffffffffffffffffffffffffffff90911660448201527f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff169063e2ab691d906064015f604051808303815f87803b158015611d44575f5ffd5b505af1158015611d56573d5f5f3e3d5ffd5b505050600b840180547fffffffffffffffffffffffff00000000000000000000000000000000000000001633179055505b600a830180546fffffffffffffffffffffffffffffffff808716700100000000000000000000000000000000029116179055604051339086907f0e54eff26401bf69b81b26f60bd85ef47f5d85275c1d268d84f68d6897431c4790610d889088815260200190565b5f611df8612cbb565b5f611e0283612867565b6009810154909150600160a01b900460ff166004816005811115611e2857611e2861372c565b14158015611e4857506005816005811115611e4557611e4561372c565b14155b15611e835783816040517fa5d15e1f0000000000000000000000000000000000000000000000000000000081526004016105e4929190613951565b5f84815260036020908152604080832033845290915281205490819003611ed6576040517f969bf72800000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f8581526004602052604081206001810154909190611f089084906fffffffffffffffffffffffffffffffff166138eb565b600a860154909150611f31908390859084906fffffffffffffffffffffffffffffffff16613422565b6001830180547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff84811691909117909155835491975087918491601091611fa0918591700100000000000000000000000000000000900416613e3d565b82546fffffffffffffffffffffffffffffffff9182166101009390930a9283029190920219909116179055505f878152600360209081526040808320338452909152812081905560018054889290611ff99084906139c0565b9091555050604051868152339088907ff3f402280ef0a7905e124aa621b65eaeb2725c343e8b36d398ed78c29daf285c9060200160405180910390a38515612045576120453387612d14565b5050505050612077612d125f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612d0c565b919050565b5f61208684612867565b9050612094818560026128cf565b600b81015473ffffffffffffffffffffffffffffffffffffffff1633146120e7576040517ffb55adaf00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b600c81015467ffffffffffffffff1642111561214157600c8101546040517fbfb22adf00000000000000000000000000000000000000000000000000000000815267ffffffffffffffff90911660048201526024016105e4565b82158061214c575081155b15612183576040517fb263ae7300000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b60088101545f9061219e9067ffffffffffffffff1642613931565b6009830180547fffffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffff1674030000000000000000000000000000000000000000179055600c830180547fffffffffffffffffffffffffffffffff0000000000000000ffffffffffffffff166801000000000000000067ffffffffffffffff841690810291909117909155600d8401869055600e8401859055604080518781526020810187905290810191909152909150339086907f1cd3579aa541e2b16bbdeab417d3ccf4601cd359bffc82e922f4f47e92e19b1490606001610d88565b5f82815260036020908152604080832073ffffffffffffffffffffffffffffffffffffffff851684529091529020545b92915050565b5f82815260026020526040812060046009820154600160a01b900460ff1660058111156122df576122df61372c565b1415801561230d575060056009820154600160a01b900460ff16600581111561230a5761230a61372c565b14155b1561231b575f9150506122aa565b5f84815260036020908152604080832073ffffffffffffffffffffffffffffffffffffffff871684529091528120549081900361235c575f925050506122aa565b5f85815260046020526040902060018101546123af90829084906123939082906fffffffffffffffffffffffffffffffff166138eb565b600a8701546fffffffffffffffffffffffffffffffff16613422565b9695505050505050565b60408051610340810182525f6101a082018181526101c083018290526101e08301829052610200830182905261022083018290526102408301829052610260830182905261028083018290526102a083018290526102c083018290526102e0830182905261030083018290526103208301829052825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e0810182905261010081018290526101208101829052610140810182905261016081018290526101808101919091525f8281526002602081815260409283902083516103408101855281546101a0820190815260018301546101c0830152938201546101e082015260038201546102008201526004820154610220820152600580830154610240830152600683015467ffffffffffffffff80821661026085015268010000000000000000820481166102808501526fffffffffffffffffffffffffffffffff7001000000000000000000000000000000009283900481166102a086015260078601549081166102c086015291820481166102e085015278010000000000000000000000000000000000000000000000009091048116610300840152600884015416610320830152938152600982015473ffffffffffffffffffffffffffffffffffffffff8116938201939093529390929084019160ff600160a01b90910416908111156125cf576125cf61372c565b60058111156125e0576125e061372c565b815260098201547501000000000000000000000000000000000000000000810463ffffffff166020830152790100000000000000000000000000000000000000000000000000900461ffff166040820152600a8201546fffffffffffffffffffffffffffffffff8082166060840152700100000000000000000000000000000000909104166080820152600b82015473ffffffffffffffffffffffffffffffffffffffff811660a0830152600160a01b900467ffffffffffffffff90811660c0830152600c83015480821660e084015268010000000000000000900416610100820152600d820154610120820152600e909101546101409091015292915050565b345f0361271a576040517f1f2a200500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f61272482612867565b9050612732818360016128cf565b600a8101545f906127569034906fffffffffffffffffffffffffffffffff166138eb565b90506fffffffffffffffffffffffffffffffff8111156127a2576040517f0625040100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b600a820180547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff83161790555f838152600360209081526040808320338452909152812080543492906128089084906138eb565b925050819055503460015f82825461282091906138eb565b90915550506040805134815260208101839052339185917f94091aba73cb1de49078ee312ee5a917b8fa93badf3c2ce89052b36e4ad315db910160405180910390a3505050565b5f818152600260205260408120906009820154600160a01b900460ff1660058111156128955761289561372c565b03612077576040517f510aa5f0000000000000000000000000000000000000000000000000000000008152600481018390526024016105e4565b6009830154600160a01b900460ff168160058111156128f0576128f061372c565b8160058111156129025761290261372c565b14610ac45782816040517fa5d15e1f0000000000000000000000000000000000000000000000000000000081526004016105e4929190613951565b6040517f1590a37600000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8481166004830152602482018490525f917f000000000000000000000000000000000000000000000000000000000000000090911690631590a37690604401602060405180830381865afa1580156129d2573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906129f691906138fe565b90508015612ac5576040517fe76fede600000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8581166004830152602482018590526044820183905283811660648301527f0000000000000000000000000000000000000000000000000000000000000000169063e76fede69060840160408051808303815f875af1158015612a9e573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190612ac29190613e65565b50505b9392505050565b60078201545f90612afb90700100000000000000000000000000000000900467ffffffffffffffff1642613931565b600984018054600160a01b7fffffffffff0000ffffffff00ffffffffffffffffffffffffffffffffffffffff9091168117909155600b85018054600a870180546fffffffffffffffffffffffffffffffff1690557fffffffff000000000000000000000000000000000000000000000000000000001667ffffffffffffffff8416928302179055600c850180547fffffffffffffffffffffffffffffffff000000000000000000000000000000001690555f600d8601819055600e86015560405190815290915082907f0529ddf5ec7856ee6c003154d2e3c465ce60c8f08e238dd8b5db6858a6aa49ca906020015b60405180910390a2505050565b600a8201546009830180547fffffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffff16740500000000000000000000000000000000000000001790555f8281526004602090815260409182902080546fffffffffffffffffffffffffffffffff9094167fffffffffffffffffffffffffffffffff0000000000000000000000000000000090941684179055905182815283917f7e3805011acb8d49832d7ef085841e251e66267c06e54e0ac20cb09f3c696d3b9101612bea565b612ce57f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c613498565b612d1260017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b906134cf565b565b5f8273ffffffffffffffffffffffffffffffffffffffff16826040515f6040518083038185875af1925050503d805f8114612d6a576040519150601f19603f3d011682016040523d82523d5f602084013e612d6f565b606091505b5050905080610bf2576040517f90b8ec1800000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b8035612e12576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600860248201527f737065634861736800000000000000000000000000000000000000000000000060448201526064016105e4565b6060810135612e7d576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152601060248201527f696e697469616c5374617465526f6f740000000000000000000000000000000060448201526064016105e4565b6080810135612ee8576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600960248201527f6772617068526f6f74000000000000000000000000000000000000000000000060448201526064016105e4565b60a0810135612f53576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600860248201527f64617461526f6f7400000000000000000000000000000000000000000000000060448201526064016105e4565b612f6360e0820160c08301613cd3565b67ffffffffffffffff165f03612fd5576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600560248201527f737465707300000000000000000000000000000000000000000000000000000060448201526064016105e4565b612fe6610100820160e08301613cd3565b67ffffffffffffffff16158061302f5750613008610100820160e08301613cd3565b61301860e0830160c08401613cd3565b6130229190613eb4565b67ffffffffffffffff1615155b80613057575063ffffffff61304b610100830160e08401613cd3565b67ffffffffffffffff16115b80613099575063ffffffff613073610100830160e08401613cd3565b61308360e0840160c08501613cd3565b61308d9190613ee3565b67ffffffffffffffff16115b15613100576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152601260248201527f636865636b706f696e74496e74657276616c000000000000000000000000000060448201526064016105e4565b61311261012082016101008301613f12565b6fffffffffffffffffffffffffffffffff165f0361318c576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600860248201527f6d6178507269636500000000000000000000000000000000000000000000000060448201526064016105e4565b61319e61014082016101208301613f12565b6fffffffffffffffffffffffffffffffff165f03613218576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152601260248201527f7265717569726564436f6c6c61746572616c000000000000000000000000000060448201526064016105e4565b61322a61016082016101408301613cd3565b67ffffffffffffffff16158061325e57506312cc030061325261016083016101408401613cd3565b67ffffffffffffffff16115b156132c5576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600960248201527f62696457696e646f77000000000000000000000000000000000000000000000060448201526064016105e4565b6132d761018082016101608301613cd3565b67ffffffffffffffff16158061330b57506312cc03006132ff61018083016101608401613cd3565b67ffffffffffffffff16115b15613372576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600f60248201527f657865637574696f6e57696e646f77000000000000000000000000000000000060448201526064016105e4565b6133846101a082016101808301613cd3565b67ffffffffffffffff1615806133b857506312cc03006133ac6101a083016101808401613cd3565b67ffffffffffffffff16115b1561341f576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600f60248201527f6368616c6c656e676557696e646f77000000000000000000000000000000000060448201526064016105e4565b50565b5f81830361346557845461345e906fffffffffffffffffffffffffffffffff7001000000000000000000000000000000008204811691166139c0565b9050610b41565b84548290613485906fffffffffffffffffffffffffffffffff1686613f2d565b61348f9190613f44565b95945050505050565b15612d12576040517f3ee5aeb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80825d5050565b5f602082840312156134e6575f5ffd5b5035919050565b801515811461341f575f5ffd5b803573ffffffffffffffffffffffffffffffffffffffff81168114612077575f5ffd5b5f5f5f5f60808587031215613530575f5ffd5b84359350602085013563ffffffff8116811461354a575f5ffd5b9250604085013561355a816134ed565b9150613568606086016134fa565b905092959194509250565b5f6101a0828403128015613585575f5ffd5b509092915050565b5f5f6040838503121561359e575f5ffd5b50508035926020909101359150565b5f5f5f606084860312156135bf575f5ffd5b505081359360208301359350604090920135919050565b5f5f604083850312156135e7575f5ffd5b823591506135f7602084016134fa565b90509250929050565b5f60208284031215613610575f5ffd5b612ac5826134fa565b805182526020810151602083015260408101516040830152606081015160608301526080810151608083015260a081015160a083015260c081015161366a60c084018267ffffffffffffffff169052565b5060e081015161368660e084018267ffffffffffffffff169052565b506101008101516136ac6101008401826fffffffffffffffffffffffffffffffff169052565b506101208101516136d26101208401826fffffffffffffffffffffffffffffffff169052565b506101408101516136f061014084018267ffffffffffffffff169052565b5061016081015161370e61016084018267ffffffffffffffff169052565b50610180810151610bf261018084018267ffffffffffffffff169052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b6006811061378e577f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b9052565b5f610320820190506137a5828451613619565b602083015173ffffffffffffffffffffffffffffffffffffffff166101a083015260408301516137d96101c0840182613759565b50606083015163ffffffff166101e0830152608083015161ffff1661020083015260a08301516fffffffffffffffffffffffffffffffff90811661022084015260c08401511661024083015260e083015173ffffffffffffffffffffffffffffffffffffffff1661026083015261010083015167ffffffffffffffff90811661028084015261012084015181166102a0840152610140840151166102c08301526101608301516102e0830152610180909201516103009091015290565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b6fffffffffffffffffffffffffffffffff82811682821603908111156122aa576122aa613896565b808201808211156122aa576122aa613896565b5f6020828403121561390e575f5ffd5b5051919050565b63ffffffff81811683821601908111156122aa576122aa613896565b67ffffffffffffffff81811683821601908111156122aa576122aa613896565b82815260408101612ac56020830184613759565b5f61ffff821661ffff810361397c5761397c613896565b60010192915050565b5f61ffff82168061399857613998613896565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0192915050565b818103818111156122aa576122aa613896565b5f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8203613a0357613a03613896565b5060010190565b67ffffffffffffffff8116811461341f575f5ffd5b5f81356122aa81613a0a565b6fffffffffffffffffffffffffffffffff8116811461341f575f5ffd5b5f81356122aa81613a2b565b813581556020820135600182015560408201356002820155606082013560038201556080820135600482015560a0820135600582015560068101613ad3613a9d60c08501613a1f565b82547fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000001667ffffffffffffffff91909116178255565b613b23613ae260e08501613a1f565b82547fffffffffffffffffffffffffffffffff0000000000000000ffffffffffffffff1660409190911b6fffffffffffffffff000000000000000016178255565b613b74613b336101008501613a48565b82546fffffffffffffffffffffffffffffffff1660809190911b7fffffffffffffffffffffffffffffffff0000000000000000000000000000000016178255565b5060078101613bc7613b896101208501613a48565b82547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff91909116178255565b613c20613bd76101408501613a1f565b82547fffffffffffffffff0000000000000000ffffffffffffffffffffffffffffffff1660809190911b77ffffffffffffffff0000000000000000000000000000000016178255565b613c79613c306101608501613a1f565b825477ffffffffffffffffffffffffffffffffffffffffffffffff1660c09190911b7fffffffffffffffff00000000000000000000000000000000000000000000000016178255565b50613cc4613c8a6101808401613a1f565b6008830167ffffffffffffffff82167fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000008254161781555050565b5050565b803561207781613a0a565b5f60208284031215613ce3575f5ffd5b8135612ac581613a0a565b803561207781613a2b565b833581526020808501359082015260408085013590820152606080850135908201526080808501359082015260a080850135908201526101e08101613d4060c08601613cc8565b67ffffffffffffffff1660c0830152613d5b60e08601613cc8565b67ffffffffffffffff1660e0830152613d776101008601613cee565b6fffffffffffffffffffffffffffffffff16610100830152613d9c6101208601613cee565b6fffffffffffffffffffffffffffffffff16610120830152613dc16101408601613cc8565b67ffffffffffffffff16610140830152613dde6101608601613cc8565b67ffffffffffffffff16610160830152613dfb6101808601613cc8565b67ffffffffffffffff9081166101808401526101a0830185905283166101c0830152610b41565b5f60208284031215613e32575f5ffd5b8151612ac5816134ed565b6fffffffffffffffffffffffffffffffff81811683821601908111156122aa576122aa613896565b5f5f60408385031215613e76575f5ffd5b505080516020909101519092909150565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b5f67ffffffffffffffff831680613ecd57613ecd613e87565b8067ffffffffffffffff84160691505092915050565b5f67ffffffffffffffff831680613efc57613efc613e87565b8067ffffffffffffffff84160491505092915050565b5f60208284031215613f22575f5ffd5b8135612ac581613a2b565b80820281158282048414176122aa576122aa613896565b5f82613f5257613f52613e87565b50049056",
}

// JobMarket is an auto generated Go binding around an Ethereum contract.
type JobMarket struct {
	abi abi.ABI
}

// NewJobMarket creates a new instance of JobMarket.
func NewJobMarket() *JobMarket {
	parsed, err := JobMarketMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &JobMarket{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *JobMarket) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address stakeManager_, address nodeRegistry_, address arbiter_) returns()
func (jobMarket *JobMarket) PackConstructor(stakeManager_ common.Address, nodeRegistry_ common.Address, arbiter_ common.Address) []byte {
	enc, err := jobMarket.abi.Pack("", stakeManager_, nodeRegistry_, arbiter_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackMAXWINDOW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdeb96634.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_WINDOW() view returns(uint256)
func (jobMarket *JobMarket) PackMAXWINDOW() []byte {
	enc, err := jobMarket.abi.Pack("MAX_WINDOW")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXWINDOW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdeb96634.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_WINDOW() view returns(uint256)
func (jobMarket *JobMarket) TryPackMAXWINDOW() ([]byte, error) {
	return jobMarket.abi.Pack("MAX_WINDOW")
}

// UnpackMAXWINDOW is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdeb96634.
//
// Solidity: function MAX_WINDOW() view returns(uint256)
func (jobMarket *JobMarket) UnpackMAXWINDOW(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("MAX_WINDOW", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackArbiter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe25e00a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function arbiter() view returns(address)
func (jobMarket *JobMarket) PackArbiter() []byte {
	enc, err := jobMarket.abi.Pack("arbiter")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackArbiter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe25e00a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function arbiter() view returns(address)
func (jobMarket *JobMarket) TryPackArbiter() ([]byte, error) {
	return jobMarket.abi.Pack("arbiter")
}

// UnpackArbiter is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfe25e00a.
//
// Solidity: function arbiter() view returns(address)
func (jobMarket *JobMarket) UnpackArbiter(data []byte) (common.Address, error) {
	out, err := jobMarket.abi.Unpack("arbiter", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (jobMarket *JobMarket) PackBalanceOf(account common.Address) []byte {
	enc, err := jobMarket.abi.Pack("balanceOf", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (jobMarket *JobMarket) TryPackBalanceOf(account common.Address) ([]byte, error) {
	return jobMarket.abi.Pack("balanceOf", account)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (jobMarket *JobMarket) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x598647f8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function bid(uint256 jobId, uint256 price) returns()
func (jobMarket *JobMarket) PackBid(jobId *big.Int, price *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("bid", jobId, price)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x598647f8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function bid(uint256 jobId, uint256 price) returns()
func (jobMarket *JobMarket) TryPackBid(jobId *big.Int, price *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("bid", jobId, price)
}

// PackCancel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40e58ee5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancel(uint256 jobId) returns()
func (jobMarket *JobMarket) PackCancel(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("cancel", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40e58ee5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancel(uint256 jobId) returns()
func (jobMarket *JobMarket) TryPackCancel(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("cancel", jobId)
}

// PackClaimRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5b7baf64.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimRefund(uint256 jobId) returns(uint256 amount)
func (jobMarket *JobMarket) PackClaimRefund(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("claimRefund", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5b7baf64.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimRefund(uint256 jobId) returns(uint256 amount)
func (jobMarket *JobMarket) TryPackClaimRefund(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("claimRefund", jobId)
}

// UnpackClaimRefund is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5b7baf64.
//
// Solidity: function claimRefund(uint256 jobId) returns(uint256 amount)
func (jobMarket *JobMarket) UnpackClaimRefund(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("claimRefund", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCloseAuction is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x236ed8f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function closeAuction(uint256 jobId) returns()
func (jobMarket *JobMarket) PackCloseAuction(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("closeAuction", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCloseAuction is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x236ed8f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function closeAuction(uint256 jobId) returns()
func (jobMarket *JobMarket) TryPackCloseAuction(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("closeAuction", jobId)
}

// PackContributionOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6813947f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function contributionOf(uint256 jobId, address funder) view returns(uint256)
func (jobMarket *JobMarket) PackContributionOf(jobId *big.Int, funder common.Address) []byte {
	enc, err := jobMarket.abi.Pack("contributionOf", jobId, funder)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackContributionOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6813947f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function contributionOf(uint256 jobId, address funder) view returns(uint256)
func (jobMarket *JobMarket) TryPackContributionOf(jobId *big.Int, funder common.Address) ([]byte, error) {
	return jobMarket.abi.Pack("contributionOf", jobId, funder)
}

// UnpackContributionOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6813947f.
//
// Solidity: function contributionOf(uint256 jobId, address funder) view returns(uint256)
func (jobMarket *JobMarket) UnpackContributionOf(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("contributionOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackFinalize is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05261aea.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function finalize(uint256 jobId) returns()
func (jobMarket *JobMarket) PackFinalize(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("finalize", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFinalize is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05261aea.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function finalize(uint256 jobId) returns()
func (jobMarket *JobMarket) TryPackFinalize(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("finalize", jobId)
}

// PackFund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xca1d209d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fund(uint256 jobId) payable returns()
func (jobMarket *JobMarket) PackFund(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("fund", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xca1d209d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fund(uint256 jobId) payable returns()
func (jobMarket *JobMarket) TryPackFund(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("fund", jobId)
}

// PackGetJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbf22c457.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getJob(uint256 jobId) view returns(((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint128,uint128,uint64,uint64,uint64),address,uint8,uint32,uint16,uint128,uint128,address,uint64,uint64,uint64,bytes32,bytes32))
func (jobMarket *JobMarket) PackGetJob(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("getJob", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbf22c457.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getJob(uint256 jobId) view returns(((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint128,uint128,uint64,uint64,uint64),address,uint8,uint32,uint16,uint128,uint128,address,uint64,uint64,uint64,bytes32,bytes32))
func (jobMarket *JobMarket) TryPackGetJob(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("getJob", jobId)
}

// UnpackGetJob is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbf22c457.
//
// Solidity: function getJob(uint256 jobId) view returns(((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint128,uint128,uint64,uint64,uint64),address,uint8,uint32,uint16,uint128,uint128,address,uint64,uint64,uint64,bytes32,bytes32))
func (jobMarket *JobMarket) UnpackGetJob(data []byte) (IJobMarketJob, error) {
	out, err := jobMarket.abi.Unpack("getJob", data)
	if err != nil {
		return *new(IJobMarketJob), err
	}
	out0 := *abi.ConvertType(out[0], new(IJobMarketJob)).(*IJobMarketJob)
	return out0, nil
}

// PackJobCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4c5d8a0f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function jobCount() view returns(uint256)
func (jobMarket *JobMarket) PackJobCount() []byte {
	enc, err := jobMarket.abi.Pack("jobCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackJobCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4c5d8a0f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function jobCount() view returns(uint256)
func (jobMarket *JobMarket) TryPackJobCount() ([]byte, error) {
	return jobMarket.abi.Pack("jobCount")
}

// UnpackJobCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4c5d8a0f.
//
// Solidity: function jobCount() view returns(uint256)
func (jobMarket *JobMarket) UnpackJobCount(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("jobCount", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackNodeRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9b5c4a5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function nodeRegistry() view returns(address)
func (jobMarket *JobMarket) PackNodeRegistry() []byte {
	enc, err := jobMarket.abi.Pack("nodeRegistry")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNodeRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9b5c4a5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function nodeRegistry() view returns(address)
func (jobMarket *JobMarket) TryPackNodeRegistry() ([]byte, error) {
	return jobMarket.abi.Pack("nodeRegistry")
}

// UnpackNodeRegistry is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd9b5c4a5.
//
// Solidity: function nodeRegistry() view returns(address)
func (jobMarket *JobMarket) UnpackNodeRegistry(data []byte) (common.Address, error) {
	out, err := jobMarket.abi.Unpack("nodeRegistry", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackOpenDispute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x27d00fb0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function openDispute(uint256 jobId) returns(uint32 round)
func (jobMarket *JobMarket) PackOpenDispute(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("openDispute", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOpenDispute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x27d00fb0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function openDispute(uint256 jobId) returns(uint32 round)
func (jobMarket *JobMarket) TryPackOpenDispute(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("openDispute", jobId)
}

// UnpackOpenDispute is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x27d00fb0.
//
// Solidity: function openDispute(uint256 jobId) returns(uint32 round)
func (jobMarket *JobMarket) UnpackOpenDispute(data []byte) (uint32, error) {
	out, err := jobMarket.abi.Unpack("openDispute", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackPostJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x45ed6fdc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function postJob((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint128,uint128,uint64,uint64,uint64) params) payable returns(uint256 jobId)
func (jobMarket *JobMarket) PackPostJob(params IJobMarketJobParams) []byte {
	enc, err := jobMarket.abi.Pack("postJob", params)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPostJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x45ed6fdc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function postJob((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint128,uint128,uint64,uint64,uint64) params) payable returns(uint256 jobId)
func (jobMarket *JobMarket) TryPackPostJob(params IJobMarketJobParams) ([]byte, error) {
	return jobMarket.abi.Pack("postJob", params)
}

// UnpackPostJob is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x45ed6fdc.
//
// Solidity: function postJob((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint128,uint128,uint64,uint64,uint64) params) payable returns(uint256 jobId)
func (jobMarket *JobMarket) UnpackPostJob(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("postJob", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRefundOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x96028d3c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refundOf(uint256 jobId, address funder) view returns(uint256)
func (jobMarket *JobMarket) PackRefundOf(jobId *big.Int, funder common.Address) []byte {
	enc, err := jobMarket.abi.Pack("refundOf", jobId, funder)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefundOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x96028d3c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refundOf(uint256 jobId, address funder) view returns(uint256)
func (jobMarket *JobMarket) TryPackRefundOf(jobId *big.Int, funder common.Address) ([]byte, error) {
	return jobMarket.abi.Pack("refundOf", jobId, funder)
}

// UnpackRefundOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x96028d3c.
//
// Solidity: function refundOf(uint256 jobId, address funder) view returns(uint256)
func (jobMarket *JobMarket) UnpackRefundOf(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("refundOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRefundState is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4c7cc383.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refundState(uint256 jobId) view returns(uint256 pool, uint256 paid, uint256 claimed)
func (jobMarket *JobMarket) PackRefundState(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("refundState", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefundState is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4c7cc383.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refundState(uint256 jobId) view returns(uint256 pool, uint256 paid, uint256 claimed)
func (jobMarket *JobMarket) TryPackRefundState(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("refundState", jobId)
}

// RefundStateOutput serves as a container for the return parameters of contract
// method RefundState.
type RefundStateOutput struct {
	Pool    *big.Int
	Paid    *big.Int
	Claimed *big.Int
}

// UnpackRefundState is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4c7cc383.
//
// Solidity: function refundState(uint256 jobId) view returns(uint256 pool, uint256 paid, uint256 claimed)
func (jobMarket *JobMarket) UnpackRefundState(data []byte) (RefundStateOutput, error) {
	out, err := jobMarket.abi.Unpack("refundState", data)
	outstruct := new(RefundStateOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Pool = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Paid = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Claimed = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackResolveDispute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x29ff9556.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function resolveDispute(uint256 jobId, uint32 round, bool workerLost, address challenger) returns()
func (jobMarket *JobMarket) PackResolveDispute(jobId *big.Int, round uint32, workerLost bool, challenger common.Address) []byte {
	enc, err := jobMarket.abi.Pack("resolveDispute", jobId, round, workerLost, challenger)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackResolveDispute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x29ff9556.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function resolveDispute(uint256 jobId, uint32 round, bool workerLost, address challenger) returns()
func (jobMarket *JobMarket) TryPackResolveDispute(jobId *big.Int, round uint32, workerLost bool, challenger common.Address) ([]byte, error) {
	return jobMarket.abi.Pack("resolveDispute", jobId, round, workerLost, challenger)
}

// PackStakeManager is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7542ff95.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stakeManager() view returns(address)
func (jobMarket *JobMarket) PackStakeManager() []byte {
	enc, err := jobMarket.abi.Pack("stakeManager")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStakeManager is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7542ff95.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stakeManager() view returns(address)
func (jobMarket *JobMarket) TryPackStakeManager() ([]byte, error) {
	return jobMarket.abi.Pack("stakeManager")
}

// UnpackStakeManager is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7542ff95.
//
// Solidity: function stakeManager() view returns(address)
func (jobMarket *JobMarket) UnpackStakeManager(data []byte) (common.Address, error) {
	out, err := jobMarket.abi.Unpack("stakeManager", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackSubmitResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x64d4287e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function submitResult(uint256 jobId, bytes32 finalModelRoot, bytes32 checkpointsRoot) returns()
func (jobMarket *JobMarket) PackSubmitResult(jobId *big.Int, finalModelRoot [32]byte, checkpointsRoot [32]byte) []byte {
	enc, err := jobMarket.abi.Pack("submitResult", jobId, finalModelRoot, checkpointsRoot)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSubmitResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x64d4287e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function submitResult(uint256 jobId, bytes32 finalModelRoot, bytes32 checkpointsRoot) returns()
func (jobMarket *JobMarket) TryPackSubmitResult(jobId *big.Int, finalModelRoot [32]byte, checkpointsRoot [32]byte) ([]byte, error) {
	return jobMarket.abi.Pack("submitResult", jobId, finalModelRoot, checkpointsRoot)
}

// PackTimeout is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x08148f7a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function timeout(uint256 jobId) returns()
func (jobMarket *JobMarket) PackTimeout(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("timeout", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTimeout is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x08148f7a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function timeout(uint256 jobId) returns()
func (jobMarket *JobMarket) TryPackTimeout(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("timeout", jobId)
}

// PackTotalAccounted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2964e4e6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalAccounted() view returns(uint256)
func (jobMarket *JobMarket) PackTotalAccounted() []byte {
	enc, err := jobMarket.abi.Pack("totalAccounted")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalAccounted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2964e4e6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalAccounted() view returns(uint256)
func (jobMarket *JobMarket) TryPackTotalAccounted() ([]byte, error) {
	return jobMarket.abi.Pack("totalAccounted")
}

// UnpackTotalAccounted is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2964e4e6.
//
// Solidity: function totalAccounted() view returns(uint256)
func (jobMarket *JobMarket) UnpackTotalAccounted(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("totalAccounted", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw() returns(uint256 amount)
func (jobMarket *JobMarket) PackWithdraw() []byte {
	enc, err := jobMarket.abi.Pack("withdraw")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw() returns(uint256 amount)
func (jobMarket *JobMarket) TryPackWithdraw() ([]byte, error) {
	return jobMarket.abi.Pack("withdraw")
}

// UnpackWithdraw is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3ccfd60b.
//
// Solidity: function withdraw() returns(uint256 amount)
func (jobMarket *JobMarket) UnpackWithdraw(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("withdraw", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackWorkerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0c79f6a1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function workerOf(uint256 jobId) view returns(address)
func (jobMarket *JobMarket) PackWorkerOf(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("workerOf", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWorkerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0c79f6a1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function workerOf(uint256 jobId) view returns(address)
func (jobMarket *JobMarket) TryPackWorkerOf(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("workerOf", jobId)
}

// UnpackWorkerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0c79f6a1.
//
// Solidity: function workerOf(uint256 jobId) view returns(address)
func (jobMarket *JobMarket) UnpackWorkerOf(data []byte) (common.Address, error) {
	out, err := jobMarket.abi.Unpack("workerOf", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// JobMarketBidPlaced represents a BidPlaced event raised by the JobMarket contract.
type JobMarketBidPlaced struct {
	JobId  *big.Int
	Bidder common.Address
	Price  *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const JobMarketBidPlacedEventName = "BidPlaced"

// ContractEventName returns the user-defined event name.
func (JobMarketBidPlaced) ContractEventName() string {
	return JobMarketBidPlacedEventName
}

// UnpackBidPlacedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BidPlaced(uint256 indexed jobId, address indexed bidder, uint256 price)
func (jobMarket *JobMarket) UnpackBidPlacedEvent(log *types.Log) (*JobMarketBidPlaced, error) {
	event := "BidPlaced"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketBidPlaced)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketDisputeOpened represents a DisputeOpened event raised by the JobMarket contract.
type JobMarketDisputeOpened struct {
	JobId        *big.Int
	Round        uint32
	OpenDisputes *big.Int
	Raw          *types.Log // Blockchain specific contextual infos
}

const JobMarketDisputeOpenedEventName = "DisputeOpened"

// ContractEventName returns the user-defined event name.
func (JobMarketDisputeOpened) ContractEventName() string {
	return JobMarketDisputeOpenedEventName
}

// UnpackDisputeOpenedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DisputeOpened(uint256 indexed jobId, uint32 round, uint256 openDisputes)
func (jobMarket *JobMarket) UnpackDisputeOpenedEvent(log *types.Log) (*JobMarketDisputeOpened, error) {
	event := "DisputeOpened"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketDisputeOpened)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketDisputeResolved represents a DisputeResolved event raised by the JobMarket contract.
type JobMarketDisputeResolved struct {
	JobId      *big.Int
	Round      uint32
	Worker     common.Address
	WorkerLost bool
	Challenger common.Address
	Slashed    *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const JobMarketDisputeResolvedEventName = "DisputeResolved"

// ContractEventName returns the user-defined event name.
func (JobMarketDisputeResolved) ContractEventName() string {
	return JobMarketDisputeResolvedEventName
}

// UnpackDisputeResolvedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DisputeResolved(uint256 indexed jobId, uint32 round, address indexed worker, bool workerLost, address indexed challenger, uint256 slashed)
func (jobMarket *JobMarket) UnpackDisputeResolvedEvent(log *types.Log) (*JobMarketDisputeResolved, error) {
	event := "DisputeResolved"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketDisputeResolved)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketJobAssigned represents a JobAssigned event raised by the JobMarket contract.
type JobMarketJobAssigned struct {
	JobId          *big.Int
	Worker         common.Address
	Price          *big.Int
	Round          uint32
	ResultDeadline *big.Int
	Raw            *types.Log // Blockchain specific contextual infos
}

const JobMarketJobAssignedEventName = "JobAssigned"

// ContractEventName returns the user-defined event name.
func (JobMarketJobAssigned) ContractEventName() string {
	return JobMarketJobAssignedEventName
}

// UnpackJobAssignedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobAssigned(uint256 indexed jobId, address indexed worker, uint256 price, uint32 round, uint256 resultDeadline)
func (jobMarket *JobMarket) UnpackJobAssignedEvent(log *types.Log) (*JobMarketJobAssigned, error) {
	event := "JobAssigned"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketJobAssigned)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketJobCancelled represents a JobCancelled event raised by the JobMarket contract.
type JobMarketJobCancelled struct {
	JobId  *big.Int
	Refund *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const JobMarketJobCancelledEventName = "JobCancelled"

// ContractEventName returns the user-defined event name.
func (JobMarketJobCancelled) ContractEventName() string {
	return JobMarketJobCancelledEventName
}

// UnpackJobCancelledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobCancelled(uint256 indexed jobId, uint256 refund)
func (jobMarket *JobMarket) UnpackJobCancelledEvent(log *types.Log) (*JobMarketJobCancelled, error) {
	event := "JobCancelled"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketJobCancelled)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketJobFinalized represents a JobFinalized event raised by the JobMarket contract.
type JobMarketJobFinalized struct {
	JobId  *big.Int
	Worker common.Address
	Price  *big.Int
	Refund *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const JobMarketJobFinalizedEventName = "JobFinalized"

// ContractEventName returns the user-defined event name.
func (JobMarketJobFinalized) ContractEventName() string {
	return JobMarketJobFinalizedEventName
}

// UnpackJobFinalizedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobFinalized(uint256 indexed jobId, address indexed worker, uint256 price, uint256 refund)
func (jobMarket *JobMarket) UnpackJobFinalizedEvent(log *types.Log) (*JobMarketJobFinalized, error) {
	event := "JobFinalized"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketJobFinalized)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketJobFunded represents a JobFunded event raised by the JobMarket contract.
type JobMarketJobFunded struct {
	JobId  *big.Int
	Funder common.Address
	Amount *big.Int
	Escrow *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const JobMarketJobFundedEventName = "JobFunded"

// ContractEventName returns the user-defined event name.
func (JobMarketJobFunded) ContractEventName() string {
	return JobMarketJobFundedEventName
}

// UnpackJobFundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobFunded(uint256 indexed jobId, address indexed funder, uint256 amount, uint256 escrow)
func (jobMarket *JobMarket) UnpackJobFundedEvent(log *types.Log) (*JobMarketJobFunded, error) {
	event := "JobFunded"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketJobFunded)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketJobPosted represents a JobPosted event raised by the JobMarket contract.
type JobMarketJobPosted struct {
	JobId         *big.Int
	Poster        common.Address
	Params        IJobMarketJobParams
	Escrow        *big.Int
	BiddingEndsAt *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const JobMarketJobPostedEventName = "JobPosted"

// ContractEventName returns the user-defined event name.
func (JobMarketJobPosted) ContractEventName() string {
	return JobMarketJobPostedEventName
}

// UnpackJobPostedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobPosted(uint256 indexed jobId, address indexed poster, (bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint128,uint128,uint64,uint64,uint64) params, uint256 escrow, uint256 biddingEndsAt)
func (jobMarket *JobMarket) UnpackJobPostedEvent(log *types.Log) (*JobMarketJobPosted, error) {
	event := "JobPosted"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketJobPosted)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketJobReopened represents a JobReopened event raised by the JobMarket contract.
type JobMarketJobReopened struct {
	JobId         *big.Int
	BiddingEndsAt *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const JobMarketJobReopenedEventName = "JobReopened"

// ContractEventName returns the user-defined event name.
func (JobMarketJobReopened) ContractEventName() string {
	return JobMarketJobReopenedEventName
}

// UnpackJobReopenedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobReopened(uint256 indexed jobId, uint256 biddingEndsAt)
func (jobMarket *JobMarket) UnpackJobReopenedEvent(log *types.Log) (*JobMarketJobReopened, error) {
	event := "JobReopened"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketJobReopened)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketJobTimedOut represents a JobTimedOut event raised by the JobMarket contract.
type JobMarketJobTimedOut struct {
	JobId   *big.Int
	Worker  common.Address
	Slashed *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const JobMarketJobTimedOutEventName = "JobTimedOut"

// ContractEventName returns the user-defined event name.
func (JobMarketJobTimedOut) ContractEventName() string {
	return JobMarketJobTimedOutEventName
}

// UnpackJobTimedOutEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobTimedOut(uint256 indexed jobId, address indexed worker, uint256 slashed)
func (jobMarket *JobMarket) UnpackJobTimedOutEvent(log *types.Log) (*JobMarketJobTimedOut, error) {
	event := "JobTimedOut"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketJobTimedOut)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketRefundClaimed represents a RefundClaimed event raised by the JobMarket contract.
type JobMarketRefundClaimed struct {
	JobId  *big.Int
	Funder common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const JobMarketRefundClaimedEventName = "RefundClaimed"

// ContractEventName returns the user-defined event name.
func (JobMarketRefundClaimed) ContractEventName() string {
	return JobMarketRefundClaimedEventName
}

// UnpackRefundClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RefundClaimed(uint256 indexed jobId, address indexed funder, uint256 amount)
func (jobMarket *JobMarket) UnpackRefundClaimedEvent(log *types.Log) (*JobMarketRefundClaimed, error) {
	event := "RefundClaimed"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketRefundClaimed)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketResultSubmitted represents a ResultSubmitted event raised by the JobMarket contract.
type JobMarketResultSubmitted struct {
	JobId           *big.Int
	Worker          common.Address
	FinalModelRoot  [32]byte
	CheckpointsRoot [32]byte
	ChallengeEndsAt *big.Int
	Raw             *types.Log // Blockchain specific contextual infos
}

const JobMarketResultSubmittedEventName = "ResultSubmitted"

// ContractEventName returns the user-defined event name.
func (JobMarketResultSubmitted) ContractEventName() string {
	return JobMarketResultSubmittedEventName
}

// UnpackResultSubmittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ResultSubmitted(uint256 indexed jobId, address indexed worker, bytes32 finalModelRoot, bytes32 checkpointsRoot, uint256 challengeEndsAt)
func (jobMarket *JobMarket) UnpackResultSubmittedEvent(log *types.Log) (*JobMarketResultSubmitted, error) {
	event := "ResultSubmitted"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketResultSubmitted)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobMarketWithdrawn represents a Withdrawn event raised by the JobMarket contract.
type JobMarketWithdrawn struct {
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const JobMarketWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (JobMarketWithdrawn) ContractEventName() string {
	return JobMarketWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed account, uint256 amount)
func (jobMarket *JobMarket) UnpackWithdrawnEvent(log *types.Log) (*JobMarketWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketWithdrawn)
	if len(log.Data) > 0 {
		if err := jobMarket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobMarket.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (jobMarket *JobMarket) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["AmountTooLarge"].ID.Bytes()[:4]) {
		return jobMarket.UnpackAmountTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["BidNotLower"].ID.Bytes()[:4]) {
		return jobMarket.UnpackBidNotLowerError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["BiddingClosed"].ID.Bytes()[:4]) {
		return jobMarket.UnpackBiddingClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["BiddingOpen"].ID.Bytes()[:4]) {
		return jobMarket.UnpackBiddingOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["ChallengeWindowClosed"].ID.Bytes()[:4]) {
		return jobMarket.UnpackChallengeWindowClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["ChallengeWindowOpen"].ID.Bytes()[:4]) {
		return jobMarket.UnpackChallengeWindowOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["DeadlineNotPassed"].ID.Bytes()[:4]) {
		return jobMarket.UnpackDeadlineNotPassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["DeadlinePassed"].ID.Bytes()[:4]) {
		return jobMarket.UnpackDeadlinePassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["DisputeOpen"].ID.Bytes()[:4]) {
		return jobMarket.UnpackDisputeOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["InvalidParams"].ID.Bytes()[:4]) {
		return jobMarket.UnpackInvalidParamsError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["NotArbiter"].ID.Bytes()[:4]) {
		return jobMarket.UnpackNotArbiterError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["NotPoster"].ID.Bytes()[:4]) {
		return jobMarket.UnpackNotPosterError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["NotRegistered"].ID.Bytes()[:4]) {
		return jobMarket.UnpackNotRegisteredError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["NotWorker"].ID.Bytes()[:4]) {
		return jobMarket.UnpackNotWorkerError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["NothingToClaim"].ID.Bytes()[:4]) {
		return jobMarket.UnpackNothingToClaimError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["PriceTooHigh"].ID.Bytes()[:4]) {
		return jobMarket.UnpackPriceTooHighError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return jobMarket.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["StaleDispute"].ID.Bytes()[:4]) {
		return jobMarket.UnpackStaleDisputeError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["TooManyDisputes"].ID.Bytes()[:4]) {
		return jobMarket.UnpackTooManyDisputesError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["TransferFailed"].ID.Bytes()[:4]) {
		return jobMarket.UnpackTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["UnknownJob"].ID.Bytes()[:4]) {
		return jobMarket.UnpackUnknownJobError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["WrongStatus"].ID.Bytes()[:4]) {
		return jobMarket.UnpackWrongStatusError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return jobMarket.UnpackZeroAmountError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["ZeroRoot"].ID.Bytes()[:4]) {
		return jobMarket.UnpackZeroRootError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// JobMarketAmountTooLarge represents a AmountTooLarge error raised by the JobMarket contract.
type JobMarketAmountTooLarge struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AmountTooLarge()
func JobMarketAmountTooLargeErrorID() common.Hash {
	return common.HexToHash("0x06250401c072295744520da9e60a3a29ab28ceb9fda5d792222d5242d22e8a44")
}

// UnpackAmountTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AmountTooLarge()
func (jobMarket *JobMarket) UnpackAmountTooLargeError(raw []byte) (*JobMarketAmountTooLarge, error) {
	out := new(JobMarketAmountTooLarge)
	if err := jobMarket.abi.UnpackIntoInterface(out, "AmountTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketBidNotLower represents a BidNotLower error raised by the JobMarket contract.
type JobMarketBidNotLower struct {
	Price *big.Int
	Best  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BidNotLower(uint256 price, uint256 best)
func JobMarketBidNotLowerErrorID() common.Hash {
	return common.HexToHash("0x1ccda2a204f6341b325705a1571417c745b6d73d233256e43fcee0b6a14d52c7")
}

// UnpackBidNotLowerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BidNotLower(uint256 price, uint256 best)
func (jobMarket *JobMarket) UnpackBidNotLowerError(raw []byte) (*JobMarketBidNotLower, error) {
	out := new(JobMarketBidNotLower)
	if err := jobMarket.abi.UnpackIntoInterface(out, "BidNotLower", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketBiddingClosed represents a BiddingClosed error raised by the JobMarket contract.
type JobMarketBiddingClosed struct {
	EndsAt *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BiddingClosed(uint256 endsAt)
func JobMarketBiddingClosedErrorID() common.Hash {
	return common.HexToHash("0xc9a980c1217766433b46ebee1cd675dfdcb3e70fd384210b9a625c12d8267e9a")
}

// UnpackBiddingClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BiddingClosed(uint256 endsAt)
func (jobMarket *JobMarket) UnpackBiddingClosedError(raw []byte) (*JobMarketBiddingClosed, error) {
	out := new(JobMarketBiddingClosed)
	if err := jobMarket.abi.UnpackIntoInterface(out, "BiddingClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketBiddingOpen represents a BiddingOpen error raised by the JobMarket contract.
type JobMarketBiddingOpen struct {
	EndsAt *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BiddingOpen(uint256 endsAt)
func JobMarketBiddingOpenErrorID() common.Hash {
	return common.HexToHash("0x7fb851b6a9ed0031967ed7cda4b97bd8842faf41fbdc609234c7f2a18eb1e3b1")
}

// UnpackBiddingOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BiddingOpen(uint256 endsAt)
func (jobMarket *JobMarket) UnpackBiddingOpenError(raw []byte) (*JobMarketBiddingOpen, error) {
	out := new(JobMarketBiddingOpen)
	if err := jobMarket.abi.UnpackIntoInterface(out, "BiddingOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketChallengeWindowClosed represents a ChallengeWindowClosed error raised by the JobMarket contract.
type JobMarketChallengeWindowClosed struct {
	EndsAt *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ChallengeWindowClosed(uint256 endsAt)
func JobMarketChallengeWindowClosedErrorID() common.Hash {
	return common.HexToHash("0x4046dd81830080823ff817cf7dc48d363c5fc9c21f48af3932bbd3e212cfd1a7")
}

// UnpackChallengeWindowClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ChallengeWindowClosed(uint256 endsAt)
func (jobMarket *JobMarket) UnpackChallengeWindowClosedError(raw []byte) (*JobMarketChallengeWindowClosed, error) {
	out := new(JobMarketChallengeWindowClosed)
	if err := jobMarket.abi.UnpackIntoInterface(out, "ChallengeWindowClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketChallengeWindowOpen represents a ChallengeWindowOpen error raised by the JobMarket contract.
type JobMarketChallengeWindowOpen struct {
	EndsAt *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ChallengeWindowOpen(uint256 endsAt)
func JobMarketChallengeWindowOpenErrorID() common.Hash {
	return common.HexToHash("0x891b78617c635c77d9f0de561d46fa39deec198ce14aac58278e886f5d70bb12")
}

// UnpackChallengeWindowOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ChallengeWindowOpen(uint256 endsAt)
func (jobMarket *JobMarket) UnpackChallengeWindowOpenError(raw []byte) (*JobMarketChallengeWindowOpen, error) {
	out := new(JobMarketChallengeWindowOpen)
	if err := jobMarket.abi.UnpackIntoInterface(out, "ChallengeWindowOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketDeadlineNotPassed represents a DeadlineNotPassed error raised by the JobMarket contract.
type JobMarketDeadlineNotPassed struct {
	Deadline *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlineNotPassed(uint256 deadline)
func JobMarketDeadlineNotPassedErrorID() common.Hash {
	return common.HexToHash("0x336d9e171571cd10d4badae4b3cd1f9a4d7d1a49f46f758a63fa5a8003157cfe")
}

// UnpackDeadlineNotPassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlineNotPassed(uint256 deadline)
func (jobMarket *JobMarket) UnpackDeadlineNotPassedError(raw []byte) (*JobMarketDeadlineNotPassed, error) {
	out := new(JobMarketDeadlineNotPassed)
	if err := jobMarket.abi.UnpackIntoInterface(out, "DeadlineNotPassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketDeadlinePassed represents a DeadlinePassed error raised by the JobMarket contract.
type JobMarketDeadlinePassed struct {
	Deadline *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlinePassed(uint256 deadline)
func JobMarketDeadlinePassedErrorID() common.Hash {
	return common.HexToHash("0xbfb22adfe9d5fa2834e025e2832eac6acdb50f696427fd6da5e7d933cf7e8923")
}

// UnpackDeadlinePassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlinePassed(uint256 deadline)
func (jobMarket *JobMarket) UnpackDeadlinePassedError(raw []byte) (*JobMarketDeadlinePassed, error) {
	out := new(JobMarketDeadlinePassed)
	if err := jobMarket.abi.UnpackIntoInterface(out, "DeadlinePassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketDisputeOpen represents a DisputeOpen error raised by the JobMarket contract.
type JobMarketDisputeOpen struct {
	JobId        *big.Int
	OpenDisputes *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DisputeOpen(uint256 jobId, uint256 openDisputes)
func JobMarketDisputeOpenErrorID() common.Hash {
	return common.HexToHash("0x0792ccc7393e6d98a53f1dd90252f0200c3d1ffa450e98e480ef7dd19be5d979")
}

// UnpackDisputeOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DisputeOpen(uint256 jobId, uint256 openDisputes)
func (jobMarket *JobMarket) UnpackDisputeOpenError(raw []byte) (*JobMarketDisputeOpen, error) {
	out := new(JobMarketDisputeOpen)
	if err := jobMarket.abi.UnpackIntoInterface(out, "DisputeOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketInvalidParams represents a InvalidParams error raised by the JobMarket contract.
type JobMarketInvalidParams struct {
	Field string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidParams(string field)
func JobMarketInvalidParamsErrorID() common.Hash {
	return common.HexToHash("0xa8c278dd678025fcd1ba899b5c9701b4f3cde35c26cff3abbdc63ff5ceeeb107")
}

// UnpackInvalidParamsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidParams(string field)
func (jobMarket *JobMarket) UnpackInvalidParamsError(raw []byte) (*JobMarketInvalidParams, error) {
	out := new(JobMarketInvalidParams)
	if err := jobMarket.abi.UnpackIntoInterface(out, "InvalidParams", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketNotArbiter represents a NotArbiter error raised by the JobMarket contract.
type JobMarketNotArbiter struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotArbiter()
func JobMarketNotArbiterErrorID() common.Hash {
	return common.HexToHash("0xccb665a6d0d009b636ece581f8bf770add8b2e77a09a00ad4ef77b9a4c207b18")
}

// UnpackNotArbiterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotArbiter()
func (jobMarket *JobMarket) UnpackNotArbiterError(raw []byte) (*JobMarketNotArbiter, error) {
	out := new(JobMarketNotArbiter)
	if err := jobMarket.abi.UnpackIntoInterface(out, "NotArbiter", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketNotPoster represents a NotPoster error raised by the JobMarket contract.
type JobMarketNotPoster struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotPoster()
func JobMarketNotPosterErrorID() common.Hash {
	return common.HexToHash("0x1dba048e070fba0b7b809355e1a351c644892badad4d048a2578b4bdd03dae3c")
}

// UnpackNotPosterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotPoster()
func (jobMarket *JobMarket) UnpackNotPosterError(raw []byte) (*JobMarketNotPoster, error) {
	out := new(JobMarketNotPoster)
	if err := jobMarket.abi.UnpackIntoInterface(out, "NotPoster", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketNotRegistered represents a NotRegistered error raised by the JobMarket contract.
type JobMarketNotRegistered struct {
	Bidder common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotRegistered(address bidder)
func JobMarketNotRegisteredErrorID() common.Hash {
	return common.HexToHash("0xbfc6c337a80b7b8201f77f0a2a54c6e5f7c6fd9124a749804a482fa16ee8a895")
}

// UnpackNotRegisteredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotRegistered(address bidder)
func (jobMarket *JobMarket) UnpackNotRegisteredError(raw []byte) (*JobMarketNotRegistered, error) {
	out := new(JobMarketNotRegistered)
	if err := jobMarket.abi.UnpackIntoInterface(out, "NotRegistered", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketNotWorker represents a NotWorker error raised by the JobMarket contract.
type JobMarketNotWorker struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotWorker()
func JobMarketNotWorkerErrorID() common.Hash {
	return common.HexToHash("0xfb55adaf321688928d220385dcdc70c49b50598719efff92160e81528c1bdf78")
}

// UnpackNotWorkerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotWorker()
func (jobMarket *JobMarket) UnpackNotWorkerError(raw []byte) (*JobMarketNotWorker, error) {
	out := new(JobMarketNotWorker)
	if err := jobMarket.abi.UnpackIntoInterface(out, "NotWorker", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketNothingToClaim represents a NothingToClaim error raised by the JobMarket contract.
type JobMarketNothingToClaim struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToClaim()
func JobMarketNothingToClaimErrorID() common.Hash {
	return common.HexToHash("0x969bf7288f744225521096ebffff657851af77dd4c63700d76b8d1cf6481d1f1")
}

// UnpackNothingToClaimError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToClaim()
func (jobMarket *JobMarket) UnpackNothingToClaimError(raw []byte) (*JobMarketNothingToClaim, error) {
	out := new(JobMarketNothingToClaim)
	if err := jobMarket.abi.UnpackIntoInterface(out, "NothingToClaim", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketPriceTooHigh represents a PriceTooHigh error raised by the JobMarket contract.
type JobMarketPriceTooHigh struct {
	Price *big.Int
	Limit *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PriceTooHigh(uint256 price, uint256 limit)
func JobMarketPriceTooHighErrorID() common.Hash {
	return common.HexToHash("0x87ebe85d75ed17dc04c703d71bd5891a24af9557ff1131d3981863e44a03cc4b")
}

// UnpackPriceTooHighError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PriceTooHigh(uint256 price, uint256 limit)
func (jobMarket *JobMarket) UnpackPriceTooHighError(raw []byte) (*JobMarketPriceTooHigh, error) {
	out := new(JobMarketPriceTooHigh)
	if err := jobMarket.abi.UnpackIntoInterface(out, "PriceTooHigh", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the JobMarket contract.
type JobMarketReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func JobMarketReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (jobMarket *JobMarket) UnpackReentrancyGuardReentrantCallError(raw []byte) (*JobMarketReentrancyGuardReentrantCall, error) {
	out := new(JobMarketReentrancyGuardReentrantCall)
	if err := jobMarket.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketStaleDispute represents a StaleDispute error raised by the JobMarket contract.
type JobMarketStaleDispute struct {
	JobId *big.Int
	Round *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StaleDispute(uint256 jobId, uint256 round)
func JobMarketStaleDisputeErrorID() common.Hash {
	return common.HexToHash("0x04265f526f7463954afde29a404538c56c9491b9493f89c8ed0fefa43c0f9fe4")
}

// UnpackStaleDisputeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StaleDispute(uint256 jobId, uint256 round)
func (jobMarket *JobMarket) UnpackStaleDisputeError(raw []byte) (*JobMarketStaleDispute, error) {
	out := new(JobMarketStaleDispute)
	if err := jobMarket.abi.UnpackIntoInterface(out, "StaleDispute", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketTooManyDisputes represents a TooManyDisputes error raised by the JobMarket contract.
type JobMarketTooManyDisputes struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooManyDisputes()
func JobMarketTooManyDisputesErrorID() common.Hash {
	return common.HexToHash("0x47edadb304d661a7f42b442af6c586a061eff2cdc4d80ca5e6b7c5d9065b7f5c")
}

// UnpackTooManyDisputesError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooManyDisputes()
func (jobMarket *JobMarket) UnpackTooManyDisputesError(raw []byte) (*JobMarketTooManyDisputes, error) {
	out := new(JobMarketTooManyDisputes)
	if err := jobMarket.abi.UnpackIntoInterface(out, "TooManyDisputes", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketTransferFailed represents a TransferFailed error raised by the JobMarket contract.
type JobMarketTransferFailed struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransferFailed()
func JobMarketTransferFailedErrorID() common.Hash {
	return common.HexToHash("0x90b8ec1877afffd816d05d9b13947f3ff18ec5851c38bad15ec2b710f92391b1")
}

// UnpackTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransferFailed()
func (jobMarket *JobMarket) UnpackTransferFailedError(raw []byte) (*JobMarketTransferFailed, error) {
	out := new(JobMarketTransferFailed)
	if err := jobMarket.abi.UnpackIntoInterface(out, "TransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketUnknownJob represents a UnknownJob error raised by the JobMarket contract.
type JobMarketUnknownJob struct {
	JobId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownJob(uint256 jobId)
func JobMarketUnknownJobErrorID() common.Hash {
	return common.HexToHash("0x510aa5f06826d740de587fc177250838c7f20674aef37603d5ab5f52cef91ae8")
}

// UnpackUnknownJobError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownJob(uint256 jobId)
func (jobMarket *JobMarket) UnpackUnknownJobError(raw []byte) (*JobMarketUnknownJob, error) {
	out := new(JobMarketUnknownJob)
	if err := jobMarket.abi.UnpackIntoInterface(out, "UnknownJob", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketWrongStatus represents a WrongStatus error raised by the JobMarket contract.
type JobMarketWrongStatus struct {
	JobId  *big.Int
	Status uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongStatus(uint256 jobId, uint8 status)
func JobMarketWrongStatusErrorID() common.Hash {
	return common.HexToHash("0xa5d15e1f94e40302e3f7050760870a95f04eb9d943cd2cb333833178258083d6")
}

// UnpackWrongStatusError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongStatus(uint256 jobId, uint8 status)
func (jobMarket *JobMarket) UnpackWrongStatusError(raw []byte) (*JobMarketWrongStatus, error) {
	out := new(JobMarketWrongStatus)
	if err := jobMarket.abi.UnpackIntoInterface(out, "WrongStatus", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketZeroAmount represents a ZeroAmount error raised by the JobMarket contract.
type JobMarketZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func JobMarketZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (jobMarket *JobMarket) UnpackZeroAmountError(raw []byte) (*JobMarketZeroAmount, error) {
	out := new(JobMarketZeroAmount)
	if err := jobMarket.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketZeroRoot represents a ZeroRoot error raised by the JobMarket contract.
type JobMarketZeroRoot struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroRoot()
func JobMarketZeroRootErrorID() common.Hash {
	return common.HexToHash("0xb263ae738e814ca9af6ee56bb85daa47624e790421913c947dcba2aac07cfdbd")
}

// UnpackZeroRootError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroRoot()
func (jobMarket *JobMarket) UnpackZeroRootError(raw []byte) (*JobMarketZeroRoot, error) {
	out := new(JobMarketZeroRoot)
	if err := jobMarket.abi.UnpackIntoInterface(out, "ZeroRoot", raw); err != nil {
		return nil, err
	}
	return out, nil
}
