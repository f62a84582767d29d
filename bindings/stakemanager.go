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

// IStakeManagerStakeInfo is an auto generated low-level Go binding around an user-defined struct.
type IStakeManagerStakeInfo struct {
	Staked        *big.Int
	Locked        *big.Int
	Unbonding     *big.Int
	UnbondReadyAt uint64
}

// StakeManagerMetaData contains all meta data concerning the StakeManager contract.
var StakeManagerMetaData = bind.MetaData{
	ABI: "[{\"type\":\"constructor\",\"inputs\":[{\"name\":\"arbiter_\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"unbondingDelay_\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"slashRewardBps_\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"arbiter\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"claimReward\",\"inputs\":[],\"outputs\":[{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"deployer\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"deposit\",\"inputs\":[],\"outputs\":[],\"stateMutability\":\"payable\"},{\"type\":\"function\",\"name\":\"freeStake\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"lock\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"lockedFor\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"market\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\",\"internalType\":\"address\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"requestUnbond\",\"inputs\":[{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"rewardOf\",\"inputs\":[{\"name\":\"recipient\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"setMarket\",\"inputs\":[{\"name\":\"market_\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"slash\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"recipient\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"reward\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"burned\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"slashRewardBps\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"stakeOf\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIStakeManager.StakeInfo\",\"components\":[{\"name\":\"staked\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"locked\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"unbonding\",\"type\":\"uint128\",\"internalType\":\"uint128\"},{\"name\":\"unbondReadyAt\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"totalAccounted\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"totalBurned\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"unbondingDelay\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"unlock\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"withdraw\",\"inputs\":[],\"outputs\":[{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"event\",\"name\":\"Deposited\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"staked\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"Locked\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"MarketSet\",\"inputs\":[{\"name\":\"market\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"RewardClaimed\",\"inputs\":[{\"name\":\"recipient\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"Slashed\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"recipient\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"slasher\",\"type\":\"address\",\"indexed\":false,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"reward\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"burned\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"UnbondRequested\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"unbonding\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"readyAt\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"Unlocked\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"jobId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"Withdrawn\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"error\",\"name\":\"AmountTooLarge\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"InsufficientFreeStake\",\"inputs\":[{\"name\":\"free\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"needed\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"InvalidSlashReward\",\"inputs\":[{\"name\":\"bps\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"LockExists\",\"inputs\":[{\"name\":\"staker\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"jobId\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"MarketAlreadySet\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotDeployer\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotMarket\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NotSlasher\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"NothingToWithdraw\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"ReentrancyGuardReentrantCall\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"SafeCastOverflowedUintDowncast\",\"inputs\":[{\"name\":\"bits\",\"type\":\"uint8\",\"internalType\":\"uint8\"},{\"name\":\"value\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"SlashExceedsLock\",\"inputs\":[{\"name\":\"locked\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"TransferFailed\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"UnbondingNotReady\",\"inputs\":[{\"name\":\"readyAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ZeroAddress\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"ZeroAmount\",\"inputs\":[]}]",
	ID:  "StakeManager",
	Bin: "0x610100604052348015610010575f5ffd5b50604051611a18380380611a1883398101604081905261002f9161009c565b6001600160a01b0383166100565760405163d92e233d60e01b815260040160405180910390fd5b612710811061007f57604051630fe1a43f60e31b81526004810182905260240160405180910390fd5b6001600160a01b039092166080523360a05260c05260e0526100db565b5f5f5f606084860312156100ae575f5ffd5b83516001600160a01b03811681146100c4575f5ffd5b602085015160409095015190969495509392505050565b60805160a05160c05160e0516118ee61012a5f395f818161036d01526113c501525f8181610473015261080301525f818161042b015261098d01525f8181610518015261114801526118ee5ff3fe60806040526004361061013d575f3560e01c806380f55605116100bb578063db7dd35a11610071578063e76fede611610057578063e76fede6146104b4578063fa6739c1146104e8578063fe25e00a14610507575f5ffd5b8063db7dd35a14610462578063e2ab691d14610495575f5ffd5b8063d0e30db0116100a1578063d0e30db014610412578063d5f394881461041a578063d89135cd1461044d575f5ffd5b806380f55605146103ae578063b88a802f146103fe575f5ffd5b806342623360116101105780636dcea85f116100f65780636dcea85f1461033d5780637c59dec81461035c5780637eee288d1461038f575f5ffd5b806342623360146101dd57806354f63b141461031c575f5ffd5b80631590a376146101415780631d62ebd9146101735780632964e4e6146101b45780633ccfd60b146101c9575b5f5ffd5b34801561014c575f5ffd5b5061016061015b366004611731565b61053a565b6040519081526020015b60405180910390f35b34801561017e575f5ffd5b5061016061018d366004611759565b73ffffffffffffffffffffffffffffffffffffffff165f9081526005602052604090205490565b3480156101bf575f5ffd5b5061016060025481565b3480156101d4575f5ffd5b50610160610571565b3480156101e8575f5ffd5b506102a56101f7366004611759565b604080516080810182525f8082526020820181905291810182905260608101919091525073ffffffffffffffffffffffffffffffffffffffff165f90815260036020908152604091829020825160808101845281546fffffffffffffffffffffffffffffffff8082168352700100000000000000000000000000000000918290048116948301949094526001909201549283169381019390935267ffffffffffffffff910416606082015290565b60405161016a91905f6080820190506fffffffffffffffffffffffffffffffff83511682526fffffffffffffffffffffffffffffffff60208401511660208301526fffffffffffffffffffffffffffffffff604084015116604083015267ffffffffffffffff606084015116606083015292915050565b348015610327575f5ffd5b5061033b610336366004611772565b610713565b005b348015610348575f5ffd5b5061033b610357366004611759565b610975565b348015610367575f5ffd5b506101607f000000000000000000000000000000000000000000000000000000000000000081565b34801561039a575f5ffd5b506101606103a9366004611731565b610aec565b3480156103b9575f5ffd5b505f546103d99073ffffffffffffffffffffffffffffffffffffffff1681565b60405173ffffffffffffffffffffffffffffffffffffffff909116815260200161016a565b348015610409575f5ffd5b50610160610c7d565b61033b610d64565b348015610425575f5ffd5b506103d97f000000000000000000000000000000000000000000000000000000000000000081565b348015610458575f5ffd5b5061016060015481565b34801561046d575f5ffd5b506101607f000000000000000000000000000000000000000000000000000000000000000081565b3480156104a0575f5ffd5b5061033b6104af366004611789565b610eab565b3480156104bf575f5ffd5b506104d36104ce3660046117b9565b61112e565b6040805192835260208301919091520161016a565b3480156104f3575f5ffd5b50610160610502366004611759565b6114d0565b348015610512575f5ffd5b506103d97f000000000000000000000000000000000000000000000000000000000000000081565b73ffffffffffffffffffffffffffffffffffffffff82165f9081526004602090815260408083208484529091529020545b92915050565b5f61057a61152f565b50335f90815260036020526040812060018101546fffffffffffffffffffffffffffffffff16918290036105da576040517fd0d04f6000000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6001810154700100000000000000000000000000000000900467ffffffffffffffff164210156106605760018101546040517fbd61511300000000000000000000000000000000000000000000000000000000815270010000000000000000000000000000000090910467ffffffffffffffff1660048201526024015b60405180910390fd5b6001810180547fffffffffffffffff000000000000000000000000000000000000000000000000169055600280548391905f9061069e908490611829565b909155505060405182815233907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d59060200160405180910390a26106e23383611588565b506107106115865f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611580565b90565b805f0361074c576040517f1f2a200500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b335f9081526003602052604081208054909190610791906fffffffffffffffffffffffffffffffff700100000000000000000000000000000000820481169116611829565b9050808311156107d7576040517f802f3a420000000000000000000000000000000000000000000000000000000081526004810182905260248101849052604401610657565b60018201545f906107fb9085906fffffffffffffffffffffffffffffffff1661183c565b90505f6108287f00000000000000000000000000000000000000000000000000000000000000004261183c565b8454909150859085905f906108509084906fffffffffffffffffffffffffffffffff1661184f565b92506101000a8154816fffffffffffffffffffffffffffffffff02191690836fffffffffffffffffffffffffffffffff16021790555061088f82611623565b6001850180547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff929092169190911790556108db8161167c565b60018501805467ffffffffffffffff92909216700100000000000000000000000000000000027fffffffffffffffff0000000000000000ffffffffffffffffffffffffffffffff909216919091179055604080518681526020810184905290810182905233907fa189391ea8e7d76922feb7ee566a77c6f09c171b6eced3054282dec6f0993c189060600160405180910390a25050505050565b3373ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016146109e4576040517f8b906c9700000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f5473ffffffffffffffffffffffffffffffffffffffff1615610a33576040517f06ddda6b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b73ffffffffffffffffffffffffffffffffffffffff8116610a80576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f80547fffffffffffffffffffffffff00000000000000000000000000000000000000001673ffffffffffffffffffffffffffffffffffffffff8316908117825560405190917fe307206b150a74b2a5d43a35703be791342ca123c12a507c5f679cf1d011d1b991a250565b5f805473ffffffffffffffffffffffffffffffffffffffff163314610b3d576040517fc4bbea6900000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5073ffffffffffffffffffffffffffffffffffffffff82165f90815260046020908152604080832084845290915281205490819003610b7d57505f61056b565b73ffffffffffffffffffffffffffffffffffffffff83165f818152600460209081526040808320868452825280832083905592825260039052208054829190601090610bf090849070010000000000000000000000000000000090046fffffffffffffffffffffffffffffffff1661184f565b92506101000a8154816fffffffffffffffffffffffffffffffff02191690836fffffffffffffffffffffffffffffffff160217905550818373ffffffffffffffffffffffffffffffffffffffff167f3f2f29fa02cc34566ac167b446be0be9e0254cac18eda93b2dfe6a7a7c8affb983604051610c6f91815260200190565b60405180910390a392915050565b5f610c8661152f565b50335f9081526005602052604081205490819003610cd0576040517fd0d04f6000000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b335f90815260056020526040812081905560028054839290610cf3908490611829565b909155505060405181815233907f106f923f993c2149d49b4255ff723acafa1f2d94393f561d3eda32ae348f72419060200160405180910390a2610d373382611588565b6107106115865f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611580565b345f03610d9d576040517f1f2a200500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b335f9081526003602052604081208054909190610dcd9034906fffffffffffffffffffffffffffffffff1661183c565b90506fffffffffffffffffffffffffffffffff811115610e19576040517f0625040100000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b81547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff8216178255600280543491905f90610e6790849061183c565b9091555050604080513481526020810183905233917f73a19dd210f1a7f902193214c0ee91dd35ee5b4d920cba8d519eca65a7b488ca910160405180910390a25050565b5f5473ffffffffffffffffffffffffffffffffffffffff163314610efb576040517fc4bbea6900000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b805f03610f34576040517f1f2a200500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b73ffffffffffffffffffffffffffffffffffffffff83165f90815260046020908152604080832085845290915290205415610fba576040517f3ce26d4200000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8416600482015260248101839052604401610657565b73ffffffffffffffffffffffffffffffffffffffff83165f9081526003602052604081208054909190611015906fffffffffffffffffffffffffffffffff700100000000000000000000000000000000820481169116611829565b90508083111561105b576040517f802f3a420000000000000000000000000000000000000000000000000000000081526004810182905260248101849052604401610657565b81548390839060109061109590849070010000000000000000000000000000000090046fffffffffffffffffffffffffffffffff16611877565b82546fffffffffffffffffffffffffffffffff9182166101009390930a92830291909202199091161790555073ffffffffffffffffffffffffffffffffffffffff85165f81815260046020908152604080832088845282529182902086905590518581528692917fd4665e3049283582ba6f9eba07a5b3e12dab49e02da99e8927a47af5d134bea5910160405180910390a35050505050565b5f803373ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000161480159061118d57505f5473ffffffffffffffffffffffffffffffffffffffff163314155b156111c4576040517fdabc4ad900000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b835f036111fd576040517f1f2a200500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b73ffffffffffffffffffffffffffffffffffffffff86165f90815260046020908152604080832088845290915290205480851115611271576040517ff804bd4e0000000000000000000000000000000000000000000000000000000081526004810182905260248101869052604401610657565b61127b8582611829565b73ffffffffffffffffffffffffffffffffffffffff88165f8181526004602090815260408083208b84528252808320949094559181526003909152208054869082906010906112f190849070010000000000000000000000000000000090046fffffffffffffffffffffffffffffffff1661184f565b92506101000a8154816fffffffffffffffffffffffffffffffff02191690836fffffffffffffffffffffffffffffffff16021790555085815f015f8282829054906101000a90046fffffffffffffffffffffffffffffffff16611354919061184f565b92506101000a8154816fffffffffffffffffffffffffffffffff02191690836fffffffffffffffffffffffffffffffff1602179055505f73ffffffffffffffffffffffffffffffffffffffff168573ffffffffffffffffffffffffffffffffffffffff16146113f9576127106113ea7f00000000000000000000000000000000000000000000000000000000000000008861189f565b6113f491906118b6565b6113fb565b5f5b93506114078487611829565b925083156114495773ffffffffffffffffffffffffffffffffffffffff85165f908152600560205260408120805486929061144390849061183c565b90915550505b8260015f82825461145a919061183c565b909155505060408051338152602081018890529081018590526060810184905273ffffffffffffffffffffffffffffffffffffffff8087169189918b16907f64436c7cdaecb59cf18913578726e6bbd4c305a95562030cbb9d1b357136a0369060800160405180910390a4505094509492505050565b73ffffffffffffffffffffffffffffffffffffffff81165f9081526003602052604081208054611528906fffffffffffffffffffffffffffffffff700100000000000000000000000000000000820481169116611829565b9392505050565b6115597f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c6116cb565b61158660017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90611702565b565b5f8273ffffffffffffffffffffffffffffffffffffffff16826040515f6040518083038185875af1925050503d805f81146115de576040519150601f19603f3d011682016040523d82523d5f602084013e6115e3565b606091505b505090508061161e576040517f90b8ec1800000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b505050565b5f6fffffffffffffffffffffffffffffffff821115611678576040517f6dfcc6500000000000000000000000000000000000000000000000000000000081526080600482015260248101839052604401610657565b5090565b5f67ffffffffffffffff82111561167857604080517f6dfcc650000000000000000000000000000000000000000000000000000000008152600481019190915260248101839052604401610657565b15611586576040517f3ee5aeb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80825d5050565b803573ffffffffffffffffffffffffffffffffffffffff8116811461172c575f5ffd5b919050565b5f5f60408385031215611742575f5ffd5b61174b83611709565b946020939093013593505050565b5f60208284031215611769575f5ffd5b61152882611709565b5f60208284031215611782575f5ffd5b5035919050565b5f5f5f6060848603121561179b575f5ffd5b6117a484611709565b95602085013595506040909401359392505050565b5f5f5f5f608085870312156117cc575f5ffd5b6117d585611709565b935060208501359250604085013591506117f160608601611709565b905092959194509250565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b8181038181111561056b5761056b6117fc565b8082018082111561056b5761056b6117fc565b6fffffffffffffffffffffffffffffffff828116828216039081111561056b5761056b6117fc565b6fffffffffffffffffffffffffffffffff818116838216019081111561056b5761056b6117fc565b808202811582820484141761056b5761056b6117fc565b5f826118e9577f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b50049056",
}

// StakeManager is an auto generated Go binding around an Ethereum contract.
type StakeManager struct {
	abi abi.ABI
}

// NewStakeManager creates a new instance of StakeManager.
func NewStakeManager() *StakeManager {
	parsed, err := StakeManagerMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &StakeManager{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *StakeManager) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address arbiter_, uint256 unbondingDelay_, uint256 slashRewardBps_) returns()
func (stakeManager *StakeManager) PackConstructor(arbiter_ common.Address, unbondingDelay_ *big.Int, slashRewardBps_ *big.Int) []byte {
	enc, err := stakeManager.abi.Pack("", arbiter_, unbondingDelay_, slashRewardBps_)
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
func (stakeManager *StakeManager) PackArbiter() []byte {
	enc, err := stakeManager.abi.Pack("arbiter")
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
func (stakeManager *StakeManager) TryPackArbiter() ([]byte, error) {
	return stakeManager.abi.Pack("arbiter")
}

// UnpackArbiter is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfe25e00a.
//
// Solidity: function arbiter() view returns(address)
func (stakeManager *StakeManager) UnpackArbiter(data []byte) (common.Address, error) {
	out, err := stakeManager.abi.Unpack("arbiter", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackClaimReward is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88a802f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimReward() returns(uint256 amount)
func (stakeManager *StakeManager) PackClaimReward() []byte {
	enc, err := stakeManager.abi.Pack("claimReward")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimReward is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88a802f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimReward() returns(uint256 amount)
func (stakeManager *StakeManager) TryPackClaimReward() ([]byte, error) {
	return stakeManager.abi.Pack("claimReward")
}

// UnpackClaimReward is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb88a802f.
//
// Solidity: function claimReward() returns(uint256 amount)
func (stakeManager *StakeManager) UnpackClaimReward(data []byte) (*big.Int, error) {
	out, err := stakeManager.abi.Unpack("claimReward", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDeployer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd5f39488.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deployer() view returns(address)
func (stakeManager *StakeManager) PackDeployer() []byte {
	enc, err := stakeManager.abi.Pack("deployer")
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
func (stakeManager *StakeManager) TryPackDeployer() ([]byte, error) {
	return stakeManager.abi.Pack("deployer")
}

// UnpackDeployer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd5f39488.
//
// Solidity: function deployer() view returns(address)
func (stakeManager *StakeManager) UnpackDeployer(data []byte) (common.Address, error) {
	out, err := stakeManager.abi.Unpack("deployer", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0e30db0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deposit() payable returns()
func (stakeManager *StakeManager) PackDeposit() []byte {
	enc, err := stakeManager.abi.Pack("deposit")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0e30db0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deposit() payable returns()
func (stakeManager *StakeManager) TryPackDeposit() ([]byte, error) {
	return stakeManager.abi.Pack("deposit")
}

// PackFreeStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa6739c1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function freeStake(address staker) view returns(uint256)
func (stakeManager *StakeManager) PackFreeStake(staker common.Address) []byte {
	enc, err := stakeManager.abi.Pack("freeStake", staker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFreeStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa6739c1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function freeStake(address staker) view returns(uint256)
func (stakeManager *StakeManager) TryPackFreeStake(staker common.Address) ([]byte, error) {
	return stakeManager.abi.Pack("freeStake", staker)
}

// UnpackFreeStake is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfa6739c1.
//
// Solidity: function freeStake(address staker) view returns(uint256)
func (stakeManager *StakeManager) UnpackFreeStake(data []byte) (*big.Int, error) {
	out, err := stakeManager.abi.Unpack("freeStake", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackLock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe2ab691d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lock(address staker, uint256 jobId, uint256 amount) returns()
func (stakeManager *StakeManager) PackLock(staker common.Address, jobId *big.Int, amount *big.Int) []byte {
	enc, err := stakeManager.abi.Pack("lock", staker, jobId, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe2ab691d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lock(address staker, uint256 jobId, uint256 amount) returns()
func (stakeManager *StakeManager) TryPackLock(staker common.Address, jobId *big.Int, amount *big.Int) ([]byte, error) {
	return stakeManager.abi.Pack("lock", staker, jobId, amount)
}

// PackLockedFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1590a376.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lockedFor(address staker, uint256 jobId) view returns(uint256)
func (stakeManager *StakeManager) PackLockedFor(staker common.Address, jobId *big.Int) []byte {
	enc, err := stakeManager.abi.Pack("lockedFor", staker, jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLockedFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1590a376.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lockedFor(address staker, uint256 jobId) view returns(uint256)
func (stakeManager *StakeManager) TryPackLockedFor(staker common.Address, jobId *big.Int) ([]byte, error) {
	return stakeManager.abi.Pack("lockedFor", staker, jobId)
}

// UnpackLockedFor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1590a376.
//
// Solidity: function lockedFor(address staker, uint256 jobId) view returns(uint256)
func (stakeManager *StakeManager) UnpackLockedFor(data []byte) (*big.Int, error) {
	out, err := stakeManager.abi.Unpack("lockedFor", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMarket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x80f55605.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function market() view returns(address)
func (stakeManager *StakeManager) PackMarket() []byte {
	enc, err := stakeManager.abi.Pack("market")
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
func (stakeManager *StakeManager) TryPackMarket() ([]byte, error) {
	return stakeManager.abi.Pack("market")
}

// UnpackMarket is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x80f55605.
//
// Solidity: function market() view returns(address)
func (stakeManager *StakeManager) UnpackMarket(data []byte) (common.Address, error) {
	out, err := stakeManager.abi.Unpack("market", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRequestUnbond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54f63b14.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestUnbond(uint256 amount) returns()
func (stakeManager *StakeManager) PackRequestUnbond(amount *big.Int) []byte {
	enc, err := stakeManager.abi.Pack("requestUnbond", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestUnbond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54f63b14.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestUnbond(uint256 amount) returns()
func (stakeManager *StakeManager) TryPackRequestUnbond(amount *big.Int) ([]byte, error) {
	return stakeManager.abi.Pack("requestUnbond", amount)
}

// PackRewardOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d62ebd9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rewardOf(address recipient) view returns(uint256)
func (stakeManager *StakeManager) PackRewardOf(recipient common.Address) []byte {
	enc, err := stakeManager.abi.Pack("rewardOf", recipient)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRewardOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d62ebd9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rewardOf(address recipient) view returns(uint256)
func (stakeManager *StakeManager) TryPackRewardOf(recipient common.Address) ([]byte, error) {
	return stakeManager.abi.Pack("rewardOf", recipient)
}

// UnpackRewardOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1d62ebd9.
//
// Solidity: function rewardOf(address recipient) view returns(uint256)
func (stakeManager *StakeManager) UnpackRewardOf(data []byte) (*big.Int, error) {
	out, err := stakeManager.abi.Unpack("rewardOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSetMarket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6dcea85f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setMarket(address market_) returns()
func (stakeManager *StakeManager) PackSetMarket(market common.Address) []byte {
	enc, err := stakeManager.abi.Pack("setMarket", market)
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
func (stakeManager *StakeManager) TryPackSetMarket(market common.Address) ([]byte, error) {
	return stakeManager.abi.Pack("setMarket", market)
}

// PackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe76fede6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slash(address staker, uint256 jobId, uint256 amount, address recipient) returns(uint256 reward, uint256 burned)
func (stakeManager *StakeManager) PackSlash(staker common.Address, jobId *big.Int, amount *big.Int, recipient common.Address) []byte {
	enc, err := stakeManager.abi.Pack("slash", staker, jobId, amount, recipient)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe76fede6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slash(address staker, uint256 jobId, uint256 amount, address recipient) returns(uint256 reward, uint256 burned)
func (stakeManager *StakeManager) TryPackSlash(staker common.Address, jobId *big.Int, amount *big.Int, recipient common.Address) ([]byte, error) {
	return stakeManager.abi.Pack("slash", staker, jobId, amount, recipient)
}

// SlashOutput serves as a container for the return parameters of contract
// method Slash.
type SlashOutput struct {
	Reward *big.Int
	Burned *big.Int
}

// UnpackSlash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe76fede6.
//
// Solidity: function slash(address staker, uint256 jobId, uint256 amount, address recipient) returns(uint256 reward, uint256 burned)
func (stakeManager *StakeManager) UnpackSlash(data []byte) (SlashOutput, error) {
	out, err := stakeManager.abi.Unpack("slash", data)
	outstruct := new(SlashOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Reward = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Burned = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackSlashRewardBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7c59dec8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slashRewardBps() view returns(uint256)
func (stakeManager *StakeManager) PackSlashRewardBps() []byte {
	enc, err := stakeManager.abi.Pack("slashRewardBps")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlashRewardBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7c59dec8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slashRewardBps() view returns(uint256)
func (stakeManager *StakeManager) TryPackSlashRewardBps() ([]byte, error) {
	return stakeManager.abi.Pack("slashRewardBps")
}

// UnpackSlashRewardBps is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7c59dec8.
//
// Solidity: function slashRewardBps() view returns(uint256)
func (stakeManager *StakeManager) UnpackSlashRewardBps(data []byte) (*big.Int, error) {
	out, err := stakeManager.abi.Unpack("slashRewardBps", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackStakeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42623360.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stakeOf(address staker) view returns((uint128,uint128,uint128,uint64))
func (stakeManager *StakeManager) PackStakeOf(staker common.Address) []byte {
	enc, err := stakeManager.abi.Pack("stakeOf", staker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStakeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42623360.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stakeOf(address staker) view returns((uint128,uint128,uint128,uint64))
func (stakeManager *StakeManager) TryPackStakeOf(staker common.Address) ([]byte, error) {
	return stakeManager.abi.Pack("stakeOf", staker)
}

// UnpackStakeOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x42623360.
//
// Solidity: function stakeOf(address staker) view returns((uint128,uint128,uint128,uint64))
func (stakeManager *StakeManager) UnpackStakeOf(data []byte) (IStakeManagerStakeInfo, error) {
	out, err := stakeManager.abi.Unpack("stakeOf", data)
	if err != nil {
		return *new(IStakeManagerStakeInfo), err
	}
	out0 := *abi.ConvertType(out[0], new(IStakeManagerStakeInfo)).(*IStakeManagerStakeInfo)
	return out0, nil
}

// PackTotalAccounted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2964e4e6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalAccounted() view returns(uint256)
func (stakeManager *StakeManager) PackTotalAccounted() []byte {
	enc, err := stakeManager.abi.Pack("totalAccounted")
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
func (stakeManager *StakeManager) TryPackTotalAccounted() ([]byte, error) {
	return stakeManager.abi.Pack("totalAccounted")
}

// UnpackTotalAccounted is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2964e4e6.
//
// Solidity: function totalAccounted() view returns(uint256)
func (stakeManager *StakeManager) UnpackTotalAccounted(data []byte) (*big.Int, error) {
	out, err := stakeManager.abi.Unpack("totalAccounted", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTotalBurned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd89135cd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalBurned() view returns(uint256)
func (stakeManager *StakeManager) PackTotalBurned() []byte {
	enc, err := stakeManager.abi.Pack("totalBurned")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalBurned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd89135cd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalBurned() view returns(uint256)
func (stakeManager *StakeManager) TryPackTotalBurned() ([]byte, error) {
	return stakeManager.abi.Pack("totalBurned")
}

// UnpackTotalBurned is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd89135cd.
//
// Solidity: function totalBurned() view returns(uint256)
func (stakeManager *StakeManager) UnpackTotalBurned(data []byte) (*big.Int, error) {
	out, err := stakeManager.abi.Unpack("totalBurned", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackUnbondingDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb7dd35a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unbondingDelay() view returns(uint256)
func (stakeManager *StakeManager) PackUnbondingDelay() []byte {
	enc, err := stakeManager.abi.Pack("unbondingDelay")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnbondingDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb7dd35a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unbondingDelay() view returns(uint256)
func (stakeManager *StakeManager) TryPackUnbondingDelay() ([]byte, error) {
	return stakeManager.abi.Pack("unbondingDelay")
}

// UnpackUnbondingDelay is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdb7dd35a.
//
// Solidity: function unbondingDelay() view returns(uint256)
func (stakeManager *StakeManager) UnpackUnbondingDelay(data []byte) (*big.Int, error) {
	out, err := stakeManager.abi.Unpack("unbondingDelay", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackUnlock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7eee288d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unlock(address staker, uint256 jobId) returns(uint256 amount)
func (stakeManager *StakeManager) PackUnlock(staker common.Address, jobId *big.Int) []byte {
	enc, err := stakeManager.abi.Pack("unlock", staker, jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnlock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7eee288d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unlock(address staker, uint256 jobId) returns(uint256 amount)
func (stakeManager *StakeManager) TryPackUnlock(staker common.Address, jobId *big.Int) ([]byte, error) {
	return stakeManager.abi.Pack("unlock", staker, jobId)
}

// UnpackUnlock is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7eee288d.
//
// Solidity: function unlock(address staker, uint256 jobId) returns(uint256 amount)
func (stakeManager *StakeManager) UnpackUnlock(data []byte) (*big.Int, error) {
	out, err := stakeManager.abi.Unpack("unlock", data)
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
func (stakeManager *StakeManager) PackWithdraw() []byte {
	enc, err := stakeManager.abi.Pack("withdraw")
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
func (stakeManager *StakeManager) TryPackWithdraw() ([]byte, error) {
	return stakeManager.abi.Pack("withdraw")
}

// UnpackWithdraw is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3ccfd60b.
//
// Solidity: function withdraw() returns(uint256 amount)
func (stakeManager *StakeManager) UnpackWithdraw(data []byte) (*big.Int, error) {
	out, err := stakeManager.abi.Unpack("withdraw", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// StakeManagerDeposited represents a Deposited event raised by the StakeManager contract.
type StakeManagerDeposited struct {
	Staker common.Address
	Amount *big.Int
	Staked *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const StakeManagerDepositedEventName = "Deposited"

// ContractEventName returns the user-defined event name.
func (StakeManagerDeposited) ContractEventName() string {
	return StakeManagerDepositedEventName
}

// UnpackDepositedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deposited(address indexed staker, uint256 amount, uint256 staked)
func (stakeManager *StakeManager) UnpackDepositedEvent(log *types.Log) (*StakeManagerDeposited, error) {
	event := "Deposited"
	if len(log.Topics) == 0 || log.Topics[0] != stakeManager.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(StakeManagerDeposited)
	if len(log.Data) > 0 {
		if err := stakeManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range stakeManager.abi.Events[event].Inputs {
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

// StakeManagerLocked represents a Locked event raised by the StakeManager contract.
type StakeManagerLocked struct {
	Staker common.Address
	JobId  *big.Int
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const StakeManagerLockedEventName = "Locked"

// ContractEventName returns the user-defined event name.
func (StakeManagerLocked) ContractEventName() string {
	return StakeManagerLockedEventName
}

// UnpackLockedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Locked(address indexed staker, uint256 indexed jobId, uint256 amount)
func (stakeManager *StakeManager) UnpackLockedEvent(log *types.Log) (*StakeManagerLocked, error) {
	event := "Locked"
	if len(log.Topics) == 0 || log.Topics[0] != stakeManager.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(StakeManagerLocked)
	if len(log.Data) > 0 {
		if err := stakeManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range stakeManager.abi.Events[event].Inputs {
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

// StakeManagerMarketSet represents a MarketSet event raised by the StakeManager contract.
type StakeManagerMarketSet struct {
	Market common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const StakeManagerMarketSetEventName = "MarketSet"

// ContractEventName returns the user-defined event name.
func (StakeManagerMarketSet) ContractEventName() string {
	return StakeManagerMarketSetEventName
}

// UnpackMarketSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MarketSet(address indexed market)
func (stakeManager *StakeManager) UnpackMarketSetEvent(log *types.Log) (*StakeManagerMarketSet, error) {
	event := "MarketSet"
	if len(log.Topics) == 0 || log.Topics[0] != stakeManager.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(StakeManagerMarketSet)
	if len(log.Data) > 0 {
		if err := stakeManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range stakeManager.abi.Events[event].Inputs {
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

// StakeManagerRewardClaimed represents a RewardClaimed event raised by the StakeManager contract.
type StakeManagerRewardClaimed struct {
	Recipient common.Address
	Amount    *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const StakeManagerRewardClaimedEventName = "RewardClaimed"

// ContractEventName returns the user-defined event name.
func (StakeManagerRewardClaimed) ContractEventName() string {
	return StakeManagerRewardClaimedEventName
}

// UnpackRewardClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RewardClaimed(address indexed recipient, uint256 amount)
func (stakeManager *StakeManager) UnpackRewardClaimedEvent(log *types.Log) (*StakeManagerRewardClaimed, error) {
	event := "RewardClaimed"
	if len(log.Topics) == 0 || log.Topics[0] != stakeManager.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(StakeManagerRewardClaimed)
	if len(log.Data) > 0 {
		if err := stakeManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range stakeManager.abi.Events[event].Inputs {
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

// StakeManagerSlashed represents a Slashed event raised by the StakeManager contract.
type StakeManagerSlashed struct {
	Staker    common.Address
	JobId     *big.Int
	Recipient common.Address
	Slasher   common.Address
	Amount    *big.Int
	Reward    *big.Int
	Burned    *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const StakeManagerSlashedEventName = "Slashed"

// ContractEventName returns the user-defined event name.
func (StakeManagerSlashed) ContractEventName() string {
	return StakeManagerSlashedEventName
}

// UnpackSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Slashed(address indexed staker, uint256 indexed jobId, address indexed recipient, address slasher, uint256 amount, uint256 reward, uint256 burned)
func (stakeManager *StakeManager) UnpackSlashedEvent(log *types.Log) (*StakeManagerSlashed, error) {
	event := "Slashed"
	if len(log.Topics) == 0 || log.Topics[0] != stakeManager.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(StakeManagerSlashed)
	if len(log.Data) > 0 {
		if err := stakeManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range stakeManager.abi.Events[event].Inputs {
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

// StakeManagerUnbondRequested represents a UnbondRequested event raised by the StakeManager contract.
type StakeManagerUnbondRequested struct {
	Staker    common.Address
	Amount    *big.Int
	Unbonding *big.Int
	ReadyAt   *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const StakeManagerUnbondRequestedEventName = "UnbondRequested"

// ContractEventName returns the user-defined event name.
func (StakeManagerUnbondRequested) ContractEventName() string {
	return StakeManagerUnbondRequestedEventName
}

// UnpackUnbondRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UnbondRequested(address indexed staker, uint256 amount, uint256 unbonding, uint256 readyAt)
func (stakeManager *StakeManager) UnpackUnbondRequestedEvent(log *types.Log) (*StakeManagerUnbondRequested, error) {
	event := "UnbondRequested"
	if len(log.Topics) == 0 || log.Topics[0] != stakeManager.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(StakeManagerUnbondRequested)
	if len(log.Data) > 0 {
		if err := stakeManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range stakeManager.abi.Events[event].Inputs {
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

// StakeManagerUnlocked represents a Unlocked event raised by the StakeManager contract.
type StakeManagerUnlocked struct {
	Staker common.Address
	JobId  *big.Int
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const StakeManagerUnlockedEventName = "Unlocked"

// ContractEventName returns the user-defined event name.
func (StakeManagerUnlocked) ContractEventName() string {
	return StakeManagerUnlockedEventName
}

// UnpackUnlockedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Unlocked(address indexed staker, uint256 indexed jobId, uint256 amount)
func (stakeManager *StakeManager) UnpackUnlockedEvent(log *types.Log) (*StakeManagerUnlocked, error) {
	event := "Unlocked"
	if len(log.Topics) == 0 || log.Topics[0] != stakeManager.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(StakeManagerUnlocked)
	if len(log.Data) > 0 {
		if err := stakeManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range stakeManager.abi.Events[event].Inputs {
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

// StakeManagerWithdrawn represents a Withdrawn event raised by the StakeManager contract.
type StakeManagerWithdrawn struct {
	Staker common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const StakeManagerWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (StakeManagerWithdrawn) ContractEventName() string {
	return StakeManagerWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed staker, uint256 amount)
func (stakeManager *StakeManager) UnpackWithdrawnEvent(log *types.Log) (*StakeManagerWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 || log.Topics[0] != stakeManager.abi.Events[event].ID {
		return nil, errors.New("event signature mismatch")
	}
	out := new(StakeManagerWithdrawn)
	if len(log.Data) > 0 {
		if err := stakeManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range stakeManager.abi.Events[event].Inputs {
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
func (stakeManager *StakeManager) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["AmountTooLarge"].ID.Bytes()[:4]) {
		return stakeManager.UnpackAmountTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["InsufficientFreeStake"].ID.Bytes()[:4]) {
		return stakeManager.UnpackInsufficientFreeStakeError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["InvalidSlashReward"].ID.Bytes()[:4]) {
		return stakeManager.UnpackInvalidSlashRewardError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["LockExists"].ID.Bytes()[:4]) {
		return stakeManager.UnpackLockExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["MarketAlreadySet"].ID.Bytes()[:4]) {
		return stakeManager.UnpackMarketAlreadySetError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["NotDeployer"].ID.Bytes()[:4]) {
		return stakeManager.UnpackNotDeployerError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["NotMarket"].ID.Bytes()[:4]) {
		return stakeManager.UnpackNotMarketError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["NotSlasher"].ID.Bytes()[:4]) {
		return stakeManager.UnpackNotSlasherError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["NothingToWithdraw"].ID.Bytes()[:4]) {
		return stakeManager.UnpackNothingToWithdrawError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return stakeManager.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["SafeCastOverflowedUintDowncast"].ID.Bytes()[:4]) {
		return stakeManager.UnpackSafeCastOverflowedUintDowncastError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["SlashExceedsLock"].ID.Bytes()[:4]) {
		return stakeManager.UnpackSlashExceedsLockError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["TransferFailed"].ID.Bytes()[:4]) {
		return stakeManager.UnpackTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["UnbondingNotReady"].ID.Bytes()[:4]) {
		return stakeManager.UnpackUnbondingNotReadyError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return stakeManager.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], stakeManager.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return stakeManager.UnpackZeroAmountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// StakeManagerAmountTooLarge represents a AmountTooLarge error raised by the StakeManager contract.
type StakeManagerAmountTooLarge struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AmountTooLarge()
func StakeManagerAmountTooLargeErrorID() common.Hash {
	return common.HexToHash("0x06250401c072295744520da9e60a3a29ab28ceb9fda5d792222d5242d22e8a44")
}

// UnpackAmountTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AmountTooLarge()
func (stakeManager *StakeManager) UnpackAmountTooLargeError(raw []byte) (*StakeManagerAmountTooLarge, error) {
	out := new(StakeManagerAmountTooLarge)
	if err := stakeManager.abi.UnpackIntoInterface(out, "AmountTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerInsufficientFreeStake represents a InsufficientFreeStake error raised by the StakeManager contract.
type StakeManagerInsufficientFreeStake struct {
	Free   *big.Int
	Needed *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientFreeStake(uint256 free, uint256 needed)
func StakeManagerInsufficientFreeStakeErrorID() common.Hash {
	return common.HexToHash("0x802f3a423cea712dbebecc8f1c7ad9a357d722179ad2025178cd6f812e465c77")
}

// UnpackInsufficientFreeStakeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientFreeStake(uint256 free, uint256 needed)
func (stakeManager *StakeManager) UnpackInsufficientFreeStakeError(raw []byte) (*StakeManagerInsufficientFreeStake, error) {
	out := new(StakeManagerInsufficientFreeStake)
	if err := stakeManager.abi.UnpackIntoInterface(out, "InsufficientFreeStake", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerInvalidSlashReward represents a InvalidSlashReward error raised by the StakeManager contract.
type StakeManagerInvalidSlashReward struct {
	Bps *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSlashReward(uint256 bps)
func StakeManagerInvalidSlashRewardErrorID() common.Hash {
	return common.HexToHash("0x7f0d21f82146acae5c053958b2f1a2be9ffe653aa7a7a75dd8911e76f3bda4aa")
}

// UnpackInvalidSlashRewardError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSlashReward(uint256 bps)
func (stakeManager *StakeManager) UnpackInvalidSlashRewardError(raw []byte) (*StakeManagerInvalidSlashReward, error) {
	out := new(StakeManagerInvalidSlashReward)
	if err := stakeManager.abi.UnpackIntoInterface(out, "InvalidSlashReward", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerLockExists represents a LockExists error raised by the StakeManager contract.
type StakeManagerLockExists struct {
	Staker common.Address
	JobId  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LockExists(address staker, uint256 jobId)
func StakeManagerLockExistsErrorID() common.Hash {
	return common.HexToHash("0x3ce26d42a6701d07aa3e62a5457d6c46e8bee11c0c3988f92999b460bf5c4589")
}

// UnpackLockExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LockExists(address staker, uint256 jobId)
func (stakeManager *StakeManager) UnpackLockExistsError(raw []byte) (*StakeManagerLockExists, error) {
	out := new(StakeManagerLockExists)
	if err := stakeManager.abi.UnpackIntoInterface(out, "LockExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerMarketAlreadySet represents a MarketAlreadySet error raised by the StakeManager contract.
type StakeManagerMarketAlreadySet struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MarketAlreadySet()
func StakeManagerMarketAlreadySetErrorID() common.Hash {
	return common.HexToHash("0x06ddda6bda672d93bde8578c5e42a47a17199ef184f2a1cfa7159ad78c1269fd")
}

// UnpackMarketAlreadySetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MarketAlreadySet()
func (stakeManager *StakeManager) UnpackMarketAlreadySetError(raw []byte) (*StakeManagerMarketAlreadySet, error) {
	out := new(StakeManagerMarketAlreadySet)
	if err := stakeManager.abi.UnpackIntoInterface(out, "MarketAlreadySet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerNotDeployer represents a NotDeployer error raised by the StakeManager contract.
type StakeManagerNotDeployer struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotDeployer()
func StakeManagerNotDeployerErrorID() common.Hash {
	return common.HexToHash("0x8b906c9700ab2b52dbac68ba97746b76f841c655b82cbeaeb4a267404c6dd944")
}

// UnpackNotDeployerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotDeployer()
func (stakeManager *StakeManager) UnpackNotDeployerError(raw []byte) (*StakeManagerNotDeployer, error) {
	out := new(StakeManagerNotDeployer)
	if err := stakeManager.abi.UnpackIntoInterface(out, "NotDeployer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerNotMarket represents a NotMarket error raised by the StakeManager contract.
type StakeManagerNotMarket struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotMarket()
func StakeManagerNotMarketErrorID() common.Hash {
	return common.HexToHash("0xc4bbea694daf04190b125ad8e91c3e4aacafdec06ab734d230bd92a002f5ead9")
}

// UnpackNotMarketError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotMarket()
func (stakeManager *StakeManager) UnpackNotMarketError(raw []byte) (*StakeManagerNotMarket, error) {
	out := new(StakeManagerNotMarket)
	if err := stakeManager.abi.UnpackIntoInterface(out, "NotMarket", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerNotSlasher represents a NotSlasher error raised by the StakeManager contract.
type StakeManagerNotSlasher struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotSlasher()
func StakeManagerNotSlasherErrorID() common.Hash {
	return common.HexToHash("0xdabc4ad974f0b1bfe08ddf989aab2789a89f58c74576a83c5e483ffd3622529c")
}

// UnpackNotSlasherError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotSlasher()
func (stakeManager *StakeManager) UnpackNotSlasherError(raw []byte) (*StakeManagerNotSlasher, error) {
	out := new(StakeManagerNotSlasher)
	if err := stakeManager.abi.UnpackIntoInterface(out, "NotSlasher", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerNothingToWithdraw represents a NothingToWithdraw error raised by the StakeManager contract.
type StakeManagerNothingToWithdraw struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToWithdraw()
func StakeManagerNothingToWithdrawErrorID() common.Hash {
	return common.HexToHash("0xd0d04f60bf4f7629141a1f00f5d2908fa0f3e15bf4cbf8bb8edc6fcbdf2509fa")
}

// UnpackNothingToWithdrawError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToWithdraw()
func (stakeManager *StakeManager) UnpackNothingToWithdrawError(raw []byte) (*StakeManagerNothingToWithdraw, error) {
	out := new(StakeManagerNothingToWithdraw)
	if err := stakeManager.abi.UnpackIntoInterface(out, "NothingToWithdraw", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the StakeManager contract.
type StakeManagerReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func StakeManagerReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (stakeManager *StakeManager) UnpackReentrancyGuardReentrantCallError(raw []byte) (*StakeManagerReentrancyGuardReentrantCall, error) {
	out := new(StakeManagerReentrancyGuardReentrantCall)
	if err := stakeManager.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerSafeCastOverflowedUintDowncast represents a SafeCastOverflowedUintDowncast error raised by the StakeManager contract.
type StakeManagerSafeCastOverflowedUintDowncast struct {
	Bits  uint8
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)
func StakeManagerSafeCastOverflowedUintDowncastErrorID() common.Hash {
	return common.HexToHash("0x6dfcc6503a32754ce7a89698e18201fc5294fd4aad43edefee786f88423b1a12")
}

// UnpackSafeCastOverflowedUintDowncastError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)
func (stakeManager *StakeManager) UnpackSafeCastOverflowedUintDowncastError(raw []byte) (*StakeManagerSafeCastOverflowedUintDowncast, error) {
	out := new(StakeManagerSafeCastOverflowedUintDowncast)
	if err := stakeManager.abi.UnpackIntoInterface(out, "SafeCastOverflowedUintDowncast", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerSlashExceedsLock represents a SlashExceedsLock error raised by the StakeManager contract.
type StakeManagerSlashExceedsLock struct {
	Locked *big.Int
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SlashExceedsLock(uint256 locked, uint256 amount)
func StakeManagerSlashExceedsLockErrorID() common.Hash {
	return common.HexToHash("0xf804bd4edf7bde24de92565a0c01f3e3752fd7d317e19d0536a50c6d65fd2bfb")
}

// UnpackSlashExceedsLockError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SlashExceedsLock(uint256 locked, uint256 amount)
func (stakeManager *StakeManager) UnpackSlashExceedsLockError(raw []byte) (*StakeManagerSlashExceedsLock, error) {
	out := new(StakeManagerSlashExceedsLock)
	if err := stakeManager.abi.UnpackIntoInterface(out, "SlashExceedsLock", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerTransferFailed represents a TransferFailed error raised by the StakeManager contract.
type StakeManagerTransferFailed struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransferFailed()
func StakeManagerTransferFailedErrorID() common.Hash {
	return common.HexToHash("0x90b8ec1877afffd816d05d9b13947f3ff18ec5851c38bad15ec2b710f92391b1")
}

// UnpackTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransferFailed()
func (stakeManager *StakeManager) UnpackTransferFailedError(raw []byte) (*StakeManagerTransferFailed, error) {
	out := new(StakeManagerTransferFailed)
	if err := stakeManager.abi.UnpackIntoInterface(out, "TransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerUnbondingNotReady represents a UnbondingNotReady error raised by the StakeManager contract.
type StakeManagerUnbondingNotReady struct {
	ReadyAt *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnbondingNotReady(uint256 readyAt)
func StakeManagerUnbondingNotReadyErrorID() common.Hash {
	return common.HexToHash("0xbd6151131ee7017e5640f9ac8167cb49b213ea32b1775f2b2bb45c5478069bc9")
}

// UnpackUnbondingNotReadyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnbondingNotReady(uint256 readyAt)
func (stakeManager *StakeManager) UnpackUnbondingNotReadyError(raw []byte) (*StakeManagerUnbondingNotReady, error) {
	out := new(StakeManagerUnbondingNotReady)
	if err := stakeManager.abi.UnpackIntoInterface(out, "UnbondingNotReady", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerZeroAddress represents a ZeroAddress error raised by the StakeManager contract.
type StakeManagerZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func StakeManagerZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (stakeManager *StakeManager) UnpackZeroAddressError(raw []byte) (*StakeManagerZeroAddress, error) {
	out := new(StakeManagerZeroAddress)
	if err := stakeManager.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakeManagerZeroAmount represents a ZeroAmount error raised by the StakeManager contract.
type StakeManagerZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func StakeManagerZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (stakeManager *StakeManager) UnpackZeroAmountError(raw []byte) (*StakeManagerZeroAmount, error) {
	out := new(StakeManagerZeroAmount)
	if err := stakeManager.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
