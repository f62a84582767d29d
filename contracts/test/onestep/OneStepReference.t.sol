// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {ElementDecoder} from "../../src/onestep/ElementDecoder.sol";
import {OneStep, OneStepLib} from "../../src/onestep/OneStep.sol";
import {OneStepMerkle} from "../../src/onestep/OneStepMerkle.sol";

/// @notice The code paths that were rewritten for gas (issue #12), side by side with the Solidity they replaced,
/// which is kept here verbatim as the reference: Merkle roots (depth check, padding siblings), element counts,
/// tensor roots, node parsing. Each runs through an external call so that a revert is compared too.
contract OneStepReferenceHarness {
    /*//////////////////////////////////////////////////////////////
                              CURRENT CODE
    //////////////////////////////////////////////////////////////*/

    function rootOf(bytes32 leaf, uint256 index, uint256 count, bytes32[] calldata siblings)
        external
        pure
        returns (bytes32)
    {
        return OneStepMerkle.rootOf(leaf, index, count, siblings);
    }

    function numel(uint32[] memory shape) external pure returns (uint256) {
        return OneStepMerkle.numel(shape);
    }

    function tensorRoot(uint32[] memory shape, bytes32 merkleRoot) external pure returns (bytes32) {
        return OneStepMerkle.tensorRoot(shape, merkleRoot);
    }

    function parseNode(bytes calldata enc) external pure returns (OneStepLib.Node memory) {
        return OneStepLib.parseNode(enc);
    }

    /*//////////////////////////////////////////////////////////////
                   REFERENCE (the code before the rewrite)
    //////////////////////////////////////////////////////////////*/

    error ProofDepth(uint256 siblings, uint256 count);
    error ProofIndex(uint256 index, uint256 count);
    error BadShape();
    error BadNodeEncoding();

    function refDepth(uint256 n) public pure returns (uint256 d) {
        while ((uint256(1) << d) < n) ++d;
    }

    function refRootOf(bytes32 leaf, uint256 index, uint256 count, bytes32[] calldata siblings)
        external
        pure
        returns (bytes32 h)
    {
        if (index >= count) revert ProofIndex(index, count);
        uint256 d = siblings.length;
        if (d != refDepth(count)) revert ProofDepth(d, count);
        h = leaf;
        /// @solidity memory-safe-assembly
        assembly {
            let p := mload(0x40)
            mstore8(p, 0x01)
            let s := siblings.offset
            let z := 0
            let zl := 0
            for { let i := 0 } lt(i, d) { i := add(i, 1) } {
                let sib := calldataload(add(s, shl(5, i)))
                if iszero(lt(shl(i, xor(shr(i, index), 1)), count)) {
                    for {} lt(zl, i) { zl := add(zl, 1) } {
                        mstore(add(p, 1), z)
                        mstore(add(p, 33), z)
                        z := keccak256(p, 65)
                    }
                    if iszero(eq(sib, z)) {
                        mstore(0x00, 0x3e76752f00000000000000000000000000000000000000000000000000000000) // PaddingSibling(uint256)
                        mstore(0x04, i)
                        revert(0x00, 0x24)
                    }
                }
                switch and(shr(i, index), 1)
                case 0 {
                    mstore(add(p, 1), h)
                    mstore(add(p, 33), sib)
                }
                default {
                    mstore(add(p, 1), sib)
                    mstore(add(p, 33), h)
                }
                h := keccak256(p, 65)
            }
        }
    }

    function refNumel(uint32[] memory shape) external pure returns (uint256 n) {
        if (shape.length > 8) revert BadShape();
        n = 1;
        for (uint256 i; i < shape.length; ++i) {
            n *= shape[i];
            if (n > type(uint32).max) revert BadShape();
        }
    }

    function refTensorRoot(uint32[] memory shape, bytes32 merkleRoot) external pure returns (bytes32) {
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes memory b = abi.encodePacked(uint8(0x02), uint8(shape.length));
        for (uint256 i; i < shape.length; ++i) {
            b = abi.encodePacked(b, shape[i]);
        }
        return keccak256(abi.encodePacked(b, merkleRoot));
    }

    function refParseNode(bytes calldata enc) external pure returns (OneStepLib.Node memory n) {
        if (enc.length < 9) revert BadNodeEncoding();
        n.kind = uint8(enc[0]);
        n.op = uint8(enc[1]);
        uint256 o = 6;
        (n.shape, o) = _refWords(enc, o);
        (n.inputs, o) = _refWords(enc, o);
        (n.attrs, o) = _refWords(enc, o);
        if (o != enc.length) revert BadNodeEncoding();
    }

    function _refWords(bytes calldata enc, uint256 o) private pure returns (uint32[] memory w, uint256) {
        if (o >= enc.length) revert BadNodeEncoding();
        uint256 cnt = uint8(enc[o]);
        ++o;
        if (enc.length < o + 4 * cnt) revert BadNodeEncoding();
        w = new uint32[](cnt);
        for (uint256 i; i < cnt; ++i) {
            w[i] = uint32(bytes4(enc[o:o + 4]));
            o += 4;
        }
        return (w, o);
    }
}

/// @notice Fuzzes the rewritten code against the reference: the same result, or the same revert data.
///   forge test --match-contract OneStepReference_Test
contract OneStepReference_Test is Test {
    OneStepReferenceHarness internal h;
    ElementDecoder internal dec;

    function setUp() public {
        h = new OneStepReferenceHarness();
        dec = new OneStep().decoder();
    }

    /// @dev Both calls succeed with the same return data or revert with the same data.
    function _same(bytes memory a, bytes memory b, string memory what) private view {
        (bool okA, bytes memory retA) = address(h).staticcall(a);
        (bool okB, bytes memory retB) = address(h).staticcall(b);
        assertEq(okA, okB, string.concat(what, ": success"));
        assertEq(retA, retB, string.concat(what, ": data"));
    }

    function _zero(uint256 height) private pure returns (bytes32 z) {
        for (uint256 i; i < height; ++i) {
            z = keccak256(abi.encodePacked(uint8(1), z, z));
        }
    }

    /// rootOf: counts 1..600, indexes in and past range, proofs of the right depth and off by one or two, with
    /// padding siblings right (the zero-subtree hash), or broken at a random height.
    function testFuzz_rootOf(bytes32 leaf, uint256 count, uint256 index, uint256 depthDelta, uint256 seed) public view {
        count = bound(count, 1, 600);
        index = seed % 7 == 0 ? bound(index, count, count + 3) : bound(index, 0, count - 1);
        uint256 d = h.refDepth(count);
        depthDelta = bound(depthDelta, 0, 8);
        if (depthDelta == 1) d += 1;
        if (depthDelta == 2 && d > 0) d -= 1;
        if (depthDelta == 3) d += 2;
        bytes32[] memory sib = new bytes32[](d);
        uint256 broken = seed % 3 == 0 ? (seed >> 8) % (d + 1) : type(uint256).max;
        for (uint256 i; i < d; ++i) {
            bool padding = (((index >> i) ^ 1) << i) >= count;
            sib[i] = padding && i != broken ? _zero(i) : keccak256(abi.encode(seed, i));
        }
        _same(
            abi.encodeCall(h.rootOf, (leaf, index, count, sib)),
            abi.encodeCall(h.refRootOf, (leaf, index, count, sib)),
            "rootOf"
        );
    }

    /// rootOf at the edges of the depth check: counts at and around powers of two, every sibling count 0..33.
    function test_rootOf_depthEdges() public view {
        uint256[12] memory counts = [uint256(1), 2, 3, 4, 5, 7, 8, 9, 1023, 1024, 1025, 1 << 31];
        for (uint256 c; c < counts.length; ++c) {
            for (uint256 d; d <= 33; ++d) {
                bytes32[] memory sib = new bytes32[](d);
                for (uint256 i; i < d; ++i) {
                    sib[i] = _zero(i);
                }
                _same(
                    abi.encodeCall(h.rootOf, (bytes32(uint256(7)), 0, counts[c], sib)),
                    abi.encodeCall(h.refRootOf, (bytes32(uint256(7)), 0, counts[c], sib)),
                    "rootOf depth"
                );
            }
        }
    }

    function _shape(uint256 len, uint256 seed) private pure returns (uint32[] memory s) {
        s = new uint32[](len);
        for (uint256 i; i < len; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // mostly small dims (products near 2^32), sometimes any 32-bit value or zero
            s[i] = r % 5 == 0 ? uint32(r >> 8) : r % 7 == 0 ? 0 : uint32(1 + ((r >> 8) % 2000));
        }
    }

    /// numel and tensorRoot on shapes of 0..10 dims (more than 8 is refused by numel).
    function testFuzz_numelAndTensorRoot(uint256 len, uint256 seed, bytes32 root) public view {
        uint32[] memory s = _shape(bound(len, 0, 10), seed);
        _same(abi.encodeCall(h.numel, (s)), abi.encodeCall(h.refNumel, (s)), "numel");
        _same(abi.encodeCall(h.tensorRoot, (s, root)), abi.encodeCall(h.refTensorRoot, (s, root)), "tensorRoot");
    }

    /// parseNode on well-formed encodings with one byte changed, cut or appended, and on random bytes.
    function testFuzz_parseNode(uint256 seed, uint256 cut, bytes memory junk) public view {
        uint32[] memory a = _shape(seed % 4, seed);
        uint32[] memory b = _shape((seed >> 3) % 4, seed ^ 1);
        uint32[] memory c = _shape((seed >> 6) % 3, seed ^ 2);
        bytes memory enc = abi.encodePacked(uint8(seed >> 9), uint8(seed >> 17), uint32(seed >> 25), uint8(a.length));
        for (uint256 i; i < a.length; ++i) {
            enc = abi.encodePacked(enc, a[i]);
        }
        enc = abi.encodePacked(enc, uint8(b.length));
        for (uint256 i; i < b.length; ++i) {
            enc = abi.encodePacked(enc, b[i]);
        }
        enc = abi.encodePacked(enc, uint8(c.length));
        for (uint256 i; i < c.length; ++i) {
            enc = abi.encodePacked(enc, c[i]);
        }
        uint256 mode = (seed >> 40) % 5;
        if (mode == 1) {
            enc[(seed >> 48) % enc.length] = bytes1(uint8(seed >> 56));
        } else if (mode == 2) {
            cut = bound(cut, 0, enc.length);
            assembly ("memory-safe") {
                mstore(enc, cut)
            }
        } else if (mode == 3) {
            enc = abi.encodePacked(enc, junk);
        } else if (mode == 4) {
            enc = junk;
        }
        _same(abi.encodeCall(h.parseNode, (enc)), abi.encodeCall(h.refParseNode, (enc)), "parseNode");
    }

    /*//////////////////////////////////////////////////////////////
                    ElementDecoder.programPacked
    //////////////////////////////////////////////////////////////*/

    /// @dev programPacked's word list for these arguments (as OneStep builds it).
    function _words(uint8 op, uint32[] memory attrs, uint32[][] memory shapes, uint256 mask, uint256 e, uint256 k)
        private
        pure
        returns (uint256[] memory w)
    {
        uint256 n = 6 + attrs.length;
        for (uint256 s; s < shapes.length; ++s) {
            n += 1 + shapes[s].length;
        }
        w = new uint256[](n);
        (w[0], w[1], w[2], w[3], w[4]) = (op, mask, e, k, attrs.length);
        uint256 j = 5;
        for (uint256 i; i < attrs.length; ++i) {
            w[j++] = attrs[i];
        }
        w[j++] = shapes.length;
        for (uint256 s; s < shapes.length; ++s) {
            w[j++] = shapes[s].length;
            for (uint256 i; i < shapes[s].length; ++i) {
                w[j++] = shapes[s][i];
            }
        }
    }

    /// programPacked gives what decode gives (the ABI form the Go differential tests check): the same length and
    /// entry, zero where decode refuses k with EntryIndex, and the same revert otherwise. Small shapes and
    /// attributes over every operator code (0 and 0x2B..0x2F are unknown).
    function testFuzz_programPackedMatchesDecode(uint256 seed, uint256 e, uint256 k, uint256 mask) public view {
        k = bound(k, 0, 60);
        (bytes memory packedCall, bytes memory decodeCall) = _calls(seed, bound(e, 0, 40), k, bound(mask, 0, 15));
        (bool okP, bytes memory retP) = address(dec).staticcall(packedCall);
        (bool okD, bytes memory retD) = address(dec).staticcall(decodeCall);
        if (okD) {
            assertTrue(okP, "packed reverted where decode did not");
            (bytes32 hd, uint256 nd) = abi.decode(retD, (bytes32, uint256));
            (uint256 np, bytes32 hp) = abi.decode(retP, (uint256, bytes32));
            assertEq(np, nd, "length");
            assertEq(hp, hd, "entry");
        } else if (bytes4(retD) == bytes4(keccak256("EntryIndex(uint256,uint256)"))) {
            assertTrue(okP, "packed reverted where decode refused only the entry index");
            (uint256 np, bytes32 hp) = abi.decode(retP, (uint256, bytes32));
            assertEq(retD, abi.encodeWithSignature("EntryIndex(uint256,uint256)", k, np), "length");
            assertEq(hp, bytes32(0), "entry past the length");
        } else {
            assertFalse(okP, "packed succeeded where decode reverted");
            assertEq(retP, retD, "revert data");
        }
    }

    /// @dev The calldata of programPacked and of decode for the operator, attributes and shapes drawn from seed.
    function _calls(uint256 seed, uint256 e, uint256 k, uint256 mask)
        private
        view
        returns (bytes memory packedCall, bytes memory decodeCall)
    {
        uint8 op = uint8(seed % 0x30);
        uint32[] memory attrs = _small((seed >> 8) % 3, seed);
        uint32[][] memory shapes = new uint32[][]((seed >> 16) % 5);
        for (uint256 s; s < shapes.length; ++s) {
            shapes[s] = _small((seed >> (24 + 4 * s)) % 4, seed ^ (s + 1));
        }
        packedCall = abi.encodeCall(dec.programPacked, (_words(op, attrs, shapes, mask, e, k)));
        decodeCall = abi.encodeCall(dec.decode, (op, attrs, shapes, mask, e, k));
    }

    function _small(uint256 len, uint256 seed) private pure returns (uint32[] memory s) {
        s = new uint32[](len);
        for (uint256 i; i < len; ++i) {
            s[i] = uint32(1 + (uint256(keccak256(abi.encode(seed, i))) % 8));
        }
    }

    /// A list that is not exactly the layout, or has a word out of range, reverts without data.
    function testFuzz_programPackedRejectsMalformed(uint256 seed, uint256 cut, uint256 big) public view {
        uint32[][] memory shapes = new uint32[][](2);
        shapes[0] = _small(2, seed);
        shapes[1] = _small(2, seed ^ 1);
        uint256[] memory w = _words(0x01, new uint32[](0), shapes, 0, 0, 0);
        uint256 mode = seed % 4;
        if (mode == 0) {
            // cut short anywhere
            cut = bound(cut, 0, w.length - 1);
            assembly ("memory-safe") {
                mstore(w, cut)
            }
        } else if (mode == 1) {
            // one word too many
            uint256[] memory x = new uint256[](w.length + 1);
            for (uint256 i; i < w.length; ++i) {
                x[i] = w[i];
            }
            w = x;
        } else if (mode == 2) {
            // a count, attribute or dim at or past 2^32
            w[bound(cut, 4, w.length - 1)] = bound(big, 1 << 32, type(uint256).max);
        } else {
            // op past a byte
            w[0] = bound(big, 256, type(uint256).max);
        }
        (bool ok, bytes memory ret) = address(dec).staticcall(abi.encodeCall(dec.programPacked, (w)));
        assertFalse(ok, "accepted");
        assertEq(ret.length, 0, "revert data");
    }

    /// The well-formed list of the same MatMul is accepted (the malformed cases above differ from it only where
    /// they say).
    function test_programPacked_matmul() public view {
        uint32[][] memory shapes = new uint32[][](2);
        shapes[0] = _small(2, 1);
        shapes[1] = _small(2, 2);
        shapes[1][0] = shapes[0][1];
        (uint256 n, bytes32 hp) = dec.programPacked(_words(0x01, new uint32[](0), shapes, 0, 0, 1));
        (bytes32 hd, uint256 nd) = dec.decode(0x01, new uint32[](0), shapes, 0, 0, 1);
        assertEq(n, nd);
        assertEq(n, 2 * uint256(shapes[0][1]));
        assertEq(hp, hd);
    }
}
