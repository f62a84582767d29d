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

// INodeRegistryNode is an auto generated low-level Go binding around an user-defined struct.
type INodeRegistryNode struct {
	PeerId       []byte
	Hardware     string
	RegisteredAt uint64
	JobsDone     uint64
	DisputesWon  uint64
	DisputesLost uint64
}

// NodeRegistryMetaData contains all meta data concerning the NodeRegistry contract.
var NodeRegistryMetaData = bind.MetaData{
	ABI: "[{\"type\":\"constructor\",\"inputs\":[{\"name\":\"arbiter_\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"arbiter\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"deployer\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"getNode\",\"inputs\":[{\"name\":\"node\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structINodeRegistry.Node\",\"components\":[{\"name\":\"peerId\",\"type\":\"bytes\",\"internalType\":\"bytes\"},{\"name\":\"hardware\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"registeredAt\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"jobsDone\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"disputesWon\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"disputesLost\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"isRegistered\",\"inputs\":[{\"name\":\"node\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bool\",\"internalType\":\"bool\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"market\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"nodeCount\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"recordDispute\",\"inputs\":[{\"name\":\"node\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"won\",\"type\":\"bool\",\"internalType\":\"bool\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"recordJobDone\",\"inputs\":[{\"name\":\"node\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"register\",\"inputs\":[{\"name\":\"peerId\",\"type\":\"bytes\",\"internalType\":\"bytes\"},{\"name\":\"hardware\",\"type\":\"string\",\"internalType\":\"string\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"setMarket\",\"inputs\":[{\"name\":\"market_\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"update\",\"inputs\":[{\"name\":\"peerId\",\"type\":\"bytes\",\"internalType\":\"bytes\"},{\"name\":\"hardware\",\"type\":\"string\",\"internalType\":\"string\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"event\",\"name\":\"DisputeRecorded\",\"inputs\":[{\"name\":\"node\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"won\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"},{\"name\":\"disputesWon\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"disputesLost\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"JobDoneRecorded\",\"inputs\":[{\"name\":\"node\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"jobsDone\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"MarketSet\",\"inputs\":[{\"name\":\"market\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"NodeRegistered\",\"inputs\":[{\"name\":\"node\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"peerId\",\"type\":\"bytes\",\"indexed\":false,\"internalType\":\"bytes\"},{\"name\":\"hardware\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"NodeUpdated\",\"inputs\":[{\"name\":\"node\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"peerId\",\"type\":\"bytes\",\"indexed\":false,\"internalType\":\"bytes\"},{\"name\":\"hardware\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"}],\"anonymous\":false},{\"type\":\"error\",\"name\":\"AlreadyRegistered\",\"inputs\":[{\"name\":\"node\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"HardwareTooLong\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"InvalidPeerId\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"MarketAlreadySet\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotAuthorized\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotDeployer\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotRegistered\",\"inputs\":[{\"name\":\"node\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"ZeroAddress\",\"inputs\":[]}]",
	ID:  "NodeRegistry",
	Bin: "0x60c060405234801561000f575f5ffd5b506040516111be3803806111be83398101604081905261002e9161006a565b6001600160a01b0381166100555760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03166080523360a052610097565b5f6020828403121561007a575f5ffd5b81516001600160a01b0381168114610090575f5ffd5b9392505050565b60805160a0516110f16100cd5f395f81816101dd015261046501525f818161022a01528181610286015261090201526110f15ff3fe608060405234801561000f575f5ffd5b50600436106100c4575f3560e01c80639d2090481161007d578063d7b7ce4211610058578063d7b7ce42146101ff578063fc707c3214610212578063fe25e00a14610225575f5ffd5b80639d20904814610163578063c3c5a54714610183578063d5f39488146101d8575f5ffd5b80636dcea85f116100ad5780636dcea85f146100f957806380f556051461010c57806392255fbf14610150575f5ffd5b806358d3b6dc146100c85780636da49b83146100dd575b5f5ffd5b6100db6100d6366004610bda565b61024c565b005b6100e660015481565b6040519081526020015b60405180910390f35b6100db610107366004610c13565b61044d565b5f5461012b9073ffffffffffffffffffffffffffffffffffffffff1681565b60405173ffffffffffffffffffffffffffffffffffffffff90911681526020016100f0565b6100db61015e366004610c78565b6105c4565b610176610171366004610c13565b6106da565b6040516100f09190610d30565b6101c8610191366004610c13565b73ffffffffffffffffffffffffffffffffffffffff165f908152600260208190526040909120015467ffffffffffffffff16151590565b60405190151581526020016100f0565b61012b7f000000000000000000000000000000000000000000000000000000000000000081565b6100db61020d366004610c13565b6108c8565b6100db610220366004610c78565b610a23565b61012b7f000000000000000000000000000000000000000000000000000000000000000081565b5f5473ffffffffffffffffffffffffffffffffffffffff1633148015906102a957503373ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001614155b156102e0576040517fea8e4eb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f6102ea83610aa4565b9050811561034d5760028101805460109061032290700100000000000000000000000000000000900467ffffffffffffffff16610e10565b91906101000a81548167ffffffffffffffff021916908367ffffffffffffffff1602179055506103ac565b600281018054601890610385907801000000000000000000000000000000000000000000000000900467ffffffffffffffff16610e10565b91906101000a81548167ffffffffffffffff021916908367ffffffffffffffff1602179055505b600281015460408051841515815267ffffffffffffffff70010000000000000000000000000000000084048116602083015278010000000000000000000000000000000000000000000000009093049092169082015273ffffffffffffffffffffffffffffffffffffffff8416907fbe26fdba570ea77398734d464688ed5eb7d9319ecccb3b705f60632f99331ac0906060015b60405180910390a2505050565b3373ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016146104bc576040517f8b906c9700000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f5473ffffffffffffffffffffffffffffffffffffffff161561050b576040517f06ddda6b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b73ffffffffffffffffffffffffffffffffffffffff8116610558576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f80547fffffffffffffffffffffffff00000000000000000000000000000000000000001673ffffffffffffffffffffffffffffffffffffffff8316908117825560405190917fe307206b150a74b2a5d43a35703be791342ca123c12a507c5f679cf1d011d1b991a250565b335f9081526002602081905260409091209081015467ffffffffffffffff1615610621576040517f45ed80e90000000000000000000000000000000000000000000000000000000081523360048201526024015b60405180910390fd5b61062d85858585610b31565b80610639858783610f06565b5060018101610649838583610f06565b506002810180547fffffffffffffffffffffffffffffffffffffffffffffffff0000000000000000164267ffffffffffffffff16179055600180545f9061068f9061101c565b9091555060405133907f6e42838292cc6350f959a8f0cd06d1bb100a2b5edc078054cdd410d9f354b391906106cb90889088908890889061109a565b60405180910390a25050505050565b6040805160c0810182526060808252602082018190525f92820183905281018290526080810182905260a081019190915273ffffffffffffffffffffffffffffffffffffffff82165f9081526002602052604090819020815160c0810190925280548290829061074990610e69565b80601f016020809104026020016040519081016040528092919081815260200182805461077590610e69565b80156107c05780601f10610797576101008083540402835291602001916107c0565b820191905f5260205f20905b8154815290600101906020018083116107a357829003601f168201915b505050505081526020016001820180546107d990610e69565b80601f016020809104026020016040519081016040528092919081815260200182805461080590610e69565b80156108505780601f1061082757610100808354040283529160200191610850565b820191905f5260205f20905b81548152906001019060200180831161083357829003601f168201915b50505091835250506002919091015467ffffffffffffffff80821660208401526801000000000000000082048116604084015270010000000000000000000000000000000082048116606084015278010000000000000000000000000000000000000000000000009091041660809091015292915050565b5f5473ffffffffffffffffffffffffffffffffffffffff16331480159061092557503373ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001614155b1561095c576040517fea8e4eb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f61096682610aa4565b60028101549091505f906109919068010000000000000000900467ffffffffffffffff1660016110cb565b6002830180547fffffffffffffffffffffffffffffffff0000000000000000ffffffffffffffff166801000000000000000067ffffffffffffffff84169081029190911790915560405190815290915073ffffffffffffffffffffffffffffffffffffffff8416907f3ac044f4303af855c3a6a1327c8cee67a5a5ef381f7756c43b56240baf6a211a90602001610440565b5f610a2d33610aa4565b9050610a3b85858585610b31565b80610a47858783610f06565b5060018101610a57838583610f06565b503373ffffffffffffffffffffffffffffffffffffffff167f7a0c9b379346333117196d948b1e63082772f1bc6bb2e4fc93854f201ab8541f868686866040516106cb949392919061109a565b73ffffffffffffffffffffffffffffffffffffffff81165f908152600260208190526040822090810154909167ffffffffffffffff9091169003610b2c576040517fbfc6c33700000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff83166004820152602401610618565b919050565b821580610b3e5750608083115b15610b75576040517ffd8b66e900000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b610100811115610bb1576040517f27fbaa9f00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b50505050565b803573ffffffffffffffffffffffffffffffffffffffff81168114610b2c575f5ffd5b5f5f60408385031215610beb575f5ffd5b610bf483610bb7565b915060208301358015158114610c08575f5ffd5b809150509250929050565b5f60208284031215610c23575f5ffd5b610c2c82610bb7565b9392505050565b5f5f83601f840112610c43575f5ffd5b50813567ffffffffffffffff811115610c5a575f5ffd5b602083019150836020828501011115610c71575f5ffd5b9250929050565b5f5f5f5f60408587031215610c8b575f5ffd5b843567ffffffffffffffff811115610ca1575f5ffd5b610cad87828801610c33565b909550935050602085013567ffffffffffffffff811115610ccc575f5ffd5b610cd887828801610c33565b95989497509550505050565b5f81518084528060208401602086015e5f6020828601015260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011685010191505092915050565b602081525f825160c06020840152610d4b60e0840182610ce4565b905060208401517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0848303016040850152610d868282610ce4565b91505067ffffffffffffffff604085015116606084015267ffffffffffffffff606085015116608084015267ffffffffffffffff60808501511660a084015267ffffffffffffffff60a08501511660c08401528091505092915050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b5f67ffffffffffffffff821667ffffffffffffffff8103610e3357610e33610de3565b60010192915050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b600181811c90821680610e7d57607f821691505b602082108103610eb4577f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b50919050565b601f821115610f0157805f5260205f20601f840160051c81016020851015610edf5750805b601f840160051c820191505b81811015610efe575f8155600101610eeb565b50505b505050565b67ffffffffffffffff831115610f1e57610f1e610e3c565b610f3283610f2c8354610e69565b83610eba565b5f601f841160018114610f82575f8515610f4c5750838201355b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff600387901b1c1916600186901b178355610efe565b5f838152602081207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08716915b82811015610fcf5786850135825560209485019460019092019101610faf565b508682101561100a577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff60f88860031b161c19848701351681555b505060018560011b0183555050505050565b5f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff820361104c5761104c610de3565b5060010190565b81835281816020850137505f602082840101525f60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f840116840101905092915050565b604081525f6110ad604083018688611053565b82810360208401526110c0818587611053565b979650505050505050565b67ffffffffffffffff81811683821601908111156110eb576110eb610de3565b9291505056",
}

// NodeRegistry is an auto generated Go binding around an Ethereum contract.
type NodeRegistry struct {
	abi abi.ABI
}

// NewNodeRegistry creates a new instance of NodeRegistry.
func NewNodeRegistry() *NodeRegistry {
	parsed, err := NodeRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &NodeRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *NodeRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address arbiter_) returns()
func (nodeRegistry *NodeRegistry) PackConstructor(arbiter_ common.Address) []byte {
	enc, err := nodeRegistry.abi.Pack("", arbiter_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackArbiter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe25e00a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function arbiter() view returns(address)
func (nodeRegistry *NodeRegistry) PackArbiter() []byte {
	enc, err := nodeRegistry.abi.Pack("arbiter")
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
func (nodeRegistry *NodeRegistry) TryPackArbiter() ([]byte, error) {
	return nodeRegistry.abi.Pack("arbiter")
}

// UnpackArbiter is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfe25e00a.
//
// Solidity: function arbiter() view returns(address)
func (nodeRegistry *NodeRegistry) UnpackArbiter(data []byte) (common.Address, error) {
	out, err := nodeRegistry.abi.Unpack("arbiter", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackDeployer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd5f39488.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deployer() view returns(address)
func (nodeRegistry *NodeRegistry) PackDeployer() []byte {
	enc, err := nodeRegistry.abi.Pack("deployer")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeployer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd5f39488.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deployer() view returns(address)
func (nodeRegistry *NodeRegistry) TryPackDeployer() ([]byte, error) {
	return nodeRegistry.abi.Pack("deployer")
}

// UnpackDeployer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd5f39488.
//
// Solidity: function deployer() view returns(address)
func (nodeRegistry *NodeRegistry) UnpackDeployer(data []byte) (common.Address, error) {
	out, err := nodeRegistry.abi.Unpack("deployer", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackGetNode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9d209048.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getNode(address node) view returns((bytes,string,uint64,uint64,uint64,uint64))
func (nodeRegistry *NodeRegistry) PackGetNode(node common.Address) []byte {
	enc, err := nodeRegistry.abi.Pack("getNode", node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetNode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9d209048.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getNode(address node) view returns((bytes,string,uint64,uint64,uint64,uint64))
func (nodeRegistry *NodeRegistry) TryPackGetNode(node common.Address) ([]byte, error) {
	return nodeRegistry.abi.Pack("getNode", node)
}

// UnpackGetNode is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9d209048.
//
// Solidity: function getNode(address node) view returns((bytes,string,uint64,uint64,uint64,uint64))
func (nodeRegistry *NodeRegistry) UnpackGetNode(data []byte) (INodeRegistryNode, error) {
	out, err := nodeRegistry.abi.Unpack("getNode", data)
	if err != nil {
		return *new(INodeRegistryNode), err
	}
	out0 := *abi.ConvertType(out[0], new(INodeRegistryNode)).(*INodeRegistryNode)
	return out0, nil
}

// PackIsRegistered is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc3c5a547.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRegistered(address node) view returns(bool)
func (nodeRegistry *NodeRegistry) PackIsRegistered(node common.Address) []byte {
	enc, err := nodeRegistry.abi.Pack("isRegistered", node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRegistered is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc3c5a547.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRegistered(address node) view returns(bool)
func (nodeRegistry *NodeRegistry) TryPackIsRegistered(node common.Address) ([]byte, error) {
	return nodeRegistry.abi.Pack("isRegistered", node)
}

// UnpackIsRegistered is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc3c5a547.
//
// Solidity: function isRegistered(address node) view returns(bool)
func (nodeRegistry *NodeRegistry) UnpackIsRegistered(data []byte) (bool, error) {
	out, err := nodeRegistry.abi.Unpack("isRegistered", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMarket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x80f55605.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function market() view returns(address)
func (nodeRegistry *NodeRegistry) PackMarket() []byte {
	enc, err := nodeRegistry.abi.Pack("market")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMarket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x80f55605.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function market() view returns(address)
func (nodeRegistry *NodeRegistry) TryPackMarket() ([]byte, error) {
	return nodeRegistry.abi.Pack("market")
}

// UnpackMarket is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x80f55605.
//
// Solidity: function market() view returns(address)
func (nodeRegistry *NodeRegistry) UnpackMarket(data []byte) (common.Address, error) {
	out, err := nodeRegistry.abi.Unpack("market", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackNodeCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6da49b83.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function nodeCount() view returns(uint256)
func (nodeRegistry *NodeRegistry) PackNodeCount() []byte {
	enc, err := nodeRegistry.abi.Pack("nodeCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNodeCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6da49b83.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function nodeCount() view returns(uint256)
func (nodeRegistry *NodeRegistry) TryPackNodeCount() ([]byte, error) {
	return nodeRegistry.abi.Pack("nodeCount")
}

// UnpackNodeCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6da49b83.
//
// Solidity: function nodeCount() view returns(uint256)
func (nodeRegistry *NodeRegistry) UnpackNodeCount(data []byte) (*big.Int, error) {
	out, err := nodeRegistry.abi.Unpack("nodeCount", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRecordDispute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x58d3b6dc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function recordDispute(address node, bool won) returns()
func (nodeRegistry *NodeRegistry) PackRecordDispute(node common.Address, won bool) []byte {
	enc, err := nodeRegistry.abi.Pack("recordDispute", node, won)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRecordDispute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x58d3b6dc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function recordDispute(address node, bool won) returns()
func (nodeRegistry *NodeRegistry) TryPackRecordDispute(node common.Address, won bool) ([]byte, error) {
	return nodeRegistry.abi.Pack("recordDispute", node, won)
}

// PackRecordJobDone is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7b7ce42.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function recordJobDone(address node) returns()
func (nodeRegistry *NodeRegistry) PackRecordJobDone(node common.Address) []byte {
	enc, err := nodeRegistry.abi.Pack("recordJobDone", node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRecordJobDone is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7b7ce42.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function recordJobDone(address node) returns()
func (nodeRegistry *NodeRegistry) TryPackRecordJobDone(node common.Address) ([]byte, error) {
	return nodeRegistry.abi.Pack("recordJobDone", node)
}

// PackRegister is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x92255fbf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function register(bytes peerId, string hardware) returns()
func (nodeRegistry *NodeRegistry) PackRegister(peerId []byte, hardware string) []byte {
	enc, err := nodeRegistry.abi.Pack("register", peerId, hardware)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegister is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x92255fbf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function register(bytes peerId, string hardware) returns()
func (nodeRegistry *NodeRegistry) TryPackRegister(peerId []byte, hardware string) ([]byte, error) {
	return nodeRegistry.abi.Pack("register", peerId, hardware)
}

// PackSetMarket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6dcea85f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setMarket(address market_) returns()
func (nodeRegistry *NodeRegistry) PackSetMarket(market common.Address) []byte {
	enc, err := nodeRegistry.abi.Pack("setMarket", market)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetMarket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6dcea85f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setMarket(address market_) returns()
func (nodeRegistry *NodeRegistry) TryPackSetMarket(market common.Address) ([]byte, error) {
	return nodeRegistry.abi.Pack("setMarket", market)
}

// PackUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc707c32.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function update(bytes peerId, string hardware) returns()
func (nodeRegistry *NodeRegistry) PackUpdate(peerId []byte, hardware string) []byte {
	enc, err := nodeRegistry.abi.Pack("update", peerId, hardware)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc707c32.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function update(bytes peerId, string hardware) returns()
func (nodeRegistry *NodeRegistry) TryPackUpdate(peerId []byte, hardware string) ([]byte, error) {
	return nodeRegistry.abi.Pack("update", peerId, hardware)
}

// NodeRegistryDisputeRecorded represents a DisputeRecorded event raised by the NodeRegistry contract.
type NodeRegistryDisputeRecorded struct {
	Node         common.Address
	Won          bool
	DisputesWon  *big.Int
	DisputesLost *big.Int
	Raw          *types.Log // Blockchain specific contextual infos
}

const NodeRegistryDisputeRecordedEventName = "DisputeRecorded"

// ContractEventName returns the user-defined event name.
func (NodeRegistryDisputeRecorded) ContractEventName() string {
	return NodeRegistryDisputeRecordedEventName
}

// UnpackDisputeRecordedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DisputeRecorded(address indexed node, bool won, uint256 disputesWon, uint256 disputesLost)
func (nodeRegistry *NodeRegistry) UnpackDisputeRecordedEvent(log *types.Log) (*NodeRegistryDisputeRecorded, error) {
	event := "DisputeRecorded"
	if len(log.Topics) == 0 || log.Topics[0] != nodeRegistry.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(NodeRegistryDisputeRecorded)
	if len(log.Data) > 0 {
		if err := nodeRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range nodeRegistry.abi.Events[event].Inputs {
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

// NodeRegistryJobDoneRecorded represents a JobDoneRecorded event raised by the NodeRegistry contract.
type NodeRegistryJobDoneRecorded struct {
	Node     common.Address
	JobsDone *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const NodeRegistryJobDoneRecordedEventName = "JobDoneRecorded"

// ContractEventName returns the user-defined event name.
func (NodeRegistryJobDoneRecorded) ContractEventName() string {
	return NodeRegistryJobDoneRecordedEventName
}

// UnpackJobDoneRecordedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobDoneRecorded(address indexed node, uint256 jobsDone)
func (nodeRegistry *NodeRegistry) UnpackJobDoneRecordedEvent(log *types.Log) (*NodeRegistryJobDoneRecorded, error) {
	event := "JobDoneRecorded"
	if len(log.Topics) == 0 || log.Topics[0] != nodeRegistry.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(NodeRegistryJobDoneRecorded)
	if len(log.Data) > 0 {
		if err := nodeRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range nodeRegistry.abi.Events[event].Inputs {
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

// NodeRegistryMarketSet represents a MarketSet event raised by the NodeRegistry contract.
type NodeRegistryMarketSet struct {
	Market common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const NodeRegistryMarketSetEventName = "MarketSet"

// ContractEventName returns the user-defined event name.
func (NodeRegistryMarketSet) ContractEventName() string {
	return NodeRegistryMarketSetEventName
}

// UnpackMarketSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MarketSet(address indexed market)
func (nodeRegistry *NodeRegistry) UnpackMarketSetEvent(log *types.Log) (*NodeRegistryMarketSet, error) {
	event := "MarketSet"
	if len(log.Topics) == 0 || log.Topics[0] != nodeRegistry.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(NodeRegistryMarketSet)
	if len(log.Data) > 0 {
		if err := nodeRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range nodeRegistry.abi.Events[event].Inputs {
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

// NodeRegistryNodeRegistered represents a NodeRegistered event raised by the NodeRegistry contract.
type NodeRegistryNodeRegistered struct {
	Node     common.Address
	PeerId   []byte
	Hardware string
	Raw      *types.Log // Blockchain specific contextual infos
}

const NodeRegistryNodeRegisteredEventName = "NodeRegistered"

// ContractEventName returns the user-defined event name.
func (NodeRegistryNodeRegistered) ContractEventName() string {
	return NodeRegistryNodeRegisteredEventName
}

// UnpackNodeRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event NodeRegistered(address indexed node, bytes peerId, string hardware)
func (nodeRegistry *NodeRegistry) UnpackNodeRegisteredEvent(log *types.Log) (*NodeRegistryNodeRegistered, error) {
	event := "NodeRegistered"
	if len(log.Topics) == 0 || log.Topics[0] != nodeRegistry.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(NodeRegistryNodeRegistered)
	if len(log.Data) > 0 {
		if err := nodeRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range nodeRegistry.abi.Events[event].Inputs {
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

// NodeRegistryNodeUpdated represents a NodeUpdated event raised by the NodeRegistry contract.
type NodeRegistryNodeUpdated struct {
	Node     common.Address
	PeerId   []byte
	Hardware string
	Raw      *types.Log // Blockchain specific contextual infos
}

const NodeRegistryNodeUpdatedEventName = "NodeUpdated"

// ContractEventName returns the user-defined event name.
func (NodeRegistryNodeUpdated) ContractEventName() string {
	return NodeRegistryNodeUpdatedEventName
}

// UnpackNodeUpdatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event NodeUpdated(address indexed node, bytes peerId, string hardware)
func (nodeRegistry *NodeRegistry) UnpackNodeUpdatedEvent(log *types.Log) (*NodeRegistryNodeUpdated, error) {
	event := "NodeUpdated"
	if len(log.Topics) == 0 || log.Topics[0] != nodeRegistry.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(NodeRegistryNodeUpdated)
	if len(log.Data) > 0 {
		if err := nodeRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range nodeRegistry.abi.Events[event].Inputs {
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
func (nodeRegistry *NodeRegistry) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], nodeRegistry.abi.Errors["AlreadyRegistered"].ID.Bytes()[:4]) {
		return nodeRegistry.UnpackAlreadyRegisteredError(raw[4:])
	}
	if bytes.Equal(raw[:4], nodeRegistry.abi.Errors["HardwareTooLong"].ID.Bytes()[:4]) {
		return nodeRegistry.UnpackHardwareTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], nodeRegistry.abi.Errors["InvalidPeerId"].ID.Bytes()[:4]) {
		return nodeRegistry.UnpackInvalidPeerIdError(raw[4:])
	}
	if bytes.Equal(raw[:4], nodeRegistry.abi.Errors["MarketAlreadySet"].ID.Bytes()[:4]) {
		return nodeRegistry.UnpackMarketAlreadySetError(raw[4:])
	}
	if bytes.Equal(raw[:4], nodeRegistry.abi.Errors["NotAuthorized"].ID.Bytes()[:4]) {
		return nodeRegistry.UnpackNotAuthorizedError(raw[4:])
	}
	if bytes.Equal(raw[:4], nodeRegistry.abi.Errors["NotDeployer"].ID.Bytes()[:4]) {
		return nodeRegistry.UnpackNotDeployerError(raw[4:])
	}
	if bytes.Equal(raw[:4], nodeRegistry.abi.Errors["NotRegistered"].ID.Bytes()[:4]) {
		return nodeRegistry.UnpackNotRegisteredError(raw[4:])
	}
	if bytes.Equal(raw[:4], nodeRegistry.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return nodeRegistry.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// NodeRegistryAlreadyRegistered represents a AlreadyRegistered error raised by the NodeRegistry contract.
type NodeRegistryAlreadyRegistered struct {
	Node common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyRegistered(address node)
func NodeRegistryAlreadyRegisteredErrorID() common.Hash {
	return common.HexToHash("0x45ed80e9399c87887ea54f615514a1e3dde31e9b6c027ddceb4ffd503b70e428")
}

// UnpackAlreadyRegisteredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyRegistered(address node)
func (nodeRegistry *NodeRegistry) UnpackAlreadyRegisteredError(raw []byte) (*NodeRegistryAlreadyRegistered, error) {
	out := new(NodeRegistryAlreadyRegistered)
	if err := nodeRegistry.abi.UnpackIntoInterface(out, "AlreadyRegistered", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// NodeRegistryHardwareTooLong represents a HardwareTooLong error raised by the NodeRegistry contract.
type NodeRegistryHardwareTooLong struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error HardwareTooLong()
func NodeRegistryHardwareTooLongErrorID() common.Hash {
	return common.HexToHash("0x27fbaa9f1105fe6997d4f9f3fd0b2b2967579bcd9445d35ec8c79454d8aa211a")
}

// UnpackHardwareTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error HardwareTooLong()
func (nodeRegistry *NodeRegistry) UnpackHardwareTooLongError(raw []byte) (*NodeRegistryHardwareTooLong, error) {
	out := new(NodeRegistryHardwareTooLong)
	if err := nodeRegistry.abi.UnpackIntoInterface(out, "HardwareTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// NodeRegistryInvalidPeerId represents a InvalidPeerId error raised by the NodeRegistry contract.
type NodeRegistryInvalidPeerId struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidPeerId()
func NodeRegistryInvalidPeerIdErrorID() common.Hash {
	return common.HexToHash("0xfd8b66e9cb95cc0afdc5e5906a677bf4c458ca3774712d3b5f890909773bae19")
}

// UnpackInvalidPeerIdError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidPeerId()
func (nodeRegistry *NodeRegistry) UnpackInvalidPeerIdError(raw []byte) (*NodeRegistryInvalidPeerId, error) {
	out := new(NodeRegistryInvalidPeerId)
	if err := nodeRegistry.abi.UnpackIntoInterface(out, "InvalidPeerId", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// NodeRegistryMarketAlreadySet represents a MarketAlreadySet error raised by the NodeRegistry contract.
type NodeRegistryMarketAlreadySet struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MarketAlreadySet()
func NodeRegistryMarketAlreadySetErrorID() common.Hash {
	return common.HexToHash("0x06ddda6bda672d93bde8578c5e42a47a17199ef184f2a1cfa7159ad78c1269fd")
}

// UnpackMarketAlreadySetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MarketAlreadySet()
func (nodeRegistry *NodeRegistry) UnpackMarketAlreadySetError(raw []byte) (*NodeRegistryMarketAlreadySet, error) {
	out := new(NodeRegistryMarketAlreadySet)
	if err := nodeRegistry.abi.UnpackIntoInterface(out, "MarketAlreadySet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// NodeRegistryNotAuthorized represents a NotAuthorized error raised by the NodeRegistry contract.
type NodeRegistryNotAuthorized struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAuthorized()
func NodeRegistryNotAuthorizedErrorID() common.Hash {
	return common.HexToHash("0xea8e4eb51685727b38a21cb154eb3ebd023f607c62908e0f6f0b645d782af2a4")
}

// UnpackNotAuthorizedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAuthorized()
func (nodeRegistry *NodeRegistry) UnpackNotAuthorizedError(raw []byte) (*NodeRegistryNotAuthorized, error) {
	out := new(NodeRegistryNotAuthorized)
	if err := nodeRegistry.abi.UnpackIntoInterface(out, "NotAuthorized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// NodeRegistryNotDeployer represents a NotDeployer error raised by the NodeRegistry contract.
type NodeRegistryNotDeployer struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotDeployer()
func NodeRegistryNotDeployerErrorID() common.Hash {
	return common.HexToHash("0x8b906c9700ab2b52dbac68ba97746b76f841c655b82cbeaeb4a267404c6dd944")
}

// UnpackNotDeployerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotDeployer()
func (nodeRegistry *NodeRegistry) UnpackNotDeployerError(raw []byte) (*NodeRegistryNotDeployer, error) {
	out := new(NodeRegistryNotDeployer)
	if err := nodeRegistry.abi.UnpackIntoInterface(out, "NotDeployer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// NodeRegistryNotRegistered represents a NotRegistered error raised by the NodeRegistry contract.
type NodeRegistryNotRegistered struct {
	Node common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotRegistered(address node)
func NodeRegistryNotRegisteredErrorID() common.Hash {
	return common.HexToHash("0xbfc6c337a80b7b8201f77f0a2a54c6e5f7c6fd9124a749804a482fa16ee8a895")
}

// UnpackNotRegisteredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotRegistered(address node)
func (nodeRegistry *NodeRegistry) UnpackNotRegisteredError(raw []byte) (*NodeRegistryNotRegistered, error) {
	out := new(NodeRegistryNotRegistered)
	if err := nodeRegistry.abi.UnpackIntoInterface(out, "NotRegistered", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// NodeRegistryZeroAddress represents a ZeroAddress error raised by the NodeRegistry contract.
type NodeRegistryZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func NodeRegistryZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (nodeRegistry *NodeRegistry) UnpackZeroAddressError(raw []byte) (*NodeRegistryZeroAddress, error) {
	out := new(NodeRegistryZeroAddress)
	if err := nodeRegistry.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}
