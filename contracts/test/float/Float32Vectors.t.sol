// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {Float32} from "../../src/float/Float32.sol";

/// @notice Runs every case of the RepOps primitive vectors written by the Go
/// engine (testdata/vectors/primitives.json: {op, name, a, b, c, r} as hex
/// words, r = repops.Exec(op, a, b, c)) through Float32.exec.
contract Float32VectorsTest is Test {
    struct Case {
        uint256 op;
        string name;
        uint256 a;
        uint256 b;
        uint256 c;
        uint256 r;
    }

    string internal constant PATH = "testdata/vectors/primitives.json";

    function test_repops_vectors() public {
        string memory json = vm.readFile(string.concat(vm.projectRoot(), "/", PATH));
        bytes memory raw = vm.parseJsonTypeArray(
            json, ".cases", "Case(uint256 op,string name,uint256 a,uint256 b,uint256 c,uint256 r)"
        );
        Case[] memory cs = abi.decode(raw, (Case[]));
        uint256 n = cs.length;
        assertGt(n, 1000, "vector file has too few cases");
        uint256 seen; // bit set of opcodes covered
        for (uint256 i; i < n; ++i) {
            assertLt(cs[i].op, 256, "op fits a byte");
            uint256 got = Float32.exec(uint8(cs[i].op), cs[i].a, cs[i].b, cs[i].c);
            if (got != cs[i].r) {
                emit log_named_uint("case", i);
                emit log_named_uint("op", cs[i].op);
                emit log_named_bytes32("a", bytes32(cs[i].a));
                emit log_named_bytes32("b", bytes32(cs[i].b));
                emit log_named_bytes32("c", bytes32(cs[i].c));
                emit log_named_bytes32("want", bytes32(cs[i].r));
                emit log_named_bytes32("got", bytes32(got));
                revert("Float32.exec differs from the RepOps vector");
            }
            // forge-lint: disable-next-line(incorrect-shift)
            seen |= 1 << cs[i].op;
        }
        // every primitive 0x01..0x1B appears at least once
        assertEq(seen, ((1 << 0x1C) - 1) & ~uint256(1), "some primitive has no vector");
    }
}
