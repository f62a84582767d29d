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

// ICommitmentInboxBatch is an auto generated low-level Go binding around an user-defined struct.
type ICommitmentInboxBatch struct {
	Root     [32]byte
	Size     uint32
	PostedAt uint64
}

// ICommitmentInboxCommitment is an auto generated low-level Go binding around an user-defined struct.
type ICommitmentInboxCommitment struct {
	JobId      uint64
	Round      uint32
	Checkpoint uint32
	StateRoot  [32]byte
	Worker     common.Address
}

// CommitmentInboxMetaData contains all meta data concerning the CommitmentInbox contract.
var CommitmentInboxMetaData = bind.MetaData{
	ABI: "[{\"type\":\"constructor\",\"inputs\":[{\"name\":\"sequencer_\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"jobMarket_\",\"type\":\"address\",\"internalType\":\"contractIJobMarket\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"COMMITMENT_TYPEHASH\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"FORCED\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"batchCount\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"commitmentDigest\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"computeRoot\",\"inputs\":[{\"name\":\"entries\",\"type\":\"bytes\",\"internalType\":\"bytes\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"domainSeparator\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"eip712Domain\",\"inputs\":[],\"outputs\":[{\"name\":\"fields\",\"type\":\"bytes1\",\"internalType\":\"bytes1\"},{\"name\":\"name\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"version\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"verifyingContract\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"salt\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"extensions\",\"type\":\"uint256[]\",\"internalType\":\"uint256[]\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"encodeEntry\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes\",\"internalType\":\"bytes\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"forceInclude\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]}],\"outputs\":[{\"name\":\"leaf\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"forcedAt\",\"inputs\":[{\"name\":\"leaf\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"timestamp\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"getBatch\",\"inputs\":[{\"name\":\"batchIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Batch\",\"components\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"size\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"postedAt\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"isIncluded\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"name\":\"batchIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"leafIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"proof\",\"type\":\"bytes32[]\",\"internalType\":\"bytes32[]\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bool\",\"internalType\":\"bool\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"jobMarket\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"leafOf\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"postBatch\",\"inputs\":[{\"name\":\"entries\",\"type\":\"bytes\",\"internalType\":\"bytes\"}],\"outputs\":[{\"name\":\"batchIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"sequencer\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"verifyCommitment\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"name\":\"signature\",\"type\":\"bytes\",\"internalType\":\"bytes\"},{\"name\":\"batchIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"leafIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"proof\",\"type\":\"bytes32[]\",\"internalType\":\"bytes32[]\"}],\"outputs\":[{\"name\":\"leaf\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"view\"},{\"type\":\"event\",\"name\":\"BatchPosted\",\"inputs\":[{\"name\":\"batchIndex\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"size\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"EIP712DomainChanged\",\"inputs\":[],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ForceIncluded\",\"inputs\":[{\"name\":\"leaf\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"jobId\",\"type\":\"uint64\",\"indexed\":true,\"internalType\":\"uint64\"},{\"name\":\"round\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"sender\",\"type\":\"address\",\"indexed\":false,\"internalType\":\"address\"}],\"anonymous\":false},{\"type\":\"error\",\"name\":\"AlreadyIncluded\",\"inputs\":[{\"name\":\"leaf\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"InvalidBatchLength\",\"inputs\":[{\"name\":\"length\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"InvalidShortString\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"InvalidSignature\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotAssignedWorker\",\"inputs\":[{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"assigned\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"NotIncluded\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotSequencer\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"StringTooLong\",\"inputs\":[{\"name\":\"str\",\"type\":\"string\",\"internalType\":\"string\"}]},{\"type\":\"error\",\"name\":\"UnknownBatch\",\"inputs\":[{\"name\":\"batchIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"WrongRound\",\"inputs\":[{\"name\":\"round\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"current\",\"type\":\"uint32\",\"internalType\":\"uint32\"}]},{\"type\":\"error\",\"name\":\"ZeroAddress\",\"inputs\":[]}]",
	ID:  "CommitmentInbox",
	Bin: "0x6101a0604052348015610010575f5ffd5b50604051611b97380380611b9783398101604081905261002f916101ca565b6040518060400160405280600681526020016533b2b739bcb760d11b815250604051806040016040528060018152602001603160f81b8152506100778261016d60201b60201c565b610120526100848161016d565b61014052815160208084019190912060e052815190820120610100524660a05261011060e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b038216158061013657506001600160a01b038116155b156101545760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0391821661016052166101805261025d565b5f5f829050601f815111156101a0578260405163305a27a960e01b81526004016101979190610202565b60405180910390fd5b80516101ab82610237565b179392505050565b6001600160a01b03811681146101c7575f5ffd5b50565b5f5f604083850312156101db575f5ffd5b82516101e6816101b3565b60208401519092506101f7816101b3565b809150509250929050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80516020808301519190811015610257575f198160200360031b1b821691505b50919050565b60805160a05160c05160e05161010051610120516101405161016051610180516118c76102d05f395f81816102e5015261051501525f8181610227015261071601525f6110e701525f6110bc01525f6111f101525f6111c901525f61112401525f61114e01525f61117801526118c75ff3fe608060405234801561000f575f5ffd5b5060043610610115575f3560e01c80635ac44282116100ad5780638feb8be41161007d578063c417273911610063578063c4172739146102c4578063c495fcda146102e3578063f698da2514610309575f5ffd5b80638feb8be41461029c578063c2196082146102a4575f5ffd5b80635ac44282146101dd5780635c1bba381461022257806368a544f91461026e57806384b0196e14610281575f5ffd5b806325ff43a8116100e857806325ff43a814610191578063260169ef146101a45780633293acc7146101b75780634300458f146101ca575f5ffd5b806304f032731461011957806306f130561461015357806314f227bc1461015b578063170b31c11461016e575b5f5ffd5b6101407f3d1cde408596fee9cdd8a75761e24398efeb5a0241c3aa67fe8c1947d762e91c81565b6040519081526020015b60405180910390f35b600254610140565b6101406101693660046113e4565b610311565b61018161017c36600461144d565b610321565b604051901515815260200161014a565b61014061019f3660046114f0565b6103b9565b6101406101b2366004611585565b6106fd565b6101406101c53660046113e4565b61090e565b6101406101d83660046113e4565b610a28565b6101f06101eb3660046115c4565b610b00565b604080518251815260208084015163ffffffff16908201529181015167ffffffffffffffff169082015260600161014a565b6102497f000000000000000000000000000000000000000000000000000000000000000081565b60405173ffffffffffffffffffffffffffffffffffffffff909116815260200161014a565b61014061027c366004611585565b610bc0565b610289610c24565b60405161014a9796959493929190611627565b6101405f1981565b6102b76102b23660046113e4565b610c82565b60405161014a91906116e6565b6101406102d23660046115c4565b60036020525f908152604090205481565b7f0000000000000000000000000000000000000000000000000000000000000000610249565b610140610d78565b5f61031b82610d86565b92915050565b5f5f61032c87610d86565b90505f19860361034d575f90815260036020526040902054151590506103b0565b600254861061035f575f9150506103b0565b5f60028781548110610373576103736116f8565b905f5260205f20906002020190506103ab8287836001015f9054906101000a900463ffffffff1663ffffffff168888865f0154610eab565b925050505b95945050505050565b5f5f1985141580156103cd57506002548510155b1561040c576040517f4392ee6a000000000000000000000000000000000000000000000000000000008152600481018690526024015b60405180910390fd5b6104198886868686610321565b61044f576040517f3d76489100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f5f61046461045d8b610a28565b8a8a610f66565b5090925090505f81600381111561047d5761047d611725565b1415806104c5575061049560a08b0160808c01611776565b73ffffffffffffffffffffffffffffffffffffffff168273ffffffffffffffffffffffffffffffffffffffff1614155b156104fc576040517f8baa579f00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f8073ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016637c0cc10661054760208f018f611791565b6040517fffffffff0000000000000000000000000000000000000000000000000000000060e084901b16815267ffffffffffffffff90911660048201526024016040805180830381865afa1580156105a1573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906105c591906117c9565b90925090506105da60a08d0160808e01611776565b73ffffffffffffffffffffffffffffffffffffffff168273ffffffffffffffffffffffffffffffffffffffff161461066f5761061c60a08d0160808e01611776565b6040517f0aa256f500000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff91821660048201529083166024820152604401610403565b61067f60408d0160208e01611801565b63ffffffff168163ffffffff16146106e4576106a160408d0160208e01611801565b6040517f3f1ccd8d00000000000000000000000000000000000000000000000000000000815263ffffffff91821660048201529082166024820152604401610403565b6106ed8c610d86565b9c9b505050505050505050505050565b5f3373ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000161461076d576040517f53e2827c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b818015806107845750610781604482611849565b15155b8061079c575063ffffffff61079a604483611889565b115b156107d6576040517f1a21851a00000000000000000000000000000000000000000000000000000000815260048101829052602401610403565b5f6107e2604483611889565b90505f6107ef8686610fad565b600280546040805160608101825284815263ffffffff8088166020830190815267ffffffffffffffff4281168486019081526001870188555f88905293519686027f405787fa12a823e0f2b7631cc41b3ba8828b3321ca811111fa75cd3aa3bb5ace81019790975590517f405787fa12a823e0f2b7631cc41b3ba8828b3321ca811111fa75cd3aa3bb5acf90960180549351909116640100000000027fffffffffffffffffffffffffffffffffffffffff000000000000000000000000909316959091169490941717909255905190955090915084907fc558088a64b73ef3529734e9b960779f9fdff3362b358d5657bedd86b98a3824906108fd9084908690918252602082015260400190565b60405180910390a250505092915050565b5f61091882610d86565b5f8181526003602052604090205490915015610963576040517f83c4b57900000000000000000000000000000000000000000000000000000000815260048101829052602401610403565b5f81815260036020526040902042905561098360a0830160808401611776565b73ffffffffffffffffffffffffffffffffffffffff166109a66020840184611791565b67ffffffffffffffff16827ffdaad3d5596a50f71cf6635fb2e4e111070981573a7a2fe82e0a9096352befc56109e26040870160208801611801565b6109f26060880160408901611801565b6040805163ffffffff938416815291909216602082015260608881013582840152339082015290519081900360800190a4919050565b5f61031b7f3d1cde408596fee9cdd8a75761e24398efeb5a0241c3aa67fe8c1947d762e91c610a5a6020850185611791565b610a6a6040860160208701611801565b610a7a6060870160408801611801565b6060870135610a8f60a0890160808a01611776565b60408051602081019790975267ffffffffffffffff9095169486019490945263ffffffff92831660608601529116608084015260a083015273ffffffffffffffffffffffffffffffffffffffff1660c082015260e0016040516020818303038152906040528051906020012061106e565b604080516060810182525f80825260208201819052918101919091526002548210610b5a576040517f4392ee6a00000000000000000000000000000000000000000000000000000000815260048101839052602401610403565b60028281548110610b6d57610b6d6116f8565b5f91825260209182902060408051606081018252600293909302909101805483526001015463ffffffff81169383019390935264010000000090920467ffffffffffffffff169181019190915292915050565b5f81801580610bd85750610bd5604482611849565b15155b15610c12576040517f1a21851a00000000000000000000000000000000000000000000000000000000815260048101829052602401610403565b610c1c8484610fad565b949350505050565b5f6060805f5f5f6060610c356110b5565b610c3d6110e0565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b6060610c916020830183611791565b610ca16040840160208501611801565b610cb16060850160408601611801565b6060850135610cc660a0870160808801611776565b60405160c09590951b7fffffffffffffffff00000000000000000000000000000000000000000000000016602086015260e093841b7fffffffff0000000000000000000000000000000000000000000000000000000090811660288701529290931b909116602c840152603083015260601b7fffffffffffffffffffffffffffffffffffffffff0000000000000000000000001660508201526064016040516020818303038152906040529050919050565b5f610d8161110b565b905090565b5f80610d956020840184611791565b610da56040850160208601611801565b610db56060860160408701611801565b6060860135610dca60a0880160808901611776565b6040517fff0000000000000000000000000000000000000000000000000000000000000096909616602087015260c09490941b7fffffffffffffffff00000000000000000000000000000000000000000000000016602186015260e092831b7fffffffff0000000000000000000000000000000000000000000000000000000090811660298701529190921b16602d840152603183015260601b7fffffffffffffffffffffffffffffffffffffffff000000000000000000000000166051820152606501604051602081830303815290604052805190602001209050919050565b5f848610610eba57505f610f5c565b865f5b6001871115610f495786886001181015610f3057848103610ee2575f92505050610f5c565b5f868683610eef8161189c565b9450818110610f0057610f006116f8565b905060200201359050886001165f14610f2257610f1d8184611241565b610f2c565b610f2c8382611241565b9250505b600197881c97610f4088826118b4565b901c9650610ebd565b8085148015610f5757508382145b925050505b9695505050505050565b5f80806041849003610f9a578435602086013560408701355f1a610f8c8982858561125e565b955095509550505050610fa4565b505f915060029050825b93509350939050565b5f60448204604051606081018260051b81016040525f82535f5b83811015610fef5760448082028801600185013760458320600582901b830152600101610fc7565b50600182535b6001831115611064578260011c5f5b8181101561103a578060061b8301805160018601526020810151602186015250604184208160051b840152600181019050611004565b506001841615611056576001840360051b8201518160051b8301525b600184168101935050610ff5565b5195945050505050565b5f61031b61107a61110b565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b6060610d817f0000000000000000000000000000000000000000000000000000000000000000611351565b6060610d817f0000000000000000000000000000000000000000000000000000000000000000611351565b5f3073ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001614801561117057507f000000000000000000000000000000000000000000000000000000000000000046145b1561119a57507f000000000000000000000000000000000000000000000000000000000000000090565b610d81604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b5f6040516001815360018101939093525060218201526041902090565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561129757505f91506003905082611347565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa1580156112e8573d5f5f3e3d5ffd5b50506040517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0015191505073ffffffffffffffffffffffffffffffffffffffff811661133e57505f925060019150829050611347565b92505f91508190505b9450945094915050565b60605f61135d8361138e565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f60ff8216601f81111561031b576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f60a082840312156113de575f5ffd5b50919050565b5f60a082840312156113f4575f5ffd5b6113fe83836113ce565b9392505050565b5f5f83601f840112611415575f5ffd5b50813567ffffffffffffffff81111561142c575f5ffd5b6020830191508360208260051b8501011115611446575f5ffd5b9250929050565b5f5f5f5f5f6101008688031215611462575f5ffd5b61146c87876113ce565b945060a0860135935060c0860135925060e086013567ffffffffffffffff811115611495575f5ffd5b6114a188828901611405565b969995985093965092949392505050565b5f5f83601f8401126114c2575f5ffd5b50813567ffffffffffffffff8111156114d9575f5ffd5b602083019150836020828501011115611446575f5ffd5b5f5f5f5f5f5f5f610120888a031215611507575f5ffd5b61151189896113ce565b965060a088013567ffffffffffffffff81111561152c575f5ffd5b6115388a828b016114b2565b90975095505060c0880135935060e0880135925061010088013567ffffffffffffffff811115611566575f5ffd5b6115728a828b01611405565b989b979a50959850939692959293505050565b5f5f60208385031215611596575f5ffd5b823567ffffffffffffffff8111156115ac575f5ffd5b6115b8858286016114b2565b90969095509350505050565b5f602082840312156115d4575f5ffd5b5035919050565b5f81518084528060208401602086015e5f6020828601015260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011685010191505092915050565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f61166160e08301896115db565b828103604084015261167381896115db565b6060840188905273ffffffffffffffffffffffffffffffffffffffff8716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b818110156116d55783518352602093840193909201916001016116b7565b50909b9a5050505050505050505050565b602081525f6113fe60208301846115db565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b73ffffffffffffffffffffffffffffffffffffffff81168114611773575f5ffd5b50565b5f60208284031215611786575f5ffd5b81356113fe81611752565b5f602082840312156117a1575f5ffd5b813567ffffffffffffffff811681146113fe575f5ffd5b63ffffffff81168114611773575f5ffd5b5f5f604083850312156117da575f5ffd5b82516117e581611752565b60208401519092506117f6816117b8565b809150509250929050565b5f60208284031215611811575f5ffd5b81356113fe816117b8565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b5f826118575761185761181c565b500690565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b5f826118975761189761181c565b500490565b5f5f1982036118ad576118ad61185c565b5060010190565b8082018082111561031b5761031b61185c56",
}

// CommitmentInbox is an auto generated Go binding around an Ethereum contract.
type CommitmentInbox struct {
	abi abi.ABI
}

// NewCommitmentInbox creates a new instance of CommitmentInbox.
func NewCommitmentInbox() *CommitmentInbox {
	parsed, err := CommitmentInboxMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &CommitmentInbox{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *CommitmentInbox) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address sequencer_, address jobMarket_) returns()
func (commitmentInbox *CommitmentInbox) PackConstructor(sequencer_ common.Address, jobMarket_ common.Address) []byte {
	enc, err := commitmentInbox.abi.Pack("", sequencer_, jobMarket_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackCOMMITMENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x04f03273.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function COMMITMENT_TYPEHASH() view returns(bytes32)
func (commitmentInbox *CommitmentInbox) PackCOMMITMENTTYPEHASH() []byte {
	enc, err := commitmentInbox.abi.Pack("COMMITMENT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCOMMITMENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x04f03273.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function COMMITMENT_TYPEHASH() view returns(bytes32)
func (commitmentInbox *CommitmentInbox) TryPackCOMMITMENTTYPEHASH() ([]byte, error) {
	return commitmentInbox.abi.Pack("COMMITMENT_TYPEHASH")
}

// UnpackCOMMITMENTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x04f03273.
//
// Solidity: function COMMITMENT_TYPEHASH() view returns(bytes32)
func (commitmentInbox *CommitmentInbox) UnpackCOMMITMENTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := commitmentInbox.abi.Unpack("COMMITMENT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackFORCED is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8feb8be4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function FORCED() view returns(uint256)
func (commitmentInbox *CommitmentInbox) PackFORCED() []byte {
	enc, err := commitmentInbox.abi.Pack("FORCED")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFORCED is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8feb8be4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function FORCED() view returns(uint256)
func (commitmentInbox *CommitmentInbox) TryPackFORCED() ([]byte, error) {
	return commitmentInbox.abi.Pack("FORCED")
}

// UnpackFORCED is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8feb8be4.
//
// Solidity: function FORCED() view returns(uint256)
func (commitmentInbox *CommitmentInbox) UnpackFORCED(data []byte) (*big.Int, error) {
	out, err := commitmentInbox.abi.Unpack("FORCED", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBatchCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06f13056.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function batchCount() view returns(uint256)
func (commitmentInbox *CommitmentInbox) PackBatchCount() []byte {
	enc, err := commitmentInbox.abi.Pack("batchCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBatchCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06f13056.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function batchCount() view returns(uint256)
func (commitmentInbox *CommitmentInbox) TryPackBatchCount() ([]byte, error) {
	return commitmentInbox.abi.Pack("batchCount")
}

// UnpackBatchCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06f13056.
//
// Solidity: function batchCount() view returns(uint256)
func (commitmentInbox *CommitmentInbox) UnpackBatchCount(data []byte) (*big.Int, error) {
	out, err := commitmentInbox.abi.Unpack("batchCount", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCommitmentDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4300458f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitmentDigest((uint64,uint32,uint32,bytes32,address) commitment) view returns(bytes32)
func (commitmentInbox *CommitmentInbox) PackCommitmentDigest(commitment ICommitmentInboxCommitment) []byte {
	enc, err := commitmentInbox.abi.Pack("commitmentDigest", commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitmentDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4300458f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commitmentDigest((uint64,uint32,uint32,bytes32,address) commitment) view returns(bytes32)
func (commitmentInbox *CommitmentInbox) TryPackCommitmentDigest(commitment ICommitmentInboxCommitment) ([]byte, error) {
	return commitmentInbox.abi.Pack("commitmentDigest", commitment)
}

// UnpackCommitmentDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4300458f.
//
// Solidity: function commitmentDigest((uint64,uint32,uint32,bytes32,address) commitment) view returns(bytes32)
func (commitmentInbox *CommitmentInbox) UnpackCommitmentDigest(data []byte) ([32]byte, error) {
	out, err := commitmentInbox.abi.Unpack("commitmentDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackComputeRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x68a544f9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function computeRoot(bytes entries) pure returns(bytes32)
func (commitmentInbox *CommitmentInbox) PackComputeRoot(entries []byte) []byte {
	enc, err := commitmentInbox.abi.Pack("computeRoot", entries)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackComputeRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x68a544f9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function computeRoot(bytes entries) pure returns(bytes32)
func (commitmentInbox *CommitmentInbox) TryPackComputeRoot(entries []byte) ([]byte, error) {
	return commitmentInbox.abi.Pack("computeRoot", entries)
}

// UnpackComputeRoot is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x68a544f9.
//
// Solidity: function computeRoot(bytes entries) pure returns(bytes32)
func (commitmentInbox *CommitmentInbox) UnpackComputeRoot(data []byte) ([32]byte, error) {
	out, err := commitmentInbox.abi.Unpack("computeRoot", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (commitmentInbox *CommitmentInbox) PackDomainSeparator() []byte {
	enc, err := commitmentInbox.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (commitmentInbox *CommitmentInbox) TryPackDomainSeparator() ([]byte, error) {
	return commitmentInbox.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (commitmentInbox *CommitmentInbox) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := commitmentInbox.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (commitmentInbox *CommitmentInbox) PackEip712Domain() []byte {
	enc, err := commitmentInbox.abi.Pack("eip712Domain")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (commitmentInbox *CommitmentInbox) TryPackEip712Domain() ([]byte, error) {
	return commitmentInbox.abi.Pack("eip712Domain")
}

// Eip712DomainOutput serves as a container for the return parameters of contract
// method Eip712Domain.
type Eip712DomainOutput struct {
	Fields            [1]byte
	Name              string
	Version           string
	ChainId           *big.Int
	VerifyingContract common.Address
	Salt              [32]byte
	Extensions        []*big.Int
}

// UnpackEip712Domain is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84b0196e.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (commitmentInbox *CommitmentInbox) UnpackEip712Domain(data []byte) (Eip712DomainOutput, error) {
	out, err := commitmentInbox.abi.Unpack("eip712Domain", data)
	outstruct := new(Eip712DomainOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Fields = *abi.ConvertType(out[0], new([1]byte)).(*[1]byte)
	outstruct.Name = *abi.ConvertType(out[1], new(string)).(*string)
	outstruct.Version = *abi.ConvertType(out[2], new(string)).(*string)
	outstruct.ChainId = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.VerifyingContract = *abi.ConvertType(out[4], new(common.Address)).(*common.Address)
	outstruct.Salt = *abi.ConvertType(out[5], new([32]byte)).(*[32]byte)
	outstruct.Extensions = *abi.ConvertType(out[6], new([]*big.Int)).(*[]*big.Int)
	return *outstruct, nil
}

// PackEncodeEntry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc2196082.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function encodeEntry((uint64,uint32,uint32,bytes32,address) commitment) pure returns(bytes)
func (commitmentInbox *CommitmentInbox) PackEncodeEntry(commitment ICommitmentInboxCommitment) []byte {
	enc, err := commitmentInbox.abi.Pack("encodeEntry", commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEncodeEntry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc2196082.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function encodeEntry((uint64,uint32,uint32,bytes32,address) commitment) pure returns(bytes)
func (commitmentInbox *CommitmentInbox) TryPackEncodeEntry(commitment ICommitmentInboxCommitment) ([]byte, error) {
	return commitmentInbox.abi.Pack("encodeEntry", commitment)
}

// UnpackEncodeEntry is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc2196082.
//
// Solidity: function encodeEntry((uint64,uint32,uint32,bytes32,address) commitment) pure returns(bytes)
func (commitmentInbox *CommitmentInbox) UnpackEncodeEntry(data []byte) ([]byte, error) {
	out, err := commitmentInbox.abi.Unpack("encodeEntry", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackForceInclude is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3293acc7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function forceInclude((uint64,uint32,uint32,bytes32,address) commitment) returns(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) PackForceInclude(commitment ICommitmentInboxCommitment) []byte {
	enc, err := commitmentInbox.abi.Pack("forceInclude", commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackForceInclude is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3293acc7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function forceInclude((uint64,uint32,uint32,bytes32,address) commitment) returns(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) TryPackForceInclude(commitment ICommitmentInboxCommitment) ([]byte, error) {
	return commitmentInbox.abi.Pack("forceInclude", commitment)
}

// UnpackForceInclude is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3293acc7.
//
// Solidity: function forceInclude((uint64,uint32,uint32,bytes32,address) commitment) returns(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) UnpackForceInclude(data []byte) ([32]byte, error) {
	out, err := commitmentInbox.abi.Unpack("forceInclude", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackForcedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc4172739.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function forcedAt(bytes32 leaf) view returns(uint256 timestamp)
func (commitmentInbox *CommitmentInbox) PackForcedAt(leaf [32]byte) []byte {
	enc, err := commitmentInbox.abi.Pack("forcedAt", leaf)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackForcedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc4172739.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function forcedAt(bytes32 leaf) view returns(uint256 timestamp)
func (commitmentInbox *CommitmentInbox) TryPackForcedAt(leaf [32]byte) ([]byte, error) {
	return commitmentInbox.abi.Pack("forcedAt", leaf)
}

// UnpackForcedAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc4172739.
//
// Solidity: function forcedAt(bytes32 leaf) view returns(uint256 timestamp)
func (commitmentInbox *CommitmentInbox) UnpackForcedAt(data []byte) (*big.Int, error) {
	out, err := commitmentInbox.abi.Unpack("forcedAt", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5ac44282.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getBatch(uint256 batchIndex) view returns((bytes32,uint32,uint64))
func (commitmentInbox *CommitmentInbox) PackGetBatch(batchIndex *big.Int) []byte {
	enc, err := commitmentInbox.abi.Pack("getBatch", batchIndex)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5ac44282.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getBatch(uint256 batchIndex) view returns((bytes32,uint32,uint64))
func (commitmentInbox *CommitmentInbox) TryPackGetBatch(batchIndex *big.Int) ([]byte, error) {
	return commitmentInbox.abi.Pack("getBatch", batchIndex)
}

// UnpackGetBatch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5ac44282.
//
// Solidity: function getBatch(uint256 batchIndex) view returns((bytes32,uint32,uint64))
func (commitmentInbox *CommitmentInbox) UnpackGetBatch(data []byte) (ICommitmentInboxBatch, error) {
	out, err := commitmentInbox.abi.Unpack("getBatch", data)
	if err != nil {
		return *new(ICommitmentInboxBatch), err
	}
	out0 := *abi.ConvertType(out[0], new(ICommitmentInboxBatch)).(*ICommitmentInboxBatch)
	return out0, nil
}

// PackIsIncluded is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x170b31c1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isIncluded((uint64,uint32,uint32,bytes32,address) commitment, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bool)
func (commitmentInbox *CommitmentInbox) PackIsIncluded(commitment ICommitmentInboxCommitment, batchIndex *big.Int, leafIndex *big.Int, proof [][32]byte) []byte {
	enc, err := commitmentInbox.abi.Pack("isIncluded", commitment, batchIndex, leafIndex, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsIncluded is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x170b31c1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isIncluded((uint64,uint32,uint32,bytes32,address) commitment, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bool)
func (commitmentInbox *CommitmentInbox) TryPackIsIncluded(commitment ICommitmentInboxCommitment, batchIndex *big.Int, leafIndex *big.Int, proof [][32]byte) ([]byte, error) {
	return commitmentInbox.abi.Pack("isIncluded", commitment, batchIndex, leafIndex, proof)
}

// UnpackIsIncluded is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x170b31c1.
//
// Solidity: function isIncluded((uint64,uint32,uint32,bytes32,address) commitment, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bool)
func (commitmentInbox *CommitmentInbox) UnpackIsIncluded(data []byte) (bool, error) {
	out, err := commitmentInbox.abi.Unpack("isIncluded", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackJobMarket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc495fcda.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function jobMarket() view returns(address)
func (commitmentInbox *CommitmentInbox) PackJobMarket() []byte {
	enc, err := commitmentInbox.abi.Pack("jobMarket")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackJobMarket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc495fcda.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function jobMarket() view returns(address)
func (commitmentInbox *CommitmentInbox) TryPackJobMarket() ([]byte, error) {
	return commitmentInbox.abi.Pack("jobMarket")
}

// UnpackJobMarket is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc495fcda.
//
// Solidity: function jobMarket() view returns(address)
func (commitmentInbox *CommitmentInbox) UnpackJobMarket(data []byte) (common.Address, error) {
	out, err := commitmentInbox.abi.Unpack("jobMarket", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackLeafOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x14f227bc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function leafOf((uint64,uint32,uint32,bytes32,address) commitment) pure returns(bytes32)
func (commitmentInbox *CommitmentInbox) PackLeafOf(commitment ICommitmentInboxCommitment) []byte {
	enc, err := commitmentInbox.abi.Pack("leafOf", commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLeafOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x14f227bc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function leafOf((uint64,uint32,uint32,bytes32,address) commitment) pure returns(bytes32)
func (commitmentInbox *CommitmentInbox) TryPackLeafOf(commitment ICommitmentInboxCommitment) ([]byte, error) {
	return commitmentInbox.abi.Pack("leafOf", commitment)
}

// UnpackLeafOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x14f227bc.
//
// Solidity: function leafOf((uint64,uint32,uint32,bytes32,address) commitment) pure returns(bytes32)
func (commitmentInbox *CommitmentInbox) UnpackLeafOf(data []byte) ([32]byte, error) {
	out, err := commitmentInbox.abi.Unpack("leafOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackPostBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x260169ef.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function postBatch(bytes entries) returns(uint256 batchIndex)
func (commitmentInbox *CommitmentInbox) PackPostBatch(entries []byte) []byte {
	enc, err := commitmentInbox.abi.Pack("postBatch", entries)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPostBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x260169ef.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function postBatch(bytes entries) returns(uint256 batchIndex)
func (commitmentInbox *CommitmentInbox) TryPackPostBatch(entries []byte) ([]byte, error) {
	return commitmentInbox.abi.Pack("postBatch", entries)
}

// UnpackPostBatch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x260169ef.
//
// Solidity: function postBatch(bytes entries) returns(uint256 batchIndex)
func (commitmentInbox *CommitmentInbox) UnpackPostBatch(data []byte) (*big.Int, error) {
	out, err := commitmentInbox.abi.Unpack("postBatch", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSequencer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c1bba38.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function sequencer() view returns(address)
func (commitmentInbox *CommitmentInbox) PackSequencer() []byte {
	enc, err := commitmentInbox.abi.Pack("sequencer")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSequencer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c1bba38.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function sequencer() view returns(address)
func (commitmentInbox *CommitmentInbox) TryPackSequencer() ([]byte, error) {
	return commitmentInbox.abi.Pack("sequencer")
}

// UnpackSequencer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5c1bba38.
//
// Solidity: function sequencer() view returns(address)
func (commitmentInbox *CommitmentInbox) UnpackSequencer(data []byte) (common.Address, error) {
	out, err := commitmentInbox.abi.Unpack("sequencer", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackVerifyCommitment is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x25ff43a8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyCommitment((uint64,uint32,uint32,bytes32,address) commitment, bytes signature, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) PackVerifyCommitment(commitment ICommitmentInboxCommitment, signature []byte, batchIndex *big.Int, leafIndex *big.Int, proof [][32]byte) []byte {
	enc, err := commitmentInbox.abi.Pack("verifyCommitment", commitment, signature, batchIndex, leafIndex, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyCommitment is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x25ff43a8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyCommitment((uint64,uint32,uint32,bytes32,address) commitment, bytes signature, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) TryPackVerifyCommitment(commitment ICommitmentInboxCommitment, signature []byte, batchIndex *big.Int, leafIndex *big.Int, proof [][32]byte) ([]byte, error) {
	return commitmentInbox.abi.Pack("verifyCommitment", commitment, signature, batchIndex, leafIndex, proof)
}

// UnpackVerifyCommitment is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x25ff43a8.
//
// Solidity: function verifyCommitment((uint64,uint32,uint32,bytes32,address) commitment, bytes signature, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) UnpackVerifyCommitment(data []byte) ([32]byte, error) {
	out, err := commitmentInbox.abi.Unpack("verifyCommitment", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// CommitmentInboxBatchPosted represents a BatchPosted event raised by the CommitmentInbox contract.
type CommitmentInboxBatchPosted struct {
	BatchIndex *big.Int
	Root       [32]byte
	Size       *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const CommitmentInboxBatchPostedEventName = "BatchPosted"

// ContractEventName returns the user-defined event name.
func (CommitmentInboxBatchPosted) ContractEventName() string {
	return CommitmentInboxBatchPostedEventName
}

// UnpackBatchPostedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BatchPosted(uint256 indexed batchIndex, bytes32 root, uint256 size)
func (commitmentInbox *CommitmentInbox) UnpackBatchPostedEvent(log *types.Log) (*CommitmentInboxBatchPosted, error) {
	event := "BatchPosted"
	if len(log.Topics) == 0 || log.Topics[0] != commitmentInbox.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(CommitmentInboxBatchPosted)
	if len(log.Data) > 0 {
		if err := commitmentInbox.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range commitmentInbox.abi.Events[event].Inputs {
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

// CommitmentInboxEIP712DomainChanged represents a EIP712DomainChanged event raised by the CommitmentInbox contract.
type CommitmentInboxEIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const CommitmentInboxEIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (CommitmentInboxEIP712DomainChanged) ContractEventName() string {
	return CommitmentInboxEIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (commitmentInbox *CommitmentInbox) UnpackEIP712DomainChangedEvent(log *types.Log) (*CommitmentInboxEIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 || log.Topics[0] != commitmentInbox.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(CommitmentInboxEIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := commitmentInbox.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range commitmentInbox.abi.Events[event].Inputs {
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

// CommitmentInboxForceIncluded represents a ForceIncluded event raised by the CommitmentInbox contract.
type CommitmentInboxForceIncluded struct {
	Leaf       [32]byte
	JobId      uint64
	Round      uint32
	Checkpoint uint32
	StateRoot  [32]byte
	Worker     common.Address
	Sender     common.Address
	Raw        *types.Log // Blockchain specific contextual infos
}

const CommitmentInboxForceIncludedEventName = "ForceIncluded"

// ContractEventName returns the user-defined event name.
func (CommitmentInboxForceIncluded) ContractEventName() string {
	return CommitmentInboxForceIncludedEventName
}

// UnpackForceIncludedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ForceIncluded(bytes32 indexed leaf, uint64 indexed jobId, uint32 round, uint32 checkpoint, bytes32 stateRoot, address indexed worker, address sender)
func (commitmentInbox *CommitmentInbox) UnpackForceIncludedEvent(log *types.Log) (*CommitmentInboxForceIncluded, error) {
	event := "ForceIncluded"
	if len(log.Topics) == 0 || log.Topics[0] != commitmentInbox.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(CommitmentInboxForceIncluded)
	if len(log.Data) > 0 {
		if err := commitmentInbox.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range commitmentInbox.abi.Events[event].Inputs {
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
func (commitmentInbox *CommitmentInbox) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["AlreadyIncluded"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackAlreadyIncludedError(raw[4:])
	}
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["InvalidBatchLength"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackInvalidBatchLengthError(raw[4:])
	}
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["InvalidShortString"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackInvalidShortStringError(raw[4:])
	}
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["NotAssignedWorker"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackNotAssignedWorkerError(raw[4:])
	}
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["NotIncluded"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackNotIncludedError(raw[4:])
	}
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["NotSequencer"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackNotSequencerError(raw[4:])
	}
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackStringTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["UnknownBatch"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackUnknownBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["WrongRound"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackWrongRoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], commitmentInbox.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return commitmentInbox.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// CommitmentInboxAlreadyIncluded represents a AlreadyIncluded error raised by the CommitmentInbox contract.
type CommitmentInboxAlreadyIncluded struct {
	Leaf [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyIncluded(bytes32 leaf)
func CommitmentInboxAlreadyIncludedErrorID() common.Hash {
	return common.HexToHash("0x83c4b57977bbab737d0020afc5bea77cd29bf3da0e87f04c7d846076adaa67bd")
}

// UnpackAlreadyIncludedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyIncluded(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) UnpackAlreadyIncludedError(raw []byte) (*CommitmentInboxAlreadyIncluded, error) {
	out := new(CommitmentInboxAlreadyIncluded)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "AlreadyIncluded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitmentInboxInvalidBatchLength represents a InvalidBatchLength error raised by the CommitmentInbox contract.
type CommitmentInboxInvalidBatchLength struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidBatchLength(uint256 length)
func CommitmentInboxInvalidBatchLengthErrorID() common.Hash {
	return common.HexToHash("0x1a21851a77ee497969300eca356b577422e32013ace033b93bbdad322d5a58b9")
}

// UnpackInvalidBatchLengthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidBatchLength(uint256 length)
func (commitmentInbox *CommitmentInbox) UnpackInvalidBatchLengthError(raw []byte) (*CommitmentInboxInvalidBatchLength, error) {
	out := new(CommitmentInboxInvalidBatchLength)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "InvalidBatchLength", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitmentInboxInvalidShortString represents a InvalidShortString error raised by the CommitmentInbox contract.
type CommitmentInboxInvalidShortString struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidShortString()
func CommitmentInboxInvalidShortStringErrorID() common.Hash {
	return common.HexToHash("0xb3512b0c6163e5f0bafab72bb631b9d58cd7a731b082f910338aa21c83d5c274")
}

// UnpackInvalidShortStringError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidShortString()
func (commitmentInbox *CommitmentInbox) UnpackInvalidShortStringError(raw []byte) (*CommitmentInboxInvalidShortString, error) {
	out := new(CommitmentInboxInvalidShortString)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "InvalidShortString", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitmentInboxInvalidSignature represents a InvalidSignature error raised by the CommitmentInbox contract.
type CommitmentInboxInvalidSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature()
func CommitmentInboxInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x8baa579fce362245063d36f11747a89dd489c54795634fc673cc0e0db51fedc5")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature()
func (commitmentInbox *CommitmentInbox) UnpackInvalidSignatureError(raw []byte) (*CommitmentInboxInvalidSignature, error) {
	out := new(CommitmentInboxInvalidSignature)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitmentInboxNotAssignedWorker represents a NotAssignedWorker error raised by the CommitmentInbox contract.
type CommitmentInboxNotAssignedWorker struct {
	Worker   common.Address
	Assigned common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAssignedWorker(address worker, address assigned)
func CommitmentInboxNotAssignedWorkerErrorID() common.Hash {
	return common.HexToHash("0x0aa256f581558eb899e8dbfcf0945ea434faf694fd91ab95d56f5d5bcc56bcce")
}

// UnpackNotAssignedWorkerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAssignedWorker(address worker, address assigned)
func (commitmentInbox *CommitmentInbox) UnpackNotAssignedWorkerError(raw []byte) (*CommitmentInboxNotAssignedWorker, error) {
	out := new(CommitmentInboxNotAssignedWorker)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "NotAssignedWorker", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitmentInboxNotIncluded represents a NotIncluded error raised by the CommitmentInbox contract.
type CommitmentInboxNotIncluded struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotIncluded()
func CommitmentInboxNotIncludedErrorID() common.Hash {
	return common.HexToHash("0x3d7648917d30e23d36242165e04761b23de50cf19b2e1ca13e5b4ee9d895b293")
}

// UnpackNotIncludedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotIncluded()
func (commitmentInbox *CommitmentInbox) UnpackNotIncludedError(raw []byte) (*CommitmentInboxNotIncluded, error) {
	out := new(CommitmentInboxNotIncluded)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "NotIncluded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitmentInboxNotSequencer represents a NotSequencer error raised by the CommitmentInbox contract.
type CommitmentInboxNotSequencer struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotSequencer()
func CommitmentInboxNotSequencerErrorID() common.Hash {
	return common.HexToHash("0x53e2827c451a0a0f171a8880e9c351ab8000b3d4f27c8efd66e3187f39b035eb")
}

// UnpackNotSequencerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotSequencer()
func (commitmentInbox *CommitmentInbox) UnpackNotSequencerError(raw []byte) (*CommitmentInboxNotSequencer, error) {
	out := new(CommitmentInboxNotSequencer)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "NotSequencer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitmentInboxStringTooLong represents a StringTooLong error raised by the CommitmentInbox contract.
type CommitmentInboxStringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func CommitmentInboxStringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (commitmentInbox *CommitmentInbox) UnpackStringTooLongError(raw []byte) (*CommitmentInboxStringTooLong, error) {
	out := new(CommitmentInboxStringTooLong)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitmentInboxUnknownBatch represents a UnknownBatch error raised by the CommitmentInbox contract.
type CommitmentInboxUnknownBatch struct {
	BatchIndex *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownBatch(uint256 batchIndex)
func CommitmentInboxUnknownBatchErrorID() common.Hash {
	return common.HexToHash("0x4392ee6a277b6a3f727911895d8c530bb19e11ffc893c9dfe3b57d6fde293d28")
}

// UnpackUnknownBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownBatch(uint256 batchIndex)
func (commitmentInbox *CommitmentInbox) UnpackUnknownBatchError(raw []byte) (*CommitmentInboxUnknownBatch, error) {
	out := new(CommitmentInboxUnknownBatch)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "UnknownBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitmentInboxWrongRound represents a WrongRound error raised by the CommitmentInbox contract.
type CommitmentInboxWrongRound struct {
	Round   uint32
	Current uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongRound(uint32 round, uint32 current)
func CommitmentInboxWrongRoundErrorID() common.Hash {
	return common.HexToHash("0x3f1ccd8d31156bf3458940d1cc75e8f35ad1de852e85b8694f0f58dbe2b290bf")
}

// UnpackWrongRoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongRound(uint32 round, uint32 current)
func (commitmentInbox *CommitmentInbox) UnpackWrongRoundError(raw []byte) (*CommitmentInboxWrongRound, error) {
	out := new(CommitmentInboxWrongRound)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "WrongRound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitmentInboxZeroAddress represents a ZeroAddress error raised by the CommitmentInbox contract.
type CommitmentInboxZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func CommitmentInboxZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (commitmentInbox *CommitmentInbox) UnpackZeroAddressError(raw []byte) (*CommitmentInboxZeroAddress, error) {
	out := new(CommitmentInboxZeroAddress)
	if err := commitmentInbox.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}
