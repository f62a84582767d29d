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
	Auctions        uint8
	FinalModelRoot  [32]byte
	CheckpointsRoot [32]byte
	CheckpointsList [32]byte
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
	ABI: "[{\"type\":\"constructor\",\"inputs\":[{\"name\":\"stakeManager_\",\"type\":\"address\",\"internalType\":\"contractIStakeManager\"},{\"name\":\"nodeRegistry_\",\"type\":\"address\",\"internalType\":\"contractINodeRegistry\"},{\"name\":\"arbiter_\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"minExecutionWindow_\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"minStepMicros_\",\"type\":\"uint64\",\"internalType\":\"uint64\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"MAX_AUCTIONS\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint8\",\"internalType\":\"uint8\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_WINDOW\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"arbiter\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"assignmentOf\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"balanceOf\",\"inputs\":[{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"bid\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"price\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"cancel\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"claimRefund\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"closeAuction\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"contributionOf\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"funder\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"finalize\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"fund\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"payable\"},{\"type\":\"function\",\"name\":\"getJob\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIJobMarket.Job\",\"components\":[{\"name\":\"params\",\"type\":\"tuple\",\"internalType\":\"structIJobMarket.JobParams\",\"components\":[{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetUri\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"initialStateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"graphRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"dataRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"steps\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpointInterval\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"maxPrice\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"requiredCollateral\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"bidWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"executionWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"challengeWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]},{\"name\":\"poster\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"status\",\"type\":\"uint8\",\"internalType\":\"enumIJobMarket.JobStatus\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"openDisputes\",\"type\":\"uint16\",\"internalType\":\"uint16\"},{\"name\":\"escrow\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"price\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"biddingEndsAt\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"resultDeadline\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"challengeEndsAt\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"auctions\",\"type\":\"uint8\",\"internalType\":\"uint8\"},{\"name\":\"finalModelRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"checkpointsRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"checkpointsList\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"isBarred\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bool\",\"internalType\":\"bool\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"jobCount\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"minExecutionTime\",\"inputs\":[{\"name\":\"steps\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"minExecutionWindow\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint64\",\"internalType\":\"uint64\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"minStepMicros\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint64\",\"internalType\":\"uint64\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"nodeRegistry\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"openDispute\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"postJob\",\"inputs\":[{\"name\":\"params\",\"type\":\"tuple\",\"internalType\":\"structIJobMarket.JobParams\",\"components\":[{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetUri\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"initialStateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"graphRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"dataRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"steps\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpointInterval\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"maxPrice\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"requiredCollateral\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"bidWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"executionWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"challengeWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]}],\"outputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"payable\"},{\"type\":\"function\",\"name\":\"refundOf\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"funder\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"refundState\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"pool\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"paid\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"claimed\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"resolveDispute\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"workerLost\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"challenger\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"reward\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"stakeManager\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"submitResult\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"finalModelRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"checkpointsRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"lastCheckpointProof\",\"type\":\"bytes32[]\",\"internalType\":\"bytes32[]\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"timeout\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"totalAccounted\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"withdraw\",\"inputs\":[],\"outputs\":[{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"workerOf\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"event\",\"name\":\"AuctionRestarted\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"auctions\",\"type\":\"uint8\",\"indexed\":false,\"internalType\":\"uint8\"},{\"name\":\"biddingEndsAt\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"BidPlaced\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"bidder\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"price\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"DisputeOpened\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"round\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"openDisputes\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"DisputeResolved\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"round\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"workerLost\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"},{\"name\":\"challenger\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"slashed\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobAssigned\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"price\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"round\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"resultDeadline\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobCancelled\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"refund\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobFinalized\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"price\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"refund\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobFunded\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"funder\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"escrow\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobPosted\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"poster\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"params\",\"type\":\"tuple\",\"indexed\":false,\"internalType\":\"structIJobMarket.JobParams\",\"components\":[{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"datasetUri\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"initialStateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"graphRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"dataRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"steps\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpointInterval\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"maxPrice\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"requiredCollateral\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"bidWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"executionWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"challengeWindow\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]},{\"name\":\"escrow\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"biddingEndsAt\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobReopened\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"biddingEndsAt\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobTimedOut\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"slashed\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"RefundClaimed\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"funder\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ResultSubmitted\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"finalModelRoot\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"checkpointsRoot\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"checkpointsList\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"challengeEndsAt\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"Withdrawn\",\"inputs\":[{\"name\":\"account\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"error\",\"name\":\"AmountTooLarge\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"BadCheckpointsRoot\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"Barred\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"BidNotLower\",\"inputs\":[{\"name\":\"price\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"best\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"BiddingClosed\",\"inputs\":[{\"name\":\"endsAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"BiddingOpen\",\"inputs\":[{\"name\":\"endsAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ChallengeWindowClosed\",\"inputs\":[{\"name\":\"endsAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ChallengeWindowOpen\",\"inputs\":[{\"name\":\"endsAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"DeadlineNotPassed\",\"inputs\":[{\"name\":\"deadline\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"DeadlinePassed\",\"inputs\":[{\"name\":\"deadline\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"DisputeOpen\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"openDisputes\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"InvalidParams\",\"inputs\":[{\"name\":\"field\",\"type\":\"string\",\"internalType\":\"string\"}]},{\"type\":\"error\",\"name\":\"NotArbiter\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotPoster\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotRegistered\",\"inputs\":[{\"name\":\"bidder\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"NotWorker\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NothingToClaim\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"PriceTooHigh\",\"inputs\":[{\"name\":\"price\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"limit\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ProofDepth\",\"inputs\":[{\"name\":\"siblings\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"count\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ProofIndex\",\"inputs\":[{\"name\":\"index\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"count\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ReentrancyGuardReentrantCall\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"StaleDispute\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"round\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"TooManyDisputes\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"TransferFailed\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"UnknownJob\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"WrongStatus\",\"inputs\":[{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"status\",\"type\":\"uint8\",\"internalType\":\"enumIJobMarket.JobStatus\"}]},{\"type\":\"error\",\"name\":\"ZeroAmount\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"ZeroRoot\",\"inputs\":[]}]",
	ID:  "JobMarket",
	Bin: "0x610120604052348015610010575f5ffd5b50604051614b0d380380614b0d83398101604081905261002f916101b2565b6001600160a01b038516158061004c57506001600160a01b038416155b8061005e57506001600160a01b038316155b1561009b5760405163a8c278dd60e01b81526020600482015260076024820152666164647265737360c81b60448201526064015b60405180910390fd5b6001600160401b03821615806100bd57506312cc0300826001600160401b0316115b156101005760405163a8c278dd60e01b81526020600482015260126024820152716d696e457865637574696f6e57696e646f7760701b6044820152606401610092565b64e8d4a51000816001600160401b0316111561014f5760405163a8c278dd60e01b815260206004820152600d60248201526c6d696e537465704d6963726f7360981b6044820152606401610092565b6001600160a01b0394851660805292841660a052921660c0526001600160401b0391821660e052166101005261021b565b6001600160a01b0381168114610194575f5ffd5b50565b80516001600160401b03811681146101ad575f5ffd5b919050565b5f5f5f5f5f60a086880312156101c6575f5ffd5b85516101d181610180565b60208701519095506101e281610180565b60408701519094506101f381610180565b925061020160608701610197565b915061020f60808701610197565b90509295509295909350565b60805160a05160c05160e051610100516148536102ba5f395f81816102af0152611e7301525f81816101da0152611ebf01525f818161070801528181610f72015261122001525f81816106bc01528181610abf015281816114a2015281816116250152611fea01525f818161057b01528181610a0f0152818161188e015281816122d8015281816123970152818161322001526132ec01526148535ff3fe6080604052600436106101c5575f3560e01c80634ee8dc4b116100f25780637c0cc10611610092578063ca1d209d11610062578063ca1d209d1461069b578063d9b5c4a5146106ae578063deb96634146106e0578063fe25e00a146106f7575f5ffd5b80637c0cc1061461059f57806396028d3c146105ef578063a6317d2a1461060e578063bf22c4571461066f575f5ffd5b80635b7baf64116100cd5780635b7baf64146104bf5780636813947f146104de57806370a082311461052c5780637542ff951461056d575f5ffd5b80634ee8dc4b14610462578063509db34614610481578063598647f8146104a0575f5ffd5b80632964e4e61161016857806340e58ee51161013857806340e58ee5146103a057806345ed6fdc146103bf5780634c5d8a0f146103d25780634c7cc383146103e6575f5ffd5b80632964e4e61461032457806329ff9556146103475780633af17032146103665780633ccfd60b1461038c575f5ffd5b80630c79f6a1116101a35780630c79f6a11461025a57806315aebbe31461029e578063236ed8f3146102d157806327d00fb0146102f0575f5ffd5b8063041d0ab7146101c957806305261aea1461021a57806308148f7a1461023b575b5f5ffd5b3480156101d4575f5ffd5b506101fc7f000000000000000000000000000000000000000000000000000000000000000081565b60405167ffffffffffffffff90911681526020015b60405180910390f35b348015610225575f5ffd5b50610239610234366004613d36565b61072a565b005b348015610246575f5ffd5b50610239610255366004613d36565b610b1d565b348015610265575f5ffd5b50610279610274366004613d36565b610c5d565b60405173ffffffffffffffffffffffffffffffffffffffff9091168152602001610211565b3480156102a9575f5ffd5b506101fc7f000000000000000000000000000000000000000000000000000000000000000081565b3480156102dc575f5ffd5b506102396102eb366004613d36565b610cdc565b3480156102fb575f5ffd5b5061030f61030a366004613d36565b610f59565b60405163ffffffff9091168152602001610211565b34801561032f575f5ffd5b5061033960015481565b604051908152602001610211565b348015610352575f5ffd5b50610339610361366004613d7d565b611207565b348015610371575f5ffd5b5061037a600681565b60405160ff9091168152602001610211565b348015610397575f5ffd5b50610339611688565b3480156103ab575f5ffd5b506102396103ba366004613d36565b611772565b6103396103cd366004613dd3565b611903565b3480156103dd575f5ffd5b506103395f5481565b3480156103f1575f5ffd5b50610447610400366004613d36565b5f90815260046020526040902080546001909101546fffffffffffffffffffffffffffffffff80831693700100000000000000000000000000000000909304811692911690565b60408051938452602084019290925290820152606001610211565b34801561046d575f5ffd5b5061023961047c366004613ded565b611b49565b34801561048c575f5ffd5b5061033961049b366004613d36565b611e60565b3480156104ab575f5ffd5b506102396104ba366004613e77565b611eea565b3480156104ca575f5ffd5b506103396104d9366004613d36565b612498565b3480156104e9575f5ffd5b506103396104f8366004613e97565b5f91825260036020908152604080842073ffffffffffffffffffffffffffffffffffffffff93909316845291905290205490565b348015610537575f5ffd5b50610339610546366004613ec1565b73ffffffffffffffffffffffffffffffffffffffff165f9081526005602052604090205490565b348015610578575f5ffd5b507f0000000000000000000000000000000000000000000000000000000000000000610279565b3480156105aa575f5ffd5b506105be6105b9366004613d36565b612725565b6040805173ffffffffffffffffffffffffffffffffffffffff909316835263ffffffff909116602083015201610211565b3480156105fa575f5ffd5b50610339610609366004613e97565b6127ce565b348015610619575f5ffd5b5061065f610628366004613e97565b5f91825260066020908152604080842073ffffffffffffffffffffffffffffffffffffffff93909316845291905290205460ff1690565b6040519015158152602001610211565b34801561067a575f5ffd5b5061068e610689366004613d36565b6128d7565b604051610211919061405a565b6102396106a9366004613d36565b612c27565b3480156106b9575f5ffd5b507f0000000000000000000000000000000000000000000000000000000000000000610279565b3480156106eb575f5ffd5b506103396312cc030081565b348015610702575f5ffd5b506102797f000000000000000000000000000000000000000000000000000000000000000081565b5f61073482612dad565b905061074281836003612e15565b6009810154790100000000000000000000000000000000000000000000000000900461ffff16156107d35760098101546040517f0792ccc70000000000000000000000000000000000000000000000000000000081526004810184905279010000000000000000000000000000000000000000000000000090910461ffff1660248201526044015b60405180910390fd5b600c81015468010000000000000000900467ffffffffffffffff1642101561084457600c8101546040517f891b78610000000000000000000000000000000000000000000000000000000081526801000000000000000090910467ffffffffffffffff1660048201526024016107ca565b600b810154600a82015473ffffffffffffffffffffffffffffffffffffffff909116906fffffffffffffffffffffffffffffffff70010000000000000000000000000000000082048116915f9161089d918491166141a6565b6009850180549192506004917fffffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffff16600160a01b8302179055505f85815260046020908152604080832080547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff8681169190911790915573ffffffffffffffffffffffffffffffffffffffff871684526005909252822080549185169290916109589084906141ce565b9091555050604080516fffffffffffffffffffffffffffffffff80851682528316602082015273ffffffffffffffffffffffffffffffffffffffff85169187917fdf01715a9cfc8c90fe891520a6f187c447c74181a4e015fbe9e628467a9071f6910160405180910390a36040517f7eee288d00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8481166004830152602482018790527f00000000000000000000000000000000000000000000000000000000000000001690637eee288d906044016020604051808303815f875af1158015610a55573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610a7991906141e1565b506040517fd7b7ce4200000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff84811660048301527f0000000000000000000000000000000000000000000000000000000000000000169063d7b7ce42906024015f604051808303815f87803b158015610b00575f5ffd5b505af1158015610b12573d5f5f3e3d5ffd5b505050505050505050565b5f610b2782612dad565b9050610b3581836002612e15565b600c81015467ffffffffffffffff164211610b8e57600c8101546040517f336d9e1700000000000000000000000000000000000000000000000000000000815267ffffffffffffffff90911660048201526024016107ca565b600b81015473ffffffffffffffffffffffffffffffffffffffff165f610bb5828583612e83565b5f85815260066020908152604080832073ffffffffffffffffffffffffffffffffffffffff871680855292529182902080547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0016600117905590519192509085907f6c824cc82239382c89711e47345227ceb53137c068153f1392e553362dcd172090610c459085815260200190565b60405180910390a3610c578385612e98565b50505050565b5f818152600260208190526040822060098101549091600160a01b90910460ff1690816005811115610c9157610c91613ff4565b1480610cae57506003816005811115610cac57610cac613ff4565b145b610cb8575f610cd4565b600b82015473ffffffffffffffffffffffffffffffffffffffff165b949350505050565b5f610ce682612dad565b9050610cf481836001612e15565b600b810154600160a01b900467ffffffffffffffff16421015610d5b57600b8101546040517f7fb851b6000000000000000000000000000000000000000000000000000000008152600160a01b90910467ffffffffffffffff1660048201526024016107ca565b600b81015473ffffffffffffffffffffffffffffffffffffffff1680610db957600c820154600670010000000000000000000000000000000090910460ff161015610daf57610daa8284612fe2565b505050565b610daa828461310c565b60098201545f90610dea907501000000000000000000000000000000000000000000900463ffffffff1660016141f8565b60078401549091505f90610e24907801000000000000000000000000000000000000000000000000900467ffffffffffffffff1642614214565b60098501805463ffffffff8516750100000000000000000000000000000000000000000081027fffffffffffffff0000000000ffffffffffffffffffffffffffffffffffffffff909216919091177402000000000000000000000000000000000000000017909155600c8601805467ffffffffffffffff84167fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000009091168117909155600a870154604080516fffffffffffffffffffffffffffffffff70010000000000000000000000000000000090930492909216825260208201939093529182015290915073ffffffffffffffffffffffffffffffffffffffff84169086907ffaa0fe0fd8169bdfefb1a86f966923f1e886f4244555d62c2b450877a919f545906060015b60405180910390a35050505050565b5f3373ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001614610fc9576040517fccb665a600000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f610fd383612dad565b6009810154909150600160a01b900460ff166003816005811115610ff957610ff9613ff4565b0361107357600c82015468010000000000000000900467ffffffffffffffff16421061106e57600c8201546040517f4046dd810000000000000000000000000000000000000000000000000000000081526801000000000000000090910467ffffffffffffffff1660048201526024016107ca565b6110c2565b600281600581111561108757611087613ff4565b146110c25783816040517fa5d15e1f0000000000000000000000000000000000000000000000000000000081526004016107ca929190614234565b6009820154790100000000000000000000000000000000000000000000000000900461ffff167fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00018101611141576040517f47edadb300000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b61114a81614248565b6009840180547fffffffffff0000ffffffffffffffffffffffffffffffffffffffffffffffffff1679010000000000000000000000000000000000000000000000000061ffff8416908102919091179182905560408051750100000000000000000000000000000000000000000090930463ffffffff16808452602084019290925290965091925086917f8b807393bc9ec1d4d926270a7f76a0217f6630c8e8568f72212e69880f1abe4f910160405180910390a2505050919050565b5f3373ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001614611277576040517fccb665a600000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f61128186612dad565b6009810154909150600160a01b900460ff1660028160058111156112a7576112a7613ff4565b141580156112c7575060038160058111156112c4576112c4613ff4565b14155b806112f85750600982015463ffffffff87811675010000000000000000000000000000000000000000009092041614155b8061132657506009820154790100000000000000000000000000000000000000000000000000900461ffff16155b1561136c576040517f04265f520000000000000000000000000000000000000000000000000000000081526004810188905263ffffffff871660248201526044016107ca565b600b82015473ffffffffffffffffffffffffffffffffffffffff168515611509575f611399828a336131d0565b5f8b815260066020908152604080832073ffffffffffffffffffffffffffffffffffffffff808916808652919093529281902080547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00166001908117909155905193995093945089169290918c917f108b8f4c2712ac0d71aa68875de24f6a88a766f6cd49183441b4f1d62398e9d99161144f918e91889063ffffffff9390931683529015156020830152604082015260600190565b60405180910390a46040517f58d3b6dc00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff83811660048301525f60248301527f000000000000000000000000000000000000000000000000000000000000000016906358d3b6dc906044015f604051808303815f87803b1580156114e3575f5ffd5b505af11580156114f5573d5f5f3e3d5ffd5b50505050611503848a612e98565b5061167d565b60098301805460199061153c90790100000000000000000000000000000000000000000000000000900461ffff16614268565b91906101000a81548161ffff021916908361ffff1602179055508473ffffffffffffffffffffffffffffffffffffffff168173ffffffffffffffffffffffffffffffffffffffff16897f108b8f4c2712ac0d71aa68875de24f6a88a766f6cd49183441b4f1d62398e9d98a5f5f6040516115d19392919063ffffffff9390931683529015156020830152604082015260600190565b60405180910390a46040517f58d3b6dc00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8281166004830152600160248301527f000000000000000000000000000000000000000000000000000000000000000016906358d3b6dc906044015f604051808303815f87803b158015611666575f5ffd5b505af1158015611678573d5f5f3e3d5ffd5b505050505b505050949350505050565b5f611691613361565b50335f90815260056020526040812054908190036116db576040517f969bf72800000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b335f908152600560205260408120819055600180548392906116fe9084906142a3565b909155505060405181815233907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d59060200160405180910390a261174233826133ba565b61176f6133b85f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f006133b2565b90565b5f61177c82612dad565b905061178a81836001612e15565b600981015473ffffffffffffffffffffffffffffffffffffffff1633146117dd576040517f1dba048e00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b600b81015473ffffffffffffffffffffffffffffffffffffffff168015610daf57600b820180547fffffffffffffffffffffffff0000000000000000000000000000000000000000169055600a820180546fffffffffffffffffffffffffffffffff1690556040517f7eee288d00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8281166004830152602482018590527f00000000000000000000000000000000000000000000000000000000000000001690637eee288d906044016020604051808303815f875af11580156118d4573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906118f891906141e1565b50610daa828461310c565b5f61190d82613450565b6fffffffffffffffffffffffffffffffff341115611957576040517f0625040100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f5f8154611964906142b6565b91829055505f81815260026020526040902090915082816119858282614337565b50506009810180547fffffffffffffffffffffff00000000000000000000000000000000000000000016337fffffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffff1617600160a01b179055600a810180547fffffffffffffffffffffffffffffffff0000000000000000000000000000000016346fffffffffffffffffffffffffffffffff161790555f611a2c610160850161014086016145b6565b611a369042614214565b600b8301805467ffffffffffffffff8316600160a01b027fffffffff0000000000000000ffffffffffffffffffffffffffffffffffffffff909116179055600c830180547fffffffffffffffffffffffffffffff00ffffffffffffffffffffffffffffffff1670010000000000000000000000000000000017905590503415611aef575f838152600360209081526040808320338452909152812034908190556001805491929091611ae99084906141ce565b90915550505b3373ffffffffffffffffffffffffffffffffffffffff16837f4ec30516fdfa4751af326a18b60acf028f4e85457c8db95ed0e9d1df466e9b82863485604051611b3a939291906145dc565b60405180910390a35050919050565b5f611b5386612dad565b9050611b6181876002612e15565b600b81015473ffffffffffffffffffffffffffffffffffffffff163314611bb4576040517ffb55adaf00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b600c81015467ffffffffffffffff16421115611c0e57600c8101546040517fbfb22adf00000000000000000000000000000000000000000000000000000000815267ffffffffffffffff90911660048201526024016107ca565b841580611c19575083155b15611c50576040517fb263ae7300000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b60068101545f90611c799067ffffffffffffffff68010000000000000000820481169116614732565b67ffffffffffffffff1690505f611c9d87611c956001856142a3565b848888613aea565b6040517f080000000000000000000000000000000000000000000000000000000000000060208201527fffffffff0000000000000000000000000000000000000000000000000000000060e085901b1660218201526025810182905290915086906045016040516020818303038152906040528051906020012014611d4e576040517fdff0f49b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b60088301545f90611d699067ffffffffffffffff1642614214565b6009850180547fffffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffff1674030000000000000000000000000000000000000000179055600c850180547fffffffffffffffffffffffffffffffff0000000000000000ffffffffffffffff166801000000000000000067ffffffffffffffff841690810291909117909155600d86018a9055600e8601899055600f8601849055604080518b8152602081018b905280820186905260608101929092525191925033918b917f0f0215b1d386d8a1cd6a32542985259b10314544dc8419b0ef624b4a280a4739919081900360800190a3505050505050505050565b5f620f4240611e9967ffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001684614761565b611ea690620f423f6141ce565b611eb09190614778565b611ee49067ffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000166141ce565b92915050565b5f611ef483612dad565b9050611f0281846001612e15565b600b810154600160a01b900467ffffffffffffffff164210611fbc57600b81015473ffffffffffffffffffffffffffffffffffffffff16151580611f635750600c810154600670010000000000000000000000000000000090910460ff1610155b15611fb257600b8101546040517fc9a980c1000000000000000000000000000000000000000000000000000000008152600160a01b90910467ffffffffffffffff1660048201526024016107ca565b611fbc8184612fe2565b6040517fc3c5a5470000000000000000000000000000000000000000000000000000000081523360048201527f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff169063c3c5a54790602401602060405180830381865afa158015612044573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190612068919061478b565b6120a0576040517fbfc6c3370000000000000000000000000000000000000000000000000000000081523360048201526024016107ca565b5f83815260066020908152604080832033845290915290205460ff16156120fc576040517fa6b8f82d000000000000000000000000000000000000000000000000000000008152600481018490523360248201526044016107ca565b6006810154600a8201546fffffffffffffffffffffffffffffffff700100000000000000000000000000000000909204821691168111156121505750600a8101546fffffffffffffffffffffffffffffffff165b80831115612194576040517f87ebe85d00000000000000000000000000000000000000000000000000000000815260048101849052602481018290526044016107ca565b600b82015473ffffffffffffffffffffffffffffffffffffffff1680158015906121e85750600a83015470010000000000000000000000000000000090046fffffffffffffffffffffffffffffffff168410155b1561225357600a8301546040517f1ccda2a2000000000000000000000000000000000000000000000000000000008152600481018690527001000000000000000000000000000000009091046fffffffffffffffffffffffffffffffff1660248201526044016107ca565b73ffffffffffffffffffffffffffffffffffffffff811633146124305773ffffffffffffffffffffffffffffffffffffffff811615612344576040517f7eee288d00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8281166004830152602482018790527f00000000000000000000000000000000000000000000000000000000000000001690637eee288d906044016020604051808303815f875af115801561231e573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061234291906141e1565b505b60078301546040517fe2ab691d000000000000000000000000000000000000000000000000000000008152336004820152602481018790526fffffffffffffffffffffffffffffffff90911660448201527f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff169063e2ab691d906064015f604051808303815f87803b1580156123ed575f5ffd5b505af11580156123ff573d5f5f3e3d5ffd5b505050600b840180547fffffffffffffffffffffffff00000000000000000000000000000000000000001633179055505b600a830180546fffffffffffffffffffffffffffffffff808716700100000000000000000000000000000000029116179055604051339086907f0e54eff26401bf69b81b26f60bd85ef47f5d85275c1d268d84f68d6897431c4790610f4a9088815260200190565b5f6124a1613361565b5f6124ab83612dad565b6009810154909150600160a01b900460ff1660048160058111156124d1576124d1613ff4565b141580156124f1575060058160058111156124ee576124ee613ff4565b14155b1561252c5783816040517fa5d15e1f0000000000000000000000000000000000000000000000000000000081526004016107ca929190614234565b5f8481526003602090815260408083203384529091528120549081900361257f576040517f969bf72800000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f85815260046020526040812060018101549091906125b19084906fffffffffffffffffffffffffffffffff166141ce565b600a8601549091506125da908390859084906fffffffffffffffffffffffffffffffff16613b04565b6001830180547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff848116919091179091558354919750879184916010916126499185917001000000000000000000000000000000009004166147a6565b82546fffffffffffffffffffffffffffffffff9182166101009390930a9283029190920219909116179055505f8781526003602090815260408083203384529091528120819055600180548892906126a29084906142a3565b9091555050604051868152339088907ff3f402280ef0a7905e124aa621b65eaeb2725c343e8b36d398ed78c29daf285c9060200160405180910390a385156126ee576126ee33876133ba565b50505050506127206133b85f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f006133b2565b919050565b5f818152600260208190526040822060098101548392600160a01b90910460ff169081600581111561275957612759613ff4565b14806127765750600381600581111561277457612774613ff4565b145b156127c75750600b81015460099091015473ffffffffffffffffffffffffffffffffffffffff90911694750100000000000000000000000000000000000000000090910463ffffffff169350915050565b5050915091565b5f82815260026020526040812060046009820154600160a01b900460ff1660058111156127fd576127fd613ff4565b1415801561282b575060056009820154600160a01b900460ff16600581111561282857612828613ff4565b14155b15612839575f915050611ee4565b5f84815260036020908152604080832073ffffffffffffffffffffffffffffffffffffffff871684529091528120549081900361287a575f92505050611ee4565b5f85815260046020526040902060018101546128cd90829084906128b19082906fffffffffffffffffffffffffffffffff166141ce565b600a8701546fffffffffffffffffffffffffffffffff16613b04565b9695505050505050565b60408051610380810182525f6101e08201818152610200830182905261022083018290526102408301829052610260830182905261028083018290526102a083018290526102c083018290526102e083018290526103008301829052610320830182905261034083018290526103608301829052825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810182905261018081018290526101a081018290526101c08101919091525f8281526002602081815260409283902083516103808101855281546101e0820190815260018301546102008301529382015461022082015260038201546102408201526004820154610260820152600580830154610280830152600683015467ffffffffffffffff8082166102a085015268010000000000000000820481166102c08501526fffffffffffffffffffffffffffffffff7001000000000000000000000000000000009283900481166102e08601526007860154908116610300860152918204811661032085015278010000000000000000000000000000000000000000000000009091048116610340840152600884015416610360830152938152600982015473ffffffffffffffffffffffffffffffffffffffff8116938201939093529390929084019160ff600160a01b9091041690811115612afd57612afd613ff4565b6005811115612b0e57612b0e613ff4565b815260098201547501000000000000000000000000000000000000000000810463ffffffff166020830152790100000000000000000000000000000000000000000000000000900461ffff166040820152600a8201546fffffffffffffffffffffffffffffffff808216606084015270010000000000000000000000000000000091829004166080830152600b83015473ffffffffffffffffffffffffffffffffffffffff811660a0840152600160a01b900467ffffffffffffffff90811660c0840152600c84015480821660e08501526801000000000000000081049091166101008401520460ff16610120820152600d820154610140820152600e820154610160820152600f909101546101809091015292915050565b345f03612c60576040517f1f2a200500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f612c6a82612dad565b9050612c7881836001612e15565b600a8101545f90612c9c9034906fffffffffffffffffffffffffffffffff166141ce565b90506fffffffffffffffffffffffffffffffff811115612ce8576040517f0625040100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b600a820180547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff83161790555f83815260036020908152604080832033845290915281208054349290612d4e9084906141ce565b925050819055503460015f828254612d6691906141ce565b90915550506040805134815260208101839052339185917f94091aba73cb1de49078ee312ee5a917b8fa93badf3c2ce89052b36e4ad315db910160405180910390a3505050565b5f818152600260205260408120906009820154600160a01b900460ff166005811115612ddb57612ddb613ff4565b03612720576040517f510aa5f0000000000000000000000000000000000000000000000000000000008152600481018390526024016107ca565b6009830154600160a01b900460ff16816005811115612e3657612e36613ff4565b816005811115612e4857612e48613ff4565b14610c575782816040517fa5d15e1f0000000000000000000000000000000000000000000000000000000081526004016107ca929190614234565b5f612e8f8484846131d0565b50949350505050565b60078201545f90612ec790700100000000000000000000000000000000900467ffffffffffffffff1642614214565b600984018054600c86018054600160a01b7fffffffffff0000ffffffff00ffffffffffffffffffffffffffffffffffffffff9093168317909355600b87018054600a890180546fffffffffffffffffffffffffffffffff16905567ffffffffffffffff86169384027fffffffff000000000000000000000000000000000000000000000000000000009091161790557fffffffffffffffffffffffffffffff0000000000000000000000000000000000909216700100000000000000000000000000000000179091555f600d8601819055600e8601819055600f86015560405190815290915082907f0529ddf5ec7856ee6c003154d2e3c465ce60c8f08e238dd8b5db6858a6aa49ca906020015b60405180910390a2505050565b60078201545f9061301190700100000000000000000000000000000000900467ffffffffffffffff1642614214565b600c8401549091505f9061303d90700100000000000000000000000000000000900460ff1660016147ce565b600b850180547fffffffff0000000000000000ffffffffffffffffffffffffffffffffffffffff16600160a01b67ffffffffffffffff861690810291909117909155600c860180547fffffffffffffffffffffffffffffff00ffffffffffffffffffffffffffffffff1670010000000000000000000000000000000060ff85169081029190911790915560408051918252602082019290925291925084917fa42da7471eeb50207cb1df2d922a8f1ee01dfcf29ec260a8a9805d45f2962c18910160405180910390a250505050565b600a8201546009830180547fffffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffff16740500000000000000000000000000000000000000001790555f8281526004602090815260409182902080546fffffffffffffffffffffffffffffffff9094167fffffffffffffffffffffffffffffffff0000000000000000000000000000000090941684179055905182815283917f7e3805011acb8d49832d7ef085841e251e66267c06e54e0ac20cb09f3c696d3b9101612fd5565b6040517f1590a37600000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8481166004830152602482018490525f9182917f00000000000000000000000000000000000000000000000000000000000000001690631590a37690604401602060405180830381865afa158015613265573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061328991906141e1565b91508115613359576040517fe76fede600000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8681166004830152602482018690526044820184905284811660648301527f0000000000000000000000000000000000000000000000000000000000000000169063e76fede69060840160408051808303815f875af1158015613331573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061335591906147e7565b5090505b935093915050565b61338b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c613b7a565b6133b860017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90613bb1565b565b5f8273ffffffffffffffffffffffffffffffffffffffff16826040515f6040518083038185875af1925050503d805f8114613410576040519150601f19603f3d011682016040523d82523d5f602084013e613415565b606091505b5050905080610daa576040517f90b8ec1800000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80356134b8576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600860248201527f737065634861736800000000000000000000000000000000000000000000000060448201526064016107ca565b6060810135613523576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152601060248201527f696e697469616c5374617465526f6f740000000000000000000000000000000060448201526064016107ca565b608081013561358e576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600960248201527f6772617068526f6f74000000000000000000000000000000000000000000000060448201526064016107ca565b60a08101356135f9576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600860248201527f64617461526f6f7400000000000000000000000000000000000000000000000060448201526064016107ca565b61360960e0820160c083016145b6565b67ffffffffffffffff165f0361367b576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600560248201527f737465707300000000000000000000000000000000000000000000000000000060448201526064016107ca565b61368c610100820160e083016145b6565b67ffffffffffffffff1615806136d557506136ae610100820160e083016145b6565b6136be60e0830160c084016145b6565b6136c89190614809565b67ffffffffffffffff1615155b806136fd575063ffffffff6136f1610100830160e084016145b6565b67ffffffffffffffff16115b8061373f575063ffffffff613719610100830160e084016145b6565b61372960e0840160c085016145b6565b6137339190614732565b67ffffffffffffffff16115b156137a6576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152601260248201527f636865636b706f696e74496e74657276616c000000000000000000000000000060448201526064016107ca565b6137b861012082016101008301614838565b6fffffffffffffffffffffffffffffffff165f03613832576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600860248201527f6d6178507269636500000000000000000000000000000000000000000000000060448201526064016107ca565b61384461014082016101208301614838565b6fffffffffffffffffffffffffffffffff165f036138be576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152601260248201527f7265717569726564436f6c6c61746572616c000000000000000000000000000060448201526064016107ca565b6138d0610160820161014083016145b6565b67ffffffffffffffff16158061390457506312cc03006138f8610160830161014084016145b6565b67ffffffffffffffff16115b1561396b576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600960248201527f62696457696e646f77000000000000000000000000000000000000000000000060448201526064016107ca565b6312cc0300613982610180830161016084016145b6565b67ffffffffffffffff1611806139d357506139b56139a660e0830160c084016145b6565b67ffffffffffffffff16611e60565b6139c7610180830161016084016145b6565b67ffffffffffffffff16105b15613a3a576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600f60248201527f657865637574696f6e57696e646f77000000000000000000000000000000000060448201526064016107ca565b613a4c6101a0820161018083016145b6565b67ffffffffffffffff161580613a8057506312cc0300613a746101a0830161018084016145b6565b67ffffffffffffffff16115b15613ae7576040517fa8c278dd00000000000000000000000000000000000000000000000000000000815260206004820152600f60248201527f6368616c6c656e676557696e646f77000000000000000000000000000000000060448201526064016107ca565b50565b5f8080526001869052602181206128cd9086868686613bb8565b5f818303613b47578454613b40906fffffffffffffffffffffffffffffffff7001000000000000000000000000000000008204811691166142a3565b9050610cd4565b84548290613b67906fffffffffffffffffffffffffffffffff1686614761565b613b719190614778565b95945050505050565b156133b8576040517f3ee5aeb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80825d5050565b5f838510613bfc576040517f979200ef00000000000000000000000000000000000000000000000000000000815260048101869052602481018590526044016107ca565b817fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff85810190820181901c151582151790821c151680613c72576040517fe9edcd3a00000000000000000000000000000000000000000000000000000000815260048101839052602481018790526044016107ca565b879250607f19607f60405101166001815260208101604082018960018a035f5f8b8960051b81015b80821015613d2257813585600188181115613cf2578e830360051c5b80851015613cd857858a528589526041601f8c01209550600185019450613cb6565b858214613cf057633e76752f5f52806020526024601cfd5b505b60018781166060028a81189e909e529c8818526041601f8a01209b95861c959490941c9360209190910190613c9a565b505050505050505050505095945050505050565b5f60208284031215613d46575f5ffd5b5035919050565b8015158114613ae7575f5ffd5b803573ffffffffffffffffffffffffffffffffffffffff81168114612720575f5ffd5b5f5f5f5f60808587031215613d90575f5ffd5b84359350602085013563ffffffff81168114613daa575f5ffd5b92506040850135613dba81613d4d565b9150613dc860608601613d5a565b905092959194509250565b5f6101a0828403128015613de5575f5ffd5b509092915050565b5f5f5f5f5f60808688031215613e01575f5ffd5b853594506020860135935060408601359250606086013567ffffffffffffffff811115613e2c575f5ffd5b8601601f81018813613e3c575f5ffd5b803567ffffffffffffffff811115613e52575f5ffd5b8860208260051b8401011115613e66575f5ffd5b959894975092955050506020019190565b5f5f60408385031215613e88575f5ffd5b50508035926020909101359150565b5f5f60408385031215613ea8575f5ffd5b82359150613eb860208401613d5a565b90509250929050565b5f60208284031215613ed1575f5ffd5b613eda82613d5a565b9392505050565b805182526020810151602083015260408101516040830152606081015160608301526080810151608083015260a081015160a083015260c0810151613f3260c084018267ffffffffffffffff169052565b5060e0810151613f4e60e084018267ffffffffffffffff169052565b50610100810151613f746101008401826fffffffffffffffffffffffffffffffff169052565b50610120810151613f9a6101208401826fffffffffffffffffffffffffffffffff169052565b50610140810151613fb861014084018267ffffffffffffffff169052565b50610160810151613fd661016084018267ffffffffffffffff169052565b50610180810151610daa61018084018267ffffffffffffffff169052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b60068110614056577f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b9052565b5f6103608201905061406d828451613ee1565b602083015173ffffffffffffffffffffffffffffffffffffffff166101a083015260408301516140a16101c0840182614021565b50606083015163ffffffff166101e0830152608083015161ffff1661020083015260a08301516fffffffffffffffffffffffffffffffff90811661022084015260c08401511661024083015260e083015173ffffffffffffffffffffffffffffffffffffffff1661026083015261010083015167ffffffffffffffff90811661028084015261012084015181166102a0840152610140840151166102c083015261016083015160ff166102e08301526101808301516103008301526101a08301516103208301526101c0909201516103409091015290565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b6fffffffffffffffffffffffffffffffff8281168282160390811115611ee457611ee4614179565b80820180821115611ee457611ee4614179565b5f602082840312156141f1575f5ffd5b5051919050565b63ffffffff8181168382160190811115611ee457611ee4614179565b67ffffffffffffffff8181168382160190811115611ee457611ee4614179565b82815260408101613eda6020830184614021565b5f61ffff821661ffff810361425f5761425f614179565b60010192915050565b5f61ffff82168061427b5761427b614179565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0192915050565b81810381811115611ee457611ee4614179565b5f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff82036142e6576142e6614179565b5060010190565b67ffffffffffffffff81168114613ae7575f5ffd5b5f8135611ee4816142ed565b6fffffffffffffffffffffffffffffffff81168114613ae7575f5ffd5b5f8135611ee48161430e565b813581556020820135600182015560408201356002820155606082013560038201556080820135600482015560a08201356005820155600681016143b661438060c08501614302565b82547fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000001667ffffffffffffffff91909116178255565b6144066143c560e08501614302565b82547fffffffffffffffffffffffffffffffff0000000000000000ffffffffffffffff1660409190911b6fffffffffffffffff000000000000000016178255565b614457614416610100850161432b565b82546fffffffffffffffffffffffffffffffff1660809190911b7fffffffffffffffffffffffffffffffff0000000000000000000000000000000016178255565b50600781016144aa61446c610120850161432b565b82547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff91909116178255565b6145036144ba6101408501614302565b82547fffffffffffffffff0000000000000000ffffffffffffffffffffffffffffffff1660809190911b77ffffffffffffffff0000000000000000000000000000000016178255565b61455c6145136101608501614302565b825477ffffffffffffffffffffffffffffffffffffffffffffffff1660c09190911b7fffffffffffffffff00000000000000000000000000000000000000000000000016178255565b506145a761456d6101808401614302565b6008830167ffffffffffffffff82167fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000008254161781555050565b5050565b8035612720816142ed565b5f602082840312156145c6575f5ffd5b8135613eda816142ed565b80356127208161430e565b833581526020808501359082015260408085013590820152606080850135908201526080808501359082015260a080850135908201526101e0810161462360c086016145ab565b67ffffffffffffffff1660c083015261463e60e086016145ab565b67ffffffffffffffff1660e083015261465a61010086016145d1565b6fffffffffffffffffffffffffffffffff1661010083015261467f61012086016145d1565b6fffffffffffffffffffffffffffffffff166101208301526146a461014086016145ab565b67ffffffffffffffff166101408301526146c161016086016145ab565b67ffffffffffffffff166101608301526146de61018086016145ab565b67ffffffffffffffff9081166101808401526101a0830185905283166101c0830152610cd4565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b5f67ffffffffffffffff83168061474b5761474b614705565b8067ffffffffffffffff84160491505092915050565b8082028115828204841417611ee457611ee4614179565b5f8261478657614786614705565b500490565b5f6020828403121561479b575f5ffd5b8151613eda81613d4d565b6fffffffffffffffffffffffffffffffff8181168382160190811115611ee457611ee4614179565b60ff8181168382160190811115611ee457611ee4614179565b5f5f604083850312156147f8575f5ffd5b505080516020909101519092909150565b5f67ffffffffffffffff83168061482257614822614705565b8067ffffffffffffffff84160691505092915050565b5f60208284031215614848575f5ffd5b8135613eda8161430e56",
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
// Solidity: constructor(address stakeManager_, address nodeRegistry_, address arbiter_, uint64 minExecutionWindow_, uint64 minStepMicros_) returns()
func (jobMarket *JobMarket) PackConstructor(stakeManager_ common.Address, nodeRegistry_ common.Address, arbiter_ common.Address, minExecutionWindow_ uint64, minStepMicros_ uint64) []byte {
	enc, err := jobMarket.abi.Pack("", stakeManager_, nodeRegistry_, arbiter_, minExecutionWindow_, minStepMicros_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackMAXAUCTIONS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3af17032.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_AUCTIONS() view returns(uint8)
func (jobMarket *JobMarket) PackMAXAUCTIONS() []byte {
	enc, err := jobMarket.abi.Pack("MAX_AUCTIONS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXAUCTIONS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3af17032.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_AUCTIONS() view returns(uint8)
func (jobMarket *JobMarket) TryPackMAXAUCTIONS() ([]byte, error) {
	return jobMarket.abi.Pack("MAX_AUCTIONS")
}

// UnpackMAXAUCTIONS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3af17032.
//
// Solidity: function MAX_AUCTIONS() view returns(uint8)
func (jobMarket *JobMarket) UnpackMAXAUCTIONS(data []byte) (uint8, error) {
	out, err := jobMarket.abi.Unpack("MAX_AUCTIONS", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
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

// PackAssignmentOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7c0cc106.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function assignmentOf(uint256 jobId) view returns(address worker, uint32 round)
func (jobMarket *JobMarket) PackAssignmentOf(jobId *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("assignmentOf", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAssignmentOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7c0cc106.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function assignmentOf(uint256 jobId) view returns(address worker, uint32 round)
func (jobMarket *JobMarket) TryPackAssignmentOf(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("assignmentOf", jobId)
}

// AssignmentOfOutput serves as a container for the return parameters of contract
// method AssignmentOf.
type AssignmentOfOutput struct {
	Worker common.Address
	Round  uint32
}

// UnpackAssignmentOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7c0cc106.
//
// Solidity: function assignmentOf(uint256 jobId) view returns(address worker, uint32 round)
func (jobMarket *JobMarket) UnpackAssignmentOf(data []byte) (AssignmentOfOutput, error) {
	out, err := jobMarket.abi.Unpack("assignmentOf", data)
	outstruct := new(AssignmentOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Worker = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.Round = *abi.ConvertType(out[1], new(uint32)).(*uint32)
	return *outstruct, nil
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
// Solidity: function getJob(uint256 jobId) view returns(((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint128,uint128,uint64,uint64,uint64),address,uint8,uint32,uint16,uint128,uint128,address,uint64,uint64,uint64,uint8,bytes32,bytes32,bytes32))
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
// Solidity: function getJob(uint256 jobId) view returns(((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint128,uint128,uint64,uint64,uint64),address,uint8,uint32,uint16,uint128,uint128,address,uint64,uint64,uint64,uint8,bytes32,bytes32,bytes32))
func (jobMarket *JobMarket) TryPackGetJob(jobId *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("getJob", jobId)
}

// UnpackGetJob is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbf22c457.
//
// Solidity: function getJob(uint256 jobId) view returns(((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint128,uint128,uint64,uint64,uint64),address,uint8,uint32,uint16,uint128,uint128,address,uint64,uint64,uint64,uint8,bytes32,bytes32,bytes32))
func (jobMarket *JobMarket) UnpackGetJob(data []byte) (IJobMarketJob, error) {
	out, err := jobMarket.abi.Unpack("getJob", data)
	if err != nil {
		return *new(IJobMarketJob), err
	}
	out0 := *abi.ConvertType(out[0], new(IJobMarketJob)).(*IJobMarketJob)
	return out0, nil
}

// PackIsBarred is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa6317d2a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isBarred(uint256 jobId, address worker) view returns(bool)
func (jobMarket *JobMarket) PackIsBarred(jobId *big.Int, worker common.Address) []byte {
	enc, err := jobMarket.abi.Pack("isBarred", jobId, worker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsBarred is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa6317d2a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isBarred(uint256 jobId, address worker) view returns(bool)
func (jobMarket *JobMarket) TryPackIsBarred(jobId *big.Int, worker common.Address) ([]byte, error) {
	return jobMarket.abi.Pack("isBarred", jobId, worker)
}

// UnpackIsBarred is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa6317d2a.
//
// Solidity: function isBarred(uint256 jobId, address worker) view returns(bool)
func (jobMarket *JobMarket) UnpackIsBarred(data []byte) (bool, error) {
	out, err := jobMarket.abi.Unpack("isBarred", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
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

// PackMinExecutionTime is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x509db346.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minExecutionTime(uint256 steps) view returns(uint256)
func (jobMarket *JobMarket) PackMinExecutionTime(steps *big.Int) []byte {
	enc, err := jobMarket.abi.Pack("minExecutionTime", steps)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinExecutionTime is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x509db346.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minExecutionTime(uint256 steps) view returns(uint256)
func (jobMarket *JobMarket) TryPackMinExecutionTime(steps *big.Int) ([]byte, error) {
	return jobMarket.abi.Pack("minExecutionTime", steps)
}

// UnpackMinExecutionTime is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x509db346.
//
// Solidity: function minExecutionTime(uint256 steps) view returns(uint256)
func (jobMarket *JobMarket) UnpackMinExecutionTime(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("minExecutionTime", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMinExecutionWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x041d0ab7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minExecutionWindow() view returns(uint64)
func (jobMarket *JobMarket) PackMinExecutionWindow() []byte {
	enc, err := jobMarket.abi.Pack("minExecutionWindow")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinExecutionWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x041d0ab7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minExecutionWindow() view returns(uint64)
func (jobMarket *JobMarket) TryPackMinExecutionWindow() ([]byte, error) {
	return jobMarket.abi.Pack("minExecutionWindow")
}

// UnpackMinExecutionWindow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x041d0ab7.
//
// Solidity: function minExecutionWindow() view returns(uint64)
func (jobMarket *JobMarket) UnpackMinExecutionWindow(data []byte) (uint64, error) {
	out, err := jobMarket.abi.Unpack("minExecutionWindow", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackMinStepMicros is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x15aebbe3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minStepMicros() view returns(uint64)
func (jobMarket *JobMarket) PackMinStepMicros() []byte {
	enc, err := jobMarket.abi.Pack("minStepMicros")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinStepMicros is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x15aebbe3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minStepMicros() view returns(uint64)
func (jobMarket *JobMarket) TryPackMinStepMicros() ([]byte, error) {
	return jobMarket.abi.Pack("minStepMicros")
}

// UnpackMinStepMicros is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x15aebbe3.
//
// Solidity: function minStepMicros() view returns(uint64)
func (jobMarket *JobMarket) UnpackMinStepMicros(data []byte) (uint64, error) {
	out, err := jobMarket.abi.Unpack("minStepMicros", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
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
// Solidity: function resolveDispute(uint256 jobId, uint32 round, bool workerLost, address challenger) returns(uint256 reward)
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
// Solidity: function resolveDispute(uint256 jobId, uint32 round, bool workerLost, address challenger) returns(uint256 reward)
func (jobMarket *JobMarket) TryPackResolveDispute(jobId *big.Int, round uint32, workerLost bool, challenger common.Address) ([]byte, error) {
	return jobMarket.abi.Pack("resolveDispute", jobId, round, workerLost, challenger)
}

// UnpackResolveDispute is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x29ff9556.
//
// Solidity: function resolveDispute(uint256 jobId, uint32 round, bool workerLost, address challenger) returns(uint256 reward)
func (jobMarket *JobMarket) UnpackResolveDispute(data []byte) (*big.Int, error) {
	out, err := jobMarket.abi.Unpack("resolveDispute", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
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
// the contract method with ID 0x4ee8dc4b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function submitResult(uint256 jobId, bytes32 finalModelRoot, bytes32 checkpointsRoot, bytes32[] lastCheckpointProof) returns()
func (jobMarket *JobMarket) PackSubmitResult(jobId *big.Int, finalModelRoot [32]byte, checkpointsRoot [32]byte, lastCheckpointProof [][32]byte) []byte {
	enc, err := jobMarket.abi.Pack("submitResult", jobId, finalModelRoot, checkpointsRoot, lastCheckpointProof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSubmitResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4ee8dc4b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function submitResult(uint256 jobId, bytes32 finalModelRoot, bytes32 checkpointsRoot, bytes32[] lastCheckpointProof) returns()
func (jobMarket *JobMarket) TryPackSubmitResult(jobId *big.Int, finalModelRoot [32]byte, checkpointsRoot [32]byte, lastCheckpointProof [][32]byte) ([]byte, error) {
	return jobMarket.abi.Pack("submitResult", jobId, finalModelRoot, checkpointsRoot, lastCheckpointProof)
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

// JobMarketAuctionRestarted represents a AuctionRestarted event raised by the JobMarket contract.
type JobMarketAuctionRestarted struct {
	JobId         *big.Int
	Auctions      uint8
	BiddingEndsAt *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const JobMarketAuctionRestartedEventName = "AuctionRestarted"

// ContractEventName returns the user-defined event name.
func (JobMarketAuctionRestarted) ContractEventName() string {
	return JobMarketAuctionRestartedEventName
}

// UnpackAuctionRestartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AuctionRestarted(uint256 indexed jobId, uint8 auctions, uint256 biddingEndsAt)
func (jobMarket *JobMarket) UnpackAuctionRestartedEvent(log *types.Log) (*JobMarketAuctionRestarted, error) {
	event := "AuctionRestarted"
	if len(log.Topics) == 0 || log.Topics[0] != jobMarket.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(JobMarketAuctionRestarted)
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
	CheckpointsList [32]byte
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
// Solidity: event ResultSubmitted(uint256 indexed jobId, address indexed worker, bytes32 finalModelRoot, bytes32 checkpointsRoot, bytes32 checkpointsList, uint256 challengeEndsAt)
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
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["BadCheckpointsRoot"].ID.Bytes()[:4]) {
		return jobMarket.UnpackBadCheckpointsRootError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["Barred"].ID.Bytes()[:4]) {
		return jobMarket.UnpackBarredError(raw[4:])
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
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["ProofDepth"].ID.Bytes()[:4]) {
		return jobMarket.UnpackProofDepthError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobMarket.abi.Errors["ProofIndex"].ID.Bytes()[:4]) {
		return jobMarket.UnpackProofIndexError(raw[4:])
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

// JobMarketBadCheckpointsRoot represents a BadCheckpointsRoot error raised by the JobMarket contract.
type JobMarketBadCheckpointsRoot struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadCheckpointsRoot()
func JobMarketBadCheckpointsRootErrorID() common.Hash {
	return common.HexToHash("0xdff0f49b0c843eb0d8068b5dd4a9757f9464ed2836a6f28c5b515a147444139e")
}

// UnpackBadCheckpointsRootError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadCheckpointsRoot()
func (jobMarket *JobMarket) UnpackBadCheckpointsRootError(raw []byte) (*JobMarketBadCheckpointsRoot, error) {
	out := new(JobMarketBadCheckpointsRoot)
	if err := jobMarket.abi.UnpackIntoInterface(out, "BadCheckpointsRoot", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketBarred represents a Barred error raised by the JobMarket contract.
type JobMarketBarred struct {
	JobId  *big.Int
	Worker common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Barred(uint256 jobId, address worker)
func JobMarketBarredErrorID() common.Hash {
	return common.HexToHash("0xa6b8f82df38d861c24799d5bf4af19542a0bb0f3129143524be62c2f77e67913")
}

// UnpackBarredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Barred(uint256 jobId, address worker)
func (jobMarket *JobMarket) UnpackBarredError(raw []byte) (*JobMarketBarred, error) {
	out := new(JobMarketBarred)
	if err := jobMarket.abi.UnpackIntoInterface(out, "Barred", raw); err != nil {
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

// JobMarketProofDepth represents a ProofDepth error raised by the JobMarket contract.
type JobMarketProofDepth struct {
	Siblings *big.Int
	Count    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofDepth(uint256 siblings, uint256 count)
func JobMarketProofDepthErrorID() common.Hash {
	return common.HexToHash("0xe9edcd3a16679906cfd7eeb1aa7084ad6e5f58da44224e98b8e4d2ab8e872398")
}

// UnpackProofDepthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofDepth(uint256 siblings, uint256 count)
func (jobMarket *JobMarket) UnpackProofDepthError(raw []byte) (*JobMarketProofDepth, error) {
	out := new(JobMarketProofDepth)
	if err := jobMarket.abi.UnpackIntoInterface(out, "ProofDepth", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobMarketProofIndex represents a ProofIndex error raised by the JobMarket contract.
type JobMarketProofIndex struct {
	Index *big.Int
	Count *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofIndex(uint256 index, uint256 count)
func JobMarketProofIndexErrorID() common.Hash {
	return common.HexToHash("0x979200efd5a25e2ea486121a2fb91a1cde5b1ff0092f646e836bd10e4534aff1")
}

// UnpackProofIndexError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofIndex(uint256 index, uint256 count)
func (jobMarket *JobMarket) UnpackProofIndexError(raw []byte) (*JobMarketProofIndex, error) {
	out := new(JobMarketProofIndex)
	if err := jobMarket.abi.UnpackIntoInterface(out, "ProofIndex", raw); err != nil {
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
