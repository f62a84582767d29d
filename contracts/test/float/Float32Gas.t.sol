// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";
import {Float32} from "../../src/float/Float32.sol";
import {Float32Harness} from "./Float32Harness.sol";

/// @notice Gas per primitive, measured inside the harness frame around one
/// Float32.exec call (dispatch and operand validation included; no external
/// call, calldata or ABI overhead). The budget is 5,000 gas per primitive,
/// median and max, over edge-class and structured random operands.
///
///   forge test --match-path 'contracts/test/float/Float32Gas.t.sol' -vv   (table)
///   forge snapshot --match-path 'contracts/test/float/Float32Gas.t.sol'  (test_gas_*)
contract Float32GasTest is Test {
    uint256 internal constant BUDGET = 5000;

    Float32Harness internal h;

    function setUp() public {
        h = new Float32Harness();
    }

    function _edges() internal pure returns (uint32[24] memory) {
        return [
            uint32(0x00000000),
            0x80000000,
            0x00000001,
            0x807FFFFF,
            0x00800000,
            0x7F7FFFFF,
            0xFF7FFFFF,
            0x7F800000,
            0xFF800000,
            0x7FC00000,
            0x7F800001,
            0x3F800000,
            0xBF800001,
            0x33800000,
            0x3F7FFFFF,
            0x4B800001,
            0x4F000000,
            0xCF000001,
            0x1A000000,
            0x40490FDB,
            0x00FFFFFF,
            0xFFFFFFFF,
            0x7FFFFFFF,
            0x12345678
        ];
    }

    /// Structured pseudo-random word: uniform bits, subnormals, near-1
    /// normals, or extreme exponents.
    function _word(uint256 seed) internal pure returns (uint256) {
        uint256 k = seed % 4;
        uint256 x = (seed >> 8) & 0xFFFFFFFF;
        if (k == 0) return x;
        if (k == 1) return x & 0x807FFFFF;
        if (k == 2) return (x & 0x807FFFFF) | (((seed >> 40) % 40 + 107) << 23);
        return (x & 0x807FFFFF) | ((((seed >> 40) & 1) == 1 ? 253 : 1) << 23);
    }

    /// Measures op on edge pairs (or triples) and random cases; returns median and max.
    function _measure(uint8 op) internal view returns (uint256 median, uint256 maxGas, uint256 n) {
        uint32[24] memory e = _edges();
        uint256[] memory gas = new uint256[](24 * 24 + 400);
        for (uint256 i; i < 24; ++i) {
            for (uint256 j; j < 24; ++j) {
                uint256 c = op == 0x05 ? e[(i * 7 + j * 3) % 24] : (op == 0x0D ? j % 2 : 0);
                (, uint256 g) = h.execGas(op, e[i], e[j], c);
                gas[n++] = g;
            }
        }
        for (uint256 i; i < 400; ++i) {
            uint256 s = uint256(keccak256(abi.encode(op, i)));
            uint256 a = _word(s);
            uint256 b = _word(s >> 80);
            uint256 c = _word(s >> 160);
            // half the cases: b within a few binades of a (ties, cancellation)
            if (i % 2 == 0) b = (b & 0x807FFFFF) | ((((a >> 23) & 0xFF) + (s % 7)) % 255) << 23;
            (, uint256 g) = h.execGas(op, a, b, c);
            gas[n++] = g;
        }
        _sort(gas, 0, n);
        median = gas[n / 2];
        maxGas = gas[n - 1];
    }

    /// In-place three-way quicksort of v[lo:hi] (gas figures repeat a lot).
    function _sort(uint256[] memory v, uint256 lo, uint256 hi) internal pure {
        if (hi - lo < 2) return;
        uint256 p = v[(lo + hi) / 2];
        uint256 lt = lo; // v[lo:lt] < p
        uint256 i = lo; // v[lt:i] == p
        uint256 gt = hi; // v[gt:hi] > p
        while (i < gt) {
            if (v[i] < p) {
                (v[lt], v[i]) = (v[i], v[lt]);
                ++lt;
                ++i;
            } else if (v[i] > p) {
                --gt;
                (v[gt], v[i]) = (v[i], v[gt]);
            } else {
                ++i;
            }
        }
        _sort(v, lo, lt);
        _sort(v, gt, hi);
    }

    function test_gas_table() public view {
        string[28] memory names = [
            "",
            "ADD",
            "SUB",
            "MUL",
            "DIV",
            "FMA",
            "SQRT",
            "MIN",
            "MAX",
            "NEG",
            "LT",
            "LE",
            "EQ",
            "SELECT",
            "I2F",
            "F2I",
            "U2F",
            "IADD",
            "ISUB",
            "IMUL",
            "IMULHI",
            "XOR",
            "AND",
            "OR",
            "SHL",
            "SHR",
            "UREM",
            "ULT"
        ];
        console.log("op      median    max   cases  (gas inside the harness frame, exec() incl. dispatch)");
        for (uint8 op = 1; op <= 0x1B; ++op) {
            (uint256 med, uint256 mx, uint256 n) = _measure(op);
            console.log(
                string.concat(_pad(names[op], 6), _pad(vm.toString(med), 8), _pad(vm.toString(mx), 7), vm.toString(n))
            );
            assertLe(med, BUDGET, names[op]);
            assertLe(mx, BUDGET, names[op]);
        }
    }

    function _pad(string memory s, uint256 w) internal pure returns (string memory) {
        bytes memory b = bytes(s);
        while (b.length < w) b = abi.encodePacked(" ", b);
        return string.concat(string(b), " ");
    }

    /*//////////////////////////////////////////////////////////////
        One snapshot-able test per arithmetic primitive: each runs a
        typical rounding case and the primitive's slowest edge class
        found by test_gas_table, and asserts the budget.
    //////////////////////////////////////////////////////////////*/

    function _one(uint8 op, uint256 a, uint256 b, uint256 c, uint256 want) internal view returns (uint256 g) {
        uint256 r;
        (r, g) = h.execGas(op, a, b, c);
        assertEq(r, want, "result");
        assertLe(g, BUDGET, "gas budget");
    }

    function test_gas_add() public view {
        _one(0x01, 0x3F800001, 0x33800000, 0, 0x3F800002); // tie to even, up
        _one(0x01, 0x3F800000, 0xBF7FFFFF, 0, 0x33800000); // cancellation
    }

    function test_gas_sub() public view {
        _one(0x02, 0x40490FDB, 0x3F800000, 0, 0x40090FDB); // pi - 1
        _one(0x02, 0x00800000, 0x007FFFFF, 0, 0x00000001);
    }

    function test_gas_mul() public view {
        _one(0x03, 0x40490FDB, 0x40490FDB, 0, 0x411DE9E7);
        _one(0x03, 0x00FFFFFF, 0x3F000000, 0, 0x00800000); // subnormal tie
    }

    function test_gas_div() public view {
        _one(0x04, 0x3F800000, 0x40400000, 0, 0x3EAAAAAB);
        _one(0x04, 0x00000003, 0x40000000, 0, 0x00000002);
    }

    function test_gas_fma() public view {
        _one(0x05, 0x3F800001, 0x3F800001, 0xBF800002, 0x28800000);
        _one(0x05, 0x58800000, 0x58800000, 0x80000001, 0x71800000); // 2^100 - minsub: huge gap
    }

    function test_gas_sqrt() public view {
        _one(0x06, 0x40000000, 0, 0, 0x3FB504F3);
        _one(0x06, 0x00000001, 0, 0, 0x1A3504F3);
    }

    function test_gas_i2f() public view {
        _one(0x0E, 0x80000001, 0, 0, 0xCF000000);
    }

    function test_gas_f2i() public view {
        _one(0x0F, 0xCB800001, 0, 0, 0xFEFFFFFE);
    }

    function test_gas_u2f() public view {
        _one(0x10, 0xFFFFFFFF, 0, 0, 0x4F800000);
    }

    function test_gas_min_max_compare() public view {
        _one(0x07, 0x80000000, 0x00000000, 0, 0x80000000);
        _one(0x08, 0x80000000, 0x00000000, 0, 0x00000000);
        _one(0x0A, 0xBF800000, 0x3F800000, 0, 1);
        _one(0x0B, 0x80000000, 0x00000000, 0, 1);
        _one(0x0C, 0x80000000, 0x00000000, 0, 1);
    }

    /// The library call alone (no dispatch) through the typed harness entry.
    function test_gas_direct_add_vs_exec() public view {
        h.exec(0x01, 0, 0, 0); // warm the harness account
        uint256 g0 = gasleft();
        h.add(0x3F800001, 0x33800000);
        uint256 direct = g0 - gasleft();
        g0 = gasleft();
        h.exec(0x01, 0x3F800001, 0x33800000, 0);
        uint256 viaExec = g0 - gasleft();
        console.log("external call incl. overhead: add()", direct, "exec(ADD)", viaExec);
        assertLt(direct, viaExec + 200);
    }
}
