// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {INodeRegistry} from "./interfaces/INodeRegistry.sol";

/// @title NodeRegistry
/// @notice Node identities and participation counters. See {INodeRegistry}.
contract NodeRegistry is INodeRegistry {
    /// @dev Longest accepted peer id, in bytes.
    uint256 internal constant MAX_PEER_ID = 128;
    /// @dev Longest accepted hardware declaration, in bytes.
    uint256 internal constant MAX_HARDWARE = 256;

    /// @inheritdoc INodeRegistry
    address public immutable arbiter;
    /// @inheritdoc INodeRegistry
    address public immutable deployer;
    /// @inheritdoc INodeRegistry
    address public market;
    /// @inheritdoc INodeRegistry
    uint256 public nodeCount;

    mapping(address node => Node) internal _nodes;

    /// @param arbiter_ The arbiter, allowed to update counters.
    constructor(address arbiter_) {
        if (arbiter_ == address(0)) revert ZeroAddress();
        arbiter = arbiter_;
        deployer = msg.sender;
    }

    modifier onlyAuthorized() {
        if (msg.sender != market && msg.sender != arbiter) revert NotAuthorized();
        _;
    }

    /// @inheritdoc INodeRegistry
    function setMarket(address market_) external {
        if (msg.sender != deployer) revert NotDeployer();
        if (market != address(0)) revert MarketAlreadySet();
        if (market_ == address(0)) revert ZeroAddress();
        market = market_;
        emit MarketSet(market_);
    }

    /// @inheritdoc INodeRegistry
    function register(bytes calldata peerId, string calldata hardware) external {
        Node storage n = _nodes[msg.sender];
        if (n.registeredAt != 0) revert AlreadyRegistered(msg.sender);
        _checkIdentity(peerId, hardware);
        n.peerId = peerId;
        n.hardware = hardware;
        n.registeredAt = uint64(block.timestamp);
        ++nodeCount;
        emit NodeRegistered(msg.sender, peerId, hardware);
    }

    /// @inheritdoc INodeRegistry
    function update(bytes calldata peerId, string calldata hardware) external {
        Node storage n = _registered(msg.sender);
        _checkIdentity(peerId, hardware);
        n.peerId = peerId;
        n.hardware = hardware;
        emit NodeUpdated(msg.sender, peerId, hardware);
    }

    /// @inheritdoc INodeRegistry
    function recordJobDone(address node) external onlyAuthorized {
        Node storage n = _registered(node);
        uint64 done = n.jobsDone + 1;
        n.jobsDone = done;
        emit JobDoneRecorded(node, done);
    }

    /// @inheritdoc INodeRegistry
    function recordDispute(address node, bool won) external onlyAuthorized {
        Node storage n = _registered(node);
        if (won) ++n.disputesWon;
        else ++n.disputesLost;
        emit DisputeRecorded(node, won, n.disputesWon, n.disputesLost);
    }

    /// @inheritdoc INodeRegistry
    function isRegistered(address node) external view returns (bool) {
        return _nodes[node].registeredAt != 0;
    }

    /// @inheritdoc INodeRegistry
    function getNode(address node) external view returns (Node memory) {
        return _nodes[node];
    }

    function _registered(address node) internal view returns (Node storage n) {
        n = _nodes[node];
        if (n.registeredAt == 0) revert NotRegistered(node);
    }

    function _checkIdentity(bytes calldata peerId, string calldata hardware) internal pure {
        if (peerId.length == 0 || peerId.length > MAX_PEER_ID) revert InvalidPeerId();
        if (bytes(hardware).length > MAX_HARDWARE) revert HardwareTooLong();
    }
}
