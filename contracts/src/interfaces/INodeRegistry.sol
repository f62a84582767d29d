// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title INodeRegistry
/// @notice Persistent identity of the network's nodes: address, libp2p peer id and declared hardware, plus
///         participation counters that only the JobMarket and the arbiter update.
interface INodeRegistry {
    /// @notice A registered node.
    /// @param peerId The node's libp2p peer id (its binary multihash), at most 128 bytes.
    /// @param hardware Declared hardware, free text (e.g. "cpu:amd64x16,ram:128GiB"), at most 256 bytes.
    /// @param registeredAt Unix time of registration (0: not registered).
    /// @param jobsDone Jobs the node finalized as a worker.
    /// @param disputesWon Disputes the node won (as a worker; the arbiter may also count challengers).
    /// @param disputesLost Disputes the node lost.
    struct Node {
        bytes peerId;
        string hardware;
        uint64 registeredAt;
        uint64 jobsDone;
        uint64 disputesWon;
        uint64 disputesLost;
    }

    /// @notice The caller is not the deployer.
    error NotDeployer();
    /// @notice The one-time market setter was already called.
    error MarketAlreadySet();
    /// @notice An address parameter is zero.
    error ZeroAddress();
    /// @notice The caller is neither the JobMarket nor the arbiter.
    error NotAuthorized();
    /// @notice The node is already registered.
    error AlreadyRegistered(address node);
    /// @notice The node is not registered.
    error NotRegistered(address node);
    /// @notice The peer id is empty or longer than 128 bytes.
    error InvalidPeerId();
    /// @notice The hardware declaration is longer than 256 bytes.
    error HardwareTooLong();

    /// @notice The JobMarket was wired (once, by the deployer).
    event MarketSet(address indexed market);
    /// @notice `node` registered with `peerId` and `hardware`.
    event NodeRegistered(address indexed node, bytes peerId, string hardware);
    /// @notice `node` changed its `peerId` and `hardware`.
    event NodeUpdated(address indexed node, bytes peerId, string hardware);
    /// @notice `node` finalized a job; it has done `jobsDone` jobs.
    event JobDoneRecorded(address indexed node, uint256 jobsDone);
    /// @notice `node` won (or lost) a dispute; its counters are now `disputesWon` and `disputesLost`.
    event DisputeRecorded(address indexed node, bool won, uint256 disputesWon, uint256 disputesLost);

    /// @notice Wires the JobMarket. Callable once, by the deployer.
    function setMarket(address market) external;

    /// @notice Registers the caller.
    function register(bytes calldata peerId, string calldata hardware) external;

    /// @notice Changes the caller's peer id and hardware declaration.
    function update(bytes calldata peerId, string calldata hardware) external;

    /// @notice Counts one finalized job for `node`. Only the JobMarket or the arbiter.
    function recordJobDone(address node) external;

    /// @notice Counts one dispute won (`won`) or lost for `node`. Only the JobMarket or the arbiter.
    function recordDispute(address node, bool won) external;

    /// @notice Whether `node` is registered.
    function isRegistered(address node) external view returns (bool);

    /// @notice The record of `node`.
    function getNode(address node) external view returns (Node memory);

    /// @notice Number of registered nodes.
    function nodeCount() external view returns (uint256);

    /// @notice The JobMarket.
    function market() external view returns (address);

    /// @notice The arbiter.
    function arbiter() external view returns (address);

    /// @notice The address that deployed this contract (may call `setMarket` once).
    function deployer() external view returns (address);
}
