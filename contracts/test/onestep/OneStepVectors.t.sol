// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {OneStepMerkle} from "../../src/onestep/OneStepMerkle.sol";
import {OneStep, OneStepLib} from "../../src/onestep/OneStep.sol";

/// @notice External front of {OneStepMerkle} (calldata proofs).
contract OneStepMerkleHarness {
    function elementRoot(uint32[] memory shape, uint256 index, bytes32 leaf, bytes32[] calldata path)
        external
        pure
        returns (bytes32, uint32)
    {
        return OneStepMerkle.elementRoot(shape, index, leaf, path);
    }

    function listRootOf(bytes32 item, uint256 index, uint256 count, bytes32[] calldata path)
        external
        pure
        returns (bytes32)
    {
        return OneStepMerkle.listRootOf(item, index, count, path);
    }

    function graphNodeItem(bytes calldata enc) external pure returns (bytes32) {
        return OneStepMerkle.graphNodeItem(enc);
    }
}

/// @notice Checks the Go-generated vectors (testdata/vectors/onestep.json,
/// written by `go test ./node/onestepevm -run TestVectors -update` from a
/// real step of examples/digits-mlp.json): tensor element proofs, graph-node,
/// step-trace and entry proofs, and whole one-steps through {OneStep}.
contract OneStepVectorsTest is Test {
    struct TensorVec {
        uint256 index;
        bytes32 leaf;
        string name;
        bytes32[] path;
        bytes32 root;
        uint256[] shape;
        uint256 value;
    }

    struct ListVec {
        uint256 count;
        bytes enc;
        uint256 index;
        bytes32 item;
        string name;
        bytes32[] path;
        uint256[] prefix;
        bytes32 root;
    }

    struct OneStepVec {
        bytes args;
        string name;
        bool ok;
        uint256 result;
    }

    string internal constant PATH = "testdata/vectors/onestep.json";
    string internal constant LIST_T =
        "ListVec(uint256 count,bytes enc,uint256 index,bytes32 item,string name,bytes32[] path,uint256[] prefix,bytes32 root)";

    OneStepMerkleHarness internal h;
    OneStep internal os;
    string internal json;

    function setUp() public {
        h = new OneStepMerkleHarness();
        os = new OneStep();
        json = vm.readFile(string.concat(vm.projectRoot(), "/", PATH));
    }

    function _lists(string memory key) internal view returns (ListVec[] memory) {
        return abi.decode(vm.parseJsonTypeArray(json, key, LIST_T), (ListVec[]));
    }

    function _shape32(uint256[] memory s) internal pure returns (uint32[] memory out) {
        out = new uint32[](s.length);
        for (uint256 i; i < s.length; ++i) {
            out[i] = uint32(s[i]);
        }
    }

    function test_tensorElementProofs() public view {
        TensorVec[] memory vs = abi.decode(
            vm.parseJsonTypeArray(
                json,
                ".tensorElements",
                "TensorVec(uint256 index,bytes32 leaf,string name,bytes32[] path,bytes32 root,uint256[] shape,uint256 value)"
            ),
            (TensorVec[])
        );
        assertEq(vs.length, 3);
        for (uint256 i; i < vs.length; ++i) {
            uint32[] memory shape = _shape32(vs[i].shape);
            (bytes32 root, uint32 value) = h.elementRoot(shape, vs[i].index, vs[i].leaf, vs[i].path);
            assertEq(root, vs[i].root, vs[i].name);
            assertEq(value, vs[i].value, vs[i].name);
            // another word of the leaf, or another position, gives another root
            (root,) = h.elementRoot(shape, vs[i].index, vs[i].leaf ^ bytes32(uint256(1) << 255), vs[i].path);
            assertTrue(root != vs[i].root, vs[i].name);
        }
    }

    function test_tensorElementProofs_rejects() public {
        TensorVec[] memory vs = abi.decode(
            vm.parseJsonTypeArray(
                json,
                ".tensorElements",
                "TensorVec(uint256 index,bytes32 leaf,string name,bytes32[] path,bytes32 root,uint256[] shape,uint256 value)"
            ),
            (TensorVec[])
        );
        // vector 1: the last element of a tensor whose last leaf is partial
        TensorVec memory v = vs[1];
        uint32[] memory shape = _shape32(v.shape);
        vm.expectRevert(abi.encodeWithSelector(OneStepMerkle.ElementIndex.selector, shape[0], shape[0]));
        h.elementRoot(shape, shape[0], v.leaf, v.path);
        vm.expectRevert(OneStepMerkle.LeafPadding.selector);
        h.elementRoot(shape, v.index, v.leaf | bytes32(uint256(1)), v.path);
        bytes32[] memory shorter = new bytes32[](v.path.length - 1);
        vm.expectRevert(abi.encodeWithSelector(OneStepMerkle.ProofDepth.selector, shorter.length, (shape[0] + 7) / 8));
        h.elementRoot(shape, v.index, v.leaf, shorter);
    }

    function test_graphNodeProofs() public view {
        ListVec[] memory vs = _lists(".graphNodes");
        assertEq(vs.length, 3);
        for (uint256 i; i < vs.length; ++i) {
            assertEq(h.graphNodeItem(vs[i].enc), vs[i].item, vs[i].name);
            bytes32 lr = h.listRootOf(vs[i].item, vs[i].index, vs[i].count, vs[i].path);
            assertEq(OneStepMerkle.graphRoot(uint32(vs[i].count), lr), vs[i].root, vs[i].name);
            OneStepLib.Node memory n = this.parse(vs[i].enc);
            assertTrue(n.kind >= 1 && n.kind <= 4, vs[i].name);
        }
    }

    function parse(bytes calldata enc) external pure returns (OneStepLib.Node memory) {
        return OneStepLib.parseNode(enc);
    }

    function test_stepTraceProofs() public view {
        ListVec[] memory vs = _lists(".stepTraceNodes");
        assertEq(vs.length, 3);
        for (uint256 i; i < vs.length; ++i) {
            bytes32 lr = h.listRootOf(vs[i].item, vs[i].index, vs[i].count, vs[i].path);
            assertEq(
                OneStepMerkle.stepTraceRoot(uint64(vs[i].prefix[0]), uint32(vs[i].count), lr), vs[i].root, vs[i].name
            );
            // the same proof at another index does not give the root
            lr = h.listRootOf(vs[i].item, vs[i].index ^ 1, vs[i].count, vs[i].path);
            assertTrue(OneStepMerkle.stepTraceRoot(uint64(vs[i].prefix[0]), uint32(vs[i].count), lr) != vs[i].root);
        }
    }

    function test_entryProofs() public view {
        ListVec[] memory vs = _lists(".entries");
        assertEq(vs.length, 3);
        for (uint256 i; i < vs.length; ++i) {
            bytes32 lr = h.listRootOf(vs[i].item, vs[i].index, vs[i].count, vs[i].path);
            bytes32 root = OneStepMerkle.elementTraceRoot(
                uint32(vs[i].prefix[0]), uint32(vs[i].prefix[1]), uint32(vs[i].count), lr
            );
            assertEq(root, vs[i].root, vs[i].name);
        }
    }

    function test_entryProof_indexOutOfRange() public {
        ListVec[] memory vs = _lists(".entries");
        ListVec memory v = vs[2];
        vm.expectRevert(abi.encodeWithSelector(OneStepMerkle.ProofIndex.selector, v.count, v.count));
        h.listRootOf(v.item, v.count, v.count, v.path);
    }

    function _oneSteps() internal view returns (OneStepVec[] memory) {
        return abi.decode(
            vm.parseJsonTypeArray(json, ".oneStep", "OneStepVec(bytes args,string name,bool ok,uint256 result)"),
            (OneStepVec[])
        );
    }

    /// @notice One entry of every operator, and a wrong committed result.
    function test_oneStep_vectors() public view {
        OneStepVec[] memory vs = _oneSteps();
        assertEq(vs.length, 20);
        for (uint256 i; i < vs.length; ++i) {
            (bool success, bytes memory ret) =
                address(os).staticcall(abi.encodePacked(OneStep.verify.selector, vs[i].args));
            assertTrue(success, vs[i].name);
            (bool ok, uint32 result) = abi.decode(ret, (bool, uint32));
            assertEq(ok, vs[i].ok, vs[i].name);
            assertEq(result, vs[i].result, vs[i].name);
        }
    }

    /// @notice Tampered claims and proofs revert with the failed check.
    function test_oneStep_tampered() public {
        OneStepVec[] memory vs = _oneSteps();
        (OneStepLib.Claim memory c, OneStepLib.StepProof memory p) =
            abi.decode(vs[0].args, (OneStepLib.Claim, OneStepLib.StepProof));
        (bool ok,) = os.verify(c, p);
        assertTrue(ok);

        c.graphRoot ^= bytes32(uint256(1));
        vm.expectRevert(abi.encodeWithSelector(OneStepLib.GraphProofFailed.selector, c.node));
        os.verify(c, p);
        c.graphRoot ^= bytes32(uint256(1));

        c.elementTraceRoot ^= bytes32(uint256(1));
        vm.expectRevert(abi.encodeWithSelector(OneStepLib.EntryProofFailed.selector, c.entry));
        os.verify(c, p);
        c.elementTraceRoot ^= bytes32(uint256(1));

        p.entryItem ^= bytes32(uint256(1) << 80); // the claimed result word
        vm.expectRevert(abi.encodeWithSelector(OneStepLib.EntryProofFailed.selector, c.entry));
        os.verify(c, p);
        p.entryItem ^= bytes32(uint256(1) << 80);

        uint32 element = c.element;
        c.element = 0xFFFFFFFF;
        vm.expectRevert();
        os.verify(c, p);
        c.element = element;

        (ok,) = os.verify(c, p);
        assertTrue(ok);
    }
}
