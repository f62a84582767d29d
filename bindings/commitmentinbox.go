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
	Checkpoint uint32
	StateRoot  [32]byte
	Worker     common.Address
}

// CommitmentInboxMetaData contains all meta data concerning the CommitmentInbox contract.
var CommitmentInboxMetaData = bind.MetaData{
	ABI: "[{\"type\":\"constructor\",\"inputs\":[{\"name\":\"sequencer_\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"jobMarket_\",\"type\":\"address\",\"internalType\":\"contractIJobMarket\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"COMMITMENT_TYPEHASH\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"FORCED\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"batchCount\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"commitmentDigest\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"computeRoot\",\"inputs\":[{\"name\":\"entries\",\"type\":\"bytes\",\"internalType\":\"bytes\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"domainSeparator\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"eip712Domain\",\"inputs\":[],\"outputs\":[{\"name\":\"fields\",\"type\":\"bytes1\",\"internalType\":\"bytes1\"},{\"name\":\"name\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"version\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"verifyingContract\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"salt\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"extensions\",\"type\":\"uint256[]\",\"internalType\":\"uint256[]\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"encodeEntry\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes\",\"internalType\":\"bytes\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"forceInclude\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]}],\"outputs\":[{\"name\":\"leaf\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"forcedAt\",\"inputs\":[{\"name\":\"leaf\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"timestamp\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"getBatch\",\"inputs\":[{\"name\":\"batchIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Batch\",\"components\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"size\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"postedAt\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"isIncluded\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"name\":\"batchIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"leafIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"proof\",\"type\":\"bytes32[]\",\"internalType\":\"bytes32[]\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bool\",\"internalType\":\"bool\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"jobMarket\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"leafOf\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"postBatch\",\"inputs\":[{\"name\":\"entries\",\"type\":\"bytes\",\"internalType\":\"bytes\"}],\"outputs\":[{\"name\":\"batchIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"sequencer\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"verifyCommitment\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"tuple\",\"internalType\":\"structICommitmentInbox.Commitment\",\"components\":[{\"name\":\"jobId\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"name\":\"signature\",\"type\":\"bytes\",\"internalType\":\"bytes\"},{\"name\":\"batchIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"leafIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"proof\",\"type\":\"bytes32[]\",\"internalType\":\"bytes32[]\"}],\"outputs\":[{\"name\":\"leaf\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"view\"},{\"type\":\"event\",\"name\":\"BatchPosted\",\"inputs\":[{\"name\":\"batchIndex\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"size\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"EIP712DomainChanged\",\"inputs\":[],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ForceIncluded\",\"inputs\":[{\"name\":\"leaf\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"jobId\",\"type\":\"uint64\",\"indexed\":true,\"internalType\":\"uint64\"},{\"name\":\"checkpoint\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"stateRoot\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"worker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"sender\",\"type\":\"address\",\"indexed\":false,\"internalType\":\"address\"}],\"anonymous\":false},{\"type\":\"error\",\"name\":\"AlreadyIncluded\",\"inputs\":[{\"name\":\"leaf\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"InvalidBatchLength\",\"inputs\":[{\"name\":\"length\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"InvalidShortString\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"InvalidSignature\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotAssignedWorker\",\"inputs\":[{\"name\":\"worker\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"assigned\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"NotIncluded\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotSequencer\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"StringTooLong\",\"inputs\":[{\"name\":\"str\",\"type\":\"string\",\"internalType\":\"string\"}]},{\"type\":\"error\",\"name\":\"UnknownBatch\",\"inputs\":[{\"name\":\"batchIndex\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ZeroAddress\",\"inputs\":[]}]",
	ID:  "CommitmentInbox",
	Bin: "0x6101a0604052348015610010575f5ffd5b50604051611aa5380380611aa583398101604081905261002f916101ca565b6040518060400160405280600681526020016533b2b739bcb760d11b815250604051806040016040528060018152602001603160f81b8152506100778261016d60201b60201c565b610120526100848161016d565b61014052815160208084019190912060e052815190820120610100524660a05261011060e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b038216158061013657506001600160a01b038116155b156101545760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0391821661016052166101805261025d565b5f5f829050601f815111156101a0578260405163305a27a960e01b81526004016101979190610202565b60405180910390fd5b80516101ab82610237565b179392505050565b6001600160a01b03811681146101c7575f5ffd5b50565b5f5f604083850312156101db575f5ffd5b82516101e6816101b3565b60208401519092506101f7816101b3565b809150509250929050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80516020808301519190811015610257575f198160200360031b1b821691505b50919050565b60805160a05160c05160e05161010051610120516101405161016051610180516117d56102d05f395f81816102d201526109a701525f81816101de015261033a01525f610f8f01525f610f6401525f61112701525f6110ff01525f61105a01525f61108401525f6110ae01526117d55ff3fe608060405234801561000f575f5ffd5b5060043610610115575f3560e01c80636c20dd8f116100ad578063c37f300a1161007d578063c495fcda11610063578063c495fcda146102d0578063c60fb6f7146102f6578063f698da2514610309575f5ffd5b8063c37f300a14610291578063c4172739146102b1575f5ffd5b80636c20dd8f1461023857806384b0196e1461025b5780638feb8be414610276578063af2eebc61461027e575f5ffd5b80632fe3b1fc116100e85780632fe3b1fc146101815780635ac44282146101945780635c1bba38146101d957806368a544f914610225575f5ffd5b806304f032731461011957806306f130561461015357806323c5da9f1461015b578063260169ef1461016e575b5f5ffd5b6101407ff556bff8eb1530452ae8c492e688bb399ce39d1debc432ff5315bc173837eab881565b6040519081526020015b60405180910390f35b600254610140565b61014061016936600461131a565b610311565b61014061017c366004611380565b610321565b61014061018f36600461131a565b610537565b6101a76101a23660046113bf565b610637565b604080518251815260208084015163ffffffff16908201529181015167ffffffffffffffff169082015260600161014a565b6102007f000000000000000000000000000000000000000000000000000000000000000081565b60405173ffffffffffffffffffffffffffffffffffffffff909116815260200161014a565b610140610233366004611380565b6106f7565b61024b610246366004611417565b61075b565b604051901515815260200161014a565b6102636107f3565b60405161014a97969594939291906114c7565b6101405f1981565b61014061028c366004611586565b610851565b6102a461029f36600461131a565b610b17565b60405161014a919061161a565b6101406102bf3660046113bf565b60036020525f908152604090205481565b7f0000000000000000000000000000000000000000000000000000000000000000610200565b61014061030436600461131a565b610bfb565b610140610cbc565b5f61031b82610cca565b92915050565b5f3373ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001614610391576040517f53e2827c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b818015806103a857506103a5604082611659565b15155b806103c0575063ffffffff6103be604083611699565b115b156103ff576040517f1a21851a000000000000000000000000000000000000000000000000000000008152600481018290526024015b60405180910390fd5b5f61040b604083611699565b90505f6104188686610de0565b600280546040805160608101825284815263ffffffff8088166020830190815267ffffffffffffffff4281168486019081526001870188555f88905293519686027f405787fa12a823e0f2b7631cc41b3ba8828b3321ca811111fa75cd3aa3bb5ace81019790975590517f405787fa12a823e0f2b7631cc41b3ba8828b3321ca811111fa75cd3aa3bb5acf90960180549351909116640100000000027fffffffffffffffffffffffffffffffffffffffff000000000000000000000000909316959091169490941717909255905190955090915084907fc558088a64b73ef3529734e9b960779f9fdff3362b358d5657bedd86b98a3824906105269084908690918252602082015260400190565b60405180910390a250505092915050565b5f61054182610cca565b5f818152600360205260409020549091501561058c576040517f83c4b579000000000000000000000000000000000000000000000000000000008152600481018290526024016103f6565b5f8181526003602052604090204290556105ac60808301606084016116d0565b73ffffffffffffffffffffffffffffffffffffffff166105cf60208401846116eb565b67ffffffffffffffff16827ff4e5c19f2d6bd29e667c144e7170418a598c4e76b91d5078650cc2dfb02ae0bc61060b6040870160208801611712565b6040805163ffffffff9092168252808801356020830152339082015260600160405180910390a4919050565b604080516060810182525f80825260208201819052918101919091526002548210610691576040517f4392ee6a000000000000000000000000000000000000000000000000000000008152600481018390526024016103f6565b600282815481106106a4576106a4611735565b5f91825260209182902060408051606081018252600293909302909101805483526001015463ffffffff81169383019390935264010000000090920467ffffffffffffffff169181019190915292915050565b5f8180158061070f575061070c604082611659565b15155b15610749576040517f1a21851a000000000000000000000000000000000000000000000000000000008152600481018290526024016103f6565b6107538484610de0565b949350505050565b5f5f61076687610cca565b90505f198603610787575f90815260036020526040902054151590506107ea565b6002548610610799575f9150506107ea565b5f600287815481106107ad576107ad611735565b905f5260205f20906002020190506107e58287836001015f9054906101000a900463ffffffff1663ffffffff168888865f0154610ea2565b925050505b95945050505050565b5f6060805f5f5f6060610804610f5d565b61080c610f88565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b5f5f19851415801561086557506002548510155b1561089f576040517f4392ee6a000000000000000000000000000000000000000000000000000000008152600481018690526024016103f6565b6108ac888686868661075b565b6108e2576040517f3d76489100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f5f6108f76108f08b610bfb565b8a8a610fb3565b5090925090505f81600381111561091057610910611762565b141580610958575061092860808b0160608c016116d0565b73ffffffffffffffffffffffffffffffffffffffff168273ffffffffffffffffffffffffffffffffffffffff1614155b1561098f576040517f8baa579f00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f73ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016630c79f6a16109d960208e018e6116eb565b6040517fffffffff0000000000000000000000000000000000000000000000000000000060e084901b16815267ffffffffffffffff9091166004820152602401602060405180830381865afa158015610a34573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610a58919061178f565b9050610a6a60808c0160608d016116d0565b73ffffffffffffffffffffffffffffffffffffffff168173ffffffffffffffffffffffffffffffffffffffff1614610aff57610aac60808c0160608d016116d0565b6040517f0aa256f500000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff918216600482015290821660248201526044016103f6565b610b088b610cca565b9b9a5050505050505050505050565b6060610b2660208301836116eb565b610b366040840160208501611712565b6040840135610b4b60808601606087016116d0565b604051602001610be5949392919060c09490941b7fffffffffffffffff00000000000000000000000000000000000000000000000016845260e09290921b7fffffffff00000000000000000000000000000000000000000000000000000000166008840152600c83015260601b7fffffffffffffffffffffffffffffffffffffffff00000000000000000000000016602c82015260400190565b6040516020818303038152906040529050919050565b5f61031b7ff556bff8eb1530452ae8c492e688bb399ce39d1debc432ff5315bc173837eab8610c2d60208501856116eb565b610c3d6040860160208701611712565b6040860135610c5260808801606089016116d0565b60408051602081019690965267ffffffffffffffff9094169385019390935263ffffffff9091166060840152608083015273ffffffffffffffffffffffffffffffffffffffff1660a082015260c00160405160208183030381529060405280519060200120610ffa565b5f610cc5611041565b905090565b5f80610cd960208401846116eb565b610ce96040850160208601611712565b6040850135610cfe60808701606088016116d0565b604051602001610dc39594939291907fff0000000000000000000000000000000000000000000000000000000000000095909516855260c09390931b7fffffffffffffffff00000000000000000000000000000000000000000000000016600185015260e09190911b7fffffffff00000000000000000000000000000000000000000000000000000000166009840152600d83015260601b7fffffffffffffffffffffffffffffffffffffffff00000000000000000000000016602d82015260410190565b604051602081830303815290604052805190602001209050919050565b5f60408204604051606081018260051b81016040525f82535f5b83811015610e235760408160061b8801600185013760418320600582901b830152600101610dfa565b50600182535b6001831115610e98578260011c5f5b81811015610e6e578060061b8301805160018601526020810151602186015250604184208160051b840152600181019050610e38565b506001841615610e8a576001840360051b8201518160051b8301525b600184168101935050610e29565b5195945050505050565b5f848610610eb157505f610f53565b865f5b6001871115610f405786886001181015610f2757848103610ed9575f92505050610f53565b5f868683610ee6816117aa565b9450818110610ef757610ef7611735565b905060200201359050886001165f14610f1957610f148184611177565b610f23565b610f238382611177565b9250505b600197881c97610f3788826117c2565b901c9650610eb4565b8085148015610f4e57508382145b925050505b9695505050505050565b6060610cc57f0000000000000000000000000000000000000000000000000000000000000000611194565b6060610cc57f0000000000000000000000000000000000000000000000000000000000000000611194565b5f80806041849003610fe7578435602086013560408701355f1a610fd9898285856111d1565b955095509550505050610ff1565b505f915060029050825b93509350939050565b5f61031b611006611041565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b5f3073ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000161480156110a657507f000000000000000000000000000000000000000000000000000000000000000046145b156110d057507f000000000000000000000000000000000000000000000000000000000000000090565b610cc5604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b5f6040516001815360018101939093525060218201526041902090565b60605f6111a0836112c4565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561120a57505f915060039050826112ba565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa15801561125b573d5f5f3e3d5ffd5b50506040517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0015191505073ffffffffffffffffffffffffffffffffffffffff81166112b157505f9250600191508290506112ba565b92505f91508190505b9450945094915050565b5f60ff8216601f81111561031b576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f60808284031215611314575f5ffd5b50919050565b5f6080828403121561132a575f5ffd5b6113348383611304565b9392505050565b5f5f83601f84011261134b575f5ffd5b50813567ffffffffffffffff811115611362575f5ffd5b602083019150836020828501011115611379575f5ffd5b9250929050565b5f5f60208385031215611391575f5ffd5b823567ffffffffffffffff8111156113a7575f5ffd5b6113b38582860161133b565b90969095509350505050565b5f602082840312156113cf575f5ffd5b5035919050565b5f5f83601f8401126113e6575f5ffd5b50813567ffffffffffffffff8111156113fd575f5ffd5b6020830191508360208260051b8501011115611379575f5ffd5b5f5f5f5f5f60e0868803121561142b575f5ffd5b6114358787611304565b94506080860135935060a0860135925060c086013567ffffffffffffffff81111561145e575f5ffd5b61146a888289016113d6565b969995985093965092949392505050565b5f81518084528060208401602086015e5f6020828601015260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011685010191505092915050565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f61150160e083018961147b565b8281036040840152611513818961147b565b6060840188905273ffffffffffffffffffffffffffffffffffffffff8716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b81811015611575578351835260209384019390920191600101611557565b50909b9a5050505050505050505050565b5f5f5f5f5f5f5f610100888a03121561159d575f5ffd5b6115a78989611304565b9650608088013567ffffffffffffffff8111156115c2575f5ffd5b6115ce8a828b0161133b565b90975095505060a0880135935060c0880135925060e088013567ffffffffffffffff8111156115fb575f5ffd5b6116078a828b016113d6565b989b979a50959850939692959293505050565b602081525f611334602083018461147b565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b5f826116675761166761162c565b500690565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b5f826116a7576116a761162c565b500490565b73ffffffffffffffffffffffffffffffffffffffff811681146116cd575f5ffd5b50565b5f602082840312156116e0575f5ffd5b8135611334816116ac565b5f602082840312156116fb575f5ffd5b813567ffffffffffffffff81168114611334575f5ffd5b5f60208284031215611722575f5ffd5b813563ffffffff81168114611334575f5ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b5f6020828403121561179f575f5ffd5b8151611334816116ac565b5f5f1982036117bb576117bb61166c565b5060010190565b8082018082111561031b5761031b61166c56",
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
// the contract method with ID 0xc60fb6f7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitmentDigest((uint64,uint32,bytes32,address) commitment) view returns(bytes32)
func (commitmentInbox *CommitmentInbox) PackCommitmentDigest(commitment ICommitmentInboxCommitment) []byte {
	enc, err := commitmentInbox.abi.Pack("commitmentDigest", commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitmentDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc60fb6f7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commitmentDigest((uint64,uint32,bytes32,address) commitment) view returns(bytes32)
func (commitmentInbox *CommitmentInbox) TryPackCommitmentDigest(commitment ICommitmentInboxCommitment) ([]byte, error) {
	return commitmentInbox.abi.Pack("commitmentDigest", commitment)
}

// UnpackCommitmentDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc60fb6f7.
//
// Solidity: function commitmentDigest((uint64,uint32,bytes32,address) commitment) view returns(bytes32)
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
// the contract method with ID 0xc37f300a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function encodeEntry((uint64,uint32,bytes32,address) commitment) pure returns(bytes)
func (commitmentInbox *CommitmentInbox) PackEncodeEntry(commitment ICommitmentInboxCommitment) []byte {
	enc, err := commitmentInbox.abi.Pack("encodeEntry", commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEncodeEntry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc37f300a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function encodeEntry((uint64,uint32,bytes32,address) commitment) pure returns(bytes)
func (commitmentInbox *CommitmentInbox) TryPackEncodeEntry(commitment ICommitmentInboxCommitment) ([]byte, error) {
	return commitmentInbox.abi.Pack("encodeEntry", commitment)
}

// UnpackEncodeEntry is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc37f300a.
//
// Solidity: function encodeEntry((uint64,uint32,bytes32,address) commitment) pure returns(bytes)
func (commitmentInbox *CommitmentInbox) UnpackEncodeEntry(data []byte) ([]byte, error) {
	out, err := commitmentInbox.abi.Unpack("encodeEntry", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackForceInclude is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2fe3b1fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function forceInclude((uint64,uint32,bytes32,address) commitment) returns(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) PackForceInclude(commitment ICommitmentInboxCommitment) []byte {
	enc, err := commitmentInbox.abi.Pack("forceInclude", commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackForceInclude is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2fe3b1fc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function forceInclude((uint64,uint32,bytes32,address) commitment) returns(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) TryPackForceInclude(commitment ICommitmentInboxCommitment) ([]byte, error) {
	return commitmentInbox.abi.Pack("forceInclude", commitment)
}

// UnpackForceInclude is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2fe3b1fc.
//
// Solidity: function forceInclude((uint64,uint32,bytes32,address) commitment) returns(bytes32 leaf)
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
// the contract method with ID 0x6c20dd8f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isIncluded((uint64,uint32,bytes32,address) commitment, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bool)
func (commitmentInbox *CommitmentInbox) PackIsIncluded(commitment ICommitmentInboxCommitment, batchIndex *big.Int, leafIndex *big.Int, proof [][32]byte) []byte {
	enc, err := commitmentInbox.abi.Pack("isIncluded", commitment, batchIndex, leafIndex, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsIncluded is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6c20dd8f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isIncluded((uint64,uint32,bytes32,address) commitment, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bool)
func (commitmentInbox *CommitmentInbox) TryPackIsIncluded(commitment ICommitmentInboxCommitment, batchIndex *big.Int, leafIndex *big.Int, proof [][32]byte) ([]byte, error) {
	return commitmentInbox.abi.Pack("isIncluded", commitment, batchIndex, leafIndex, proof)
}

// UnpackIsIncluded is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6c20dd8f.
//
// Solidity: function isIncluded((uint64,uint32,bytes32,address) commitment, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bool)
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
// the contract method with ID 0x23c5da9f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function leafOf((uint64,uint32,bytes32,address) commitment) pure returns(bytes32)
func (commitmentInbox *CommitmentInbox) PackLeafOf(commitment ICommitmentInboxCommitment) []byte {
	enc, err := commitmentInbox.abi.Pack("leafOf", commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLeafOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23c5da9f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function leafOf((uint64,uint32,bytes32,address) commitment) pure returns(bytes32)
func (commitmentInbox *CommitmentInbox) TryPackLeafOf(commitment ICommitmentInboxCommitment) ([]byte, error) {
	return commitmentInbox.abi.Pack("leafOf", commitment)
}

// UnpackLeafOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23c5da9f.
//
// Solidity: function leafOf((uint64,uint32,bytes32,address) commitment) pure returns(bytes32)
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
// the contract method with ID 0xaf2eebc6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyCommitment((uint64,uint32,bytes32,address) commitment, bytes signature, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) PackVerifyCommitment(commitment ICommitmentInboxCommitment, signature []byte, batchIndex *big.Int, leafIndex *big.Int, proof [][32]byte) []byte {
	enc, err := commitmentInbox.abi.Pack("verifyCommitment", commitment, signature, batchIndex, leafIndex, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyCommitment is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaf2eebc6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyCommitment((uint64,uint32,bytes32,address) commitment, bytes signature, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bytes32 leaf)
func (commitmentInbox *CommitmentInbox) TryPackVerifyCommitment(commitment ICommitmentInboxCommitment, signature []byte, batchIndex *big.Int, leafIndex *big.Int, proof [][32]byte) ([]byte, error) {
	return commitmentInbox.abi.Pack("verifyCommitment", commitment, signature, batchIndex, leafIndex, proof)
}

// UnpackVerifyCommitment is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xaf2eebc6.
//
// Solidity: function verifyCommitment((uint64,uint32,bytes32,address) commitment, bytes signature, uint256 batchIndex, uint256 leafIndex, bytes32[] proof) view returns(bytes32 leaf)
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
// Solidity: event ForceIncluded(bytes32 indexed leaf, uint64 indexed jobId, uint32 checkpoint, bytes32 stateRoot, address indexed worker, address sender)
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
