// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {OneStepMerkle} from "../../src/onestep/OneStepMerkle.sol";

/// @notice OneStepMerkle's proof checks through external calls (its functions take calldata proofs).
contract MerkleHarness {
    function listRootOf(bytes32 item, uint256 index, uint256 count, bytes32[] calldata siblings)
        external
        pure
        returns (bytes32)
    {
        return OneStepMerkle.listRootOf(item, index, count, siblings);
    }

    function elementRoot(uint32[] memory shape, uint256 index, bytes32 leaf, bytes32[] calldata path)
        external
        pure
        returns (bytes32 root, uint32 value)
    {
        return OneStepMerkle.elementRoot(shape, index, leaf, path);
    }
}

/// @notice Canonical roots (docs/commitments.md section 1): the proofs the Go side must refuse
///         (testdata/vectors/commitments.json, `rejectedProofs`, written by `go test ./node/commit -run TestVectors
///         -update`) are refused on chain with the same error and height.
contract CanonicalProofs_Test is Test {
    string internal json;
    MerkleHarness internal h;

    function setUp() public {
        json = vm.readFile(string.concat(vm.projectRoot(), "/testdata/vectors/commitments.json"));
        h = new MerkleHarness();
    }

    function _count() internal view returns (uint256 n) {
        while (vm.keyExistsJson(json, string.concat(".rejectedProofs[", vm.toString(n), "]"))) {
            ++n;
        }
    }

    function _err(string memory p) internal view returns (bytes memory) {
        string memory e = vm.parseJsonString(json, string.concat(p, ".error"));
        if (keccak256(bytes(e)) == keccak256("LeafPadding")) {
            return abi.encodeWithSelector(OneStepMerkle.LeafPadding.selector);
        }
        assertEq(e, "PaddingSibling");
        return abi.encodeWithSelector(
            OneStepMerkle.PaddingSibling.selector, vm.parseJsonUint(json, string.concat(p, ".height"))
        );
    }

    function test_rejectedProofs_refusedLikeGo() public {
        uint256 n = _count();
        assertGe(n, 4, "the vectors hold the four rejected proofs");
        for (uint256 i; i < n; ++i) {
            string memory p = string.concat(".rejectedProofs[", vm.toString(i), "]");
            string memory kind = vm.parseJsonString(json, string.concat(p, ".kind"));
            bytes32[] memory sib = vm.parseJsonBytes32Array(json, string.concat(p, ".siblings"));
            bytes memory err = _err(p);
            if (keccak256(bytes(kind)) == keccak256("list")) {
                bytes32 item = vm.parseJsonBytes32(json, string.concat(p, ".item"));
                uint256 index = vm.parseJsonUint(json, string.concat(p, ".index"));
                uint256 count = vm.parseJsonUint(json, string.concat(p, ".count"));
                vm.expectRevert(err);
                h.listRootOf(item, index, count, sib);
            } else {
                assertEq(kind, "tensorElement");
                uint256[] memory dims = vm.parseJsonUintArray(json, string.concat(p, ".shape"));
                uint32[] memory shape = new uint32[](dims.length);
                for (uint256 k; k < dims.length; ++k) {
                    shape[k] = uint32(dims[k]);
                }
                uint256 element = vm.parseJsonUint(json, string.concat(p, ".element"));
                bytes32 leaf = vm.parseJsonBytes32(json, string.concat(p, ".leaf"));
                vm.expectRevert(err);
                h.elementRoot(shape, element, leaf, sib);
            }
        }
    }
}
