// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {Float32} from "../../src/float/Float32.sol";
import {OneStepMerkle} from "../../src/onestep/OneStepMerkle.sol";
import {OneStep, OneStepLib} from "../../src/onestep/OneStep.sol";

/// @notice Gas of one-steps of the longest transformer programs (issue #13)
/// at realistic sizes, in a graph of 48 nodes, as OneStep_Gas_Test measures
/// them (21,000 + calldata under EIP-2028/EIP-7623 + execution, at most
/// 140,000):
/// - SumSq over X[256,256] (65,536 elements, 131,072 entries): the last
///   entry ADD(e131069, e131070) (two earlier entries);
/// - EmbedGrad dH[512,128], tok[512], V = 256 (1,536 entries), the last
///   element: entry 1534 = SELECT(dH[65535], #0, e1533);
/// - AttnApply P[2048,64], V[512,128], H = 4, C = 64 (128 entries), the
///   last element: entry 126 = MUL(P[131071], V[65535]).
///   forge test --match-contract OneStepLM_Gas_Test -vv
contract OneStepLM_Gas_Test is Test {
    uint256 internal constant NODES = 48;
    uint256 internal constant TARGET = 140_000;

    OneStep internal os;
    address internal sumSqData;
    address internal embedData;
    address internal attnData;
    uint32 internal sumSqResult;
    uint32 internal embedResult;
    uint32 internal attnResult;
    mapping(address => uint256[2]) internal cdGas;

    uint256 private seed = 1;

    function _rand() private returns (bytes32 r) {
        r = keccak256(abi.encode(seed));
        seed++;
    }

    /*//////////////////////////////////////////////////////////////
                         MEMORY MERKLE HELPERS
    //////////////////////////////////////////////////////////////*/

    function _leaf(bytes32 item) private pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0), item));
    }

    function _node(bytes32 l, bytes32 r) private pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(1), l, r));
    }

    function _up(bytes32 h, uint256 index, bytes32[] memory sib) private pure returns (bytes32) {
        for (uint256 i; i < sib.length; ++i) {
            h = (index >> i) & 1 == 0 ? _node(h, sib[i]) : _node(sib[i], h);
        }
        return h;
    }

    /// @dev Root and proof of item `index` of a small list (leaves hashed here).
    function _list(bytes32[] memory items, uint256 index) private pure returns (bytes32, bytes32[] memory proof) {
        uint256 d = OneStepMerkle.depth(items.length);
        bytes32[] memory lvl = new bytes32[](uint256(1) << d); // padding leaves are zero
        for (uint256 i; i < items.length; ++i) {
            lvl[i] = _leaf(items[i]);
        }
        proof = new bytes32[](d);
        uint256 idx = index;
        for (uint256 h; h < d; ++h) {
            proof[h] = lvl[idx ^ 1];
            uint256 m = lvl.length / 2;
            bytes32[] memory next = new bytes32[](m);
            for (uint256 i; i < m; ++i) {
                next[i] = _node(lvl[2 * i], lvl[2 * i + 1]);
            }
            lvl = next;
            idx >>= 1;
        }
        return (lvl[0], proof);
    }

    function _randPath(uint256 d) private returns (bytes32[] memory p) {
        p = new bytes32[](d);
        for (uint256 i; i < d; ++i) {
            p[i] = _rand();
        }
    }

    /// @dev Node encoding: kind, op, output, shape, inputs, attrs.
    function _enc(uint8 kind, uint8 op, uint32[] memory shape, uint32[] memory inputs, uint32[] memory attrs)
        private
        pure
        returns (bytes memory b)
    {
        b = abi.encodePacked(kind, op, uint32(0), uint8(shape.length));
        for (uint256 i; i < shape.length; ++i) {
            b = abi.encodePacked(b, shape[i]);
        }
        b = abi.encodePacked(b, uint8(inputs.length));
        for (uint256 i; i < inputs.length; ++i) {
            b = abi.encodePacked(b, inputs[i]);
        }
        b = abi.encodePacked(b, uint8(attrs.length));
        for (uint256 i; i < attrs.length; ++i) {
            b = abi.encodePacked(b, attrs[i]);
        }
    }

    function _shape(uint32 a, uint32 b) private pure returns (uint32[] memory s) {
        s = new uint32[](2);
        (s[0], s[1]) = (a, b);
    }

    function _one() private pure returns (uint32[] memory s) {
        s = new uint32[](1);
        s[0] = 1;
    }

    function _s(uint32 a, uint32 b) private pure returns (uint32[] memory s) {
        s = new uint32[](2);
        (s[0], s[1]) = (a, b);
    }

    function _s(uint32 a) private pure returns (uint32[] memory s) {
        s = new uint32[](1);
        s[0] = a;
    }

    /// @dev A tensor of the given shape (2^depth leaves of 8 words) with a random leaf holding element e.
    function _tensor(uint32[] memory shape, uint256 depth, uint256 e)
        private
        returns (bytes32 root, bytes32 leaf, bytes32[] memory path)
    {
        leaf = bytes32(uint256(_rand()) & 0x3FFFFFFF3FFFFFFF3FFFFFFF3FFFFFFF3FFFFFFF3FFFFFFF3FFFFFFF3FFFFFFF);
        path = _randPath(depth);
        root = OneStepMerkle.tensorRoot(shape, _up(_leaf(leaf), e >> 3, path));
    }

    function _word(bytes32 leaf, uint256 e) private pure returns (uint256) {
        return uint32(uint256(leaf) >> (224 - 32 * (e & 7)));
    }

    /// @dev Packed operand kind | slot | ref, as in an entry item.
    function _opnd(uint256 kind, uint256 slot, uint256 ref) private pure returns (uint256) {
        return (kind << 40) | (slot << 32) | ref;
    }

    struct Ctx {
        bytes[] encs;
        bytes32[] graphItems;
        bytes32[] nodeRoots;
    }

    function _ctx() private returns (Ctx memory x) {
        x.encs = new bytes[](NODES);
        x.graphItems = new bytes32[](NODES);
        x.nodeRoots = new bytes32[](NODES);
        for (uint256 i; i < NODES; ++i) {
            x.graphItems[i] = _rand();
            x.nodeRoots[i] = _rand();
        }
    }

    function _setNode(Ctx memory x, uint256 i, bytes memory enc) private pure {
        x.encs[i] = enc;
        x.graphItems[i] = keccak256(abi.encodePacked(uint8(4), enc));
    }

    function _graphNode(Ctx memory x, uint256 i) private pure returns (OneStepLib.GraphNode memory g) {
        (, bytes32[] memory proof) = _list(x.graphItems, i);
        g = OneStepLib.GraphNode(x.encs[i], proof);
    }

    function _graphRoot(Ctx memory x) private pure returns (bytes32) {
        (bytes32 lr,) = _list(x.graphItems, 0);
        return OneStepMerkle.graphRoot(uint32(NODES), lr);
    }

    function _stepRoot(Ctx memory x) private pure returns (bytes32) {
        (bytes32 lr,) = _list(x.nodeRoots, 0);
        return OneStepMerkle.stepTraceRoot(7, uint32(NODES), lr);
    }

    function _inputOperand(Ctx memory x, uint256 node, bytes32 leaf, bytes32[] memory path)
        private
        pure
        returns (OneStepLib.OperandProof memory o)
    {
        (, bytes32[] memory np) = _list(x.nodeRoots, node);
        o.outRoot = x.nodeRoots[node];
        o.outRootProof = np;
        o.leaf = leaf;
        o.leafPath = path;
    }

    /// @dev Stores data as the code of a new contract (behind a STOP byte).
    function _store(bytes memory data) private returns (address a) {
        bytes memory init = abi.encodePacked(hex"61", uint16(data.length + 1), hex"80600a3d393df300", data);
        assembly {
            a := create(0, add(init, 32), mload(init))
        }
        require(a != address(0), "store");
    }

    function _load(address a) private view returns (bytes memory data) {
        uint256 n = a.code.length - 1;
        data = new bytes(n);
        assembly {
            extcodecopy(a, add(data, 32), 1, n)
        }
    }

    /// @dev An element trace of 2^depth entries whose items at base+1,
    /// base+2 and base+3 (base a multiple of 4) are given; returns the
    /// list root and the proofs of those three.
    /// Siblings of subtrees wholly past `count` are the padding hashes Z[h].
    function _trace3(uint256 depth, uint256 count, uint256 base, bytes32 i1, bytes32 i2, bytes32 i3)
        private
        returns (bytes32 lr, bytes32[] memory p1, bytes32[] memory p2, bytes32[] memory p3)
    {
        bytes32 l0 = _rand();
        bytes32 h01 = _node(l0, _leaf(i1));
        bytes32 h23 = _node(_leaf(i2), _leaf(i3));
        bytes32[] memory up = _upPath(depth, count, base);
        lr = _up(_node(h01, h23), base >> 2, up);
        p1 = new bytes32[](depth);
        p2 = new bytes32[](depth);
        p3 = new bytes32[](depth);
        (p1[0], p1[1]) = (l0, h23);
        (p2[0], p2[1]) = (_leaf(i3), h01);
        (p3[0], p3[1]) = (_leaf(i2), h01);
        for (uint256 i; i < depth - 2; ++i) {
            (p1[i + 2], p2[i + 2], p3[i + 2]) = (up[i], up[i], up[i]);
        }
    }

    /// @dev Random siblings of levels 2..depth-1 above leaf base, Z[h] where the sibling is all padding.
    function _upPath(uint256 depth, uint256 count, uint256 base) private returns (bytes32[] memory up) {
        up = _randPath(depth - 2);
        bytes32 z = _node(_node(0, 0), _node(0, 0)); // Z[2]
        for (uint256 h = 2; h < depth; ++h) {
            if ((((base >> h) ^ 1) << h) >= count) up[h - 2] = z;
            z = _node(z, z);
        }
    }

    function setUp() public {
        os = new OneStep();
        sumSqData = _keep(_buildSumSq());
        embedData = _keep(_buildEmbed());
        attnData = _keep(_buildAttn());
    }

    /// @dev Stores calldata and its calldata gas (so that the snapshot of a test is the call).
    function _keep(bytes memory cd) private returns (address a) {
        a = _store(cd);
        (uint256 std, uint256 floor) = _calldataGas(cd);
        cdGas[a] = [std, floor];
    }

    function _claim(Ctx memory x, bytes32 etRoot, uint32 e, uint32 k) private pure returns (OneStepLib.Claim memory) {
        return OneStepLib.Claim(_graphRoot(x), _stepRoot(x), 7, etRoot, 40, e, k);
    }

    function _item(uint256 prim, uint256 a, uint256 b, uint256 c, uint256 r) private pure returns (bytes32) {
        return bytes32((prim << 248) | (a << 200) | (b << 152) | (c << 104) | (r << 72));
    }

    /// SumSq node 40 over X (node 0, [256,256]); element 0, last entry 131071.
    function _buildSumSq() private returns (bytes memory) {
        Ctx memory x = _ctx();
        uint32[] memory none = new uint32[](0);
        _setNode(x, 0, _enc(1, 0, _s(256, 256), none, none));
        _setNode(x, 40, _enc(4, 0x28, _s(1), _s(0), none));
        sumSqResult = uint32(Float32.add(0x44000000, 0x3F000000));
        bytes32 i1 = _item(Float32.OP_ADD, _opnd(2, 0, 131_067), _opnd(2, 0, 131_068), 0, 0x44000000);
        bytes32 i2 = _item(Float32.OP_MUL, _opnd(1, 0, 65_535), _opnd(1, 0, 65_535), 0, 0x3F000000);
        bytes32 i3 = _item(Float32.OP_ADD, _opnd(2, 0, 131_069), _opnd(2, 0, 131_070), 0, sumSqResult);
        (bytes32 lr, bytes32[] memory p1, bytes32[] memory p2, bytes32[] memory p3) =
            _trace3(17, 131_072, 131_068, i1, i2, i3);
        bytes32 etRoot = OneStepMerkle.elementTraceRoot(40, 0, 131_072, lr);
        OneStepLib.StepProof memory p;
        p.numNodes = uint32(NODES);
        p.traceLength = 131_072;
        p.node = _graphNode(x, 40);
        p.inputs = new OneStepLib.GraphNode[](1);
        p.inputs[0] = _graphNode(x, 0);
        p.entryItem = i3;
        p.entryProof = p3;
        (p.operands[0].entryItem, p.operands[0].entryProof) = (i1, p1);
        (p.operands[1].entryItem, p.operands[1].entryProof) = (i2, p2);
        return abi.encodeCall(OneStep.verify, (_claim(x, etRoot, 0, 131_071), p));
    }

    /// EmbedGrad node 40 over dH (node 0, [512,128]) and tok (node 1, [512]), V = 256;
    /// element 32767 (v = 255, j = 127), entry 1534 = SELECT(dH[65535], #0, e1533).
    function _buildEmbed() private returns (bytes memory) {
        Ctx memory x = _ctx();
        uint32[] memory none = new uint32[](0);
        _setNode(x, 0, _enc(1, 0, _s(512, 128), none, none));
        _setNode(x, 1, _enc(2, 0, _s(512), none, none));
        _setNode(x, 40, _enc(4, 0x25, _s(256, 128), _s(0, 1), _s(256)));
        (bytes32 root, bytes32 leaf, bytes32[] memory path) = _tensor(_s(512, 128), 13, 65_535);
        x.nodeRoots[0] = root;
        embedResult = uint32(_word(leaf, 65_535));
        bytes32 i1 = _item(Float32.OP_EQ, _opnd(1, 1, 511), _opnd(4, 0, 0x437F0000), 0, 1);
        bytes32 i2 = _item(Float32.OP_SELECT, _opnd(1, 0, 65_535), _opnd(4, 0, 0), _opnd(2, 0, 1533), embedResult);
        bytes32 i3 = _item(Float32.OP_ADD, _opnd(2, 0, 1532), _opnd(2, 0, 1534), 0, embedResult);
        (bytes32 lr, bytes32[] memory p1, bytes32[] memory p2,) = _trace3(11, 1536, 1532, i1, i2, i3);
        bytes32 etRoot = OneStepMerkle.elementTraceRoot(40, 32_767, 1536, lr);
        OneStepLib.StepProof memory p;
        p.numNodes = uint32(NODES);
        p.traceLength = 1536;
        p.node = _graphNode(x, 40);
        p.inputs = new OneStepLib.GraphNode[](2);
        p.inputs[0] = _graphNode(x, 0);
        p.inputs[1] = _graphNode(x, 1);
        p.entryItem = i2;
        p.entryProof = p2;
        p.operands[0] = _inputOperand(x, 0, leaf, path);
        (p.operands[2].entryItem, p.operands[2].entryProof) = (i1, p1);
        return abi.encodeCall(OneStep.verify, (_claim(x, etRoot, 32_767, 1534), p));
    }

    /// AttnApply node 40 over P (node 41, [2048,64]) and V (node 0, [512,128]), H = 4;
    /// element 65535, entry 126 = MUL(P[131071], V[65535]).
    function _buildAttn() private returns (bytes memory) {
        Ctx memory x = _ctx();
        uint32[] memory none = new uint32[](0);
        _setNode(x, 0, _enc(1, 0, _s(512, 128), none, none));
        _setNode(x, 41, _enc(4, 0x1B, _s(2048, 64), _s(39, 38), none));
        _setNode(x, 40, _enc(4, 0x19, _s(512, 128), _s(41, 0), _s(4)));
        (bytes32 rootP, bytes32 leafP, bytes32[] memory pathP) = _tensor(_s(2048, 64), 14, 131_071);
        (bytes32 rootV, bytes32 leafV, bytes32[] memory pathV) = _tensor(_s(512, 128), 13, 65_535);
        (x.nodeRoots[41], x.nodeRoots[0]) = (rootP, rootV);
        attnResult = uint32(Float32.mul(_word(leafP, 131_071), _word(leafV, 65_535)));
        bytes32 item = _item(Float32.OP_MUL, _opnd(1, 0, 131_071), _opnd(1, 1, 65_535), 0, attnResult);
        bytes32[] memory ep = _randPath(7);
        bytes32 etRoot = OneStepMerkle.elementTraceRoot(40, 65_535, 128, _up(_leaf(item), 126, ep));
        OneStepLib.StepProof memory p;
        p.numNodes = uint32(NODES);
        p.traceLength = 128;
        p.node = _graphNode(x, 40);
        p.inputs = new OneStepLib.GraphNode[](2);
        p.inputs[0] = _graphNode(x, 41);
        p.inputs[1] = _graphNode(x, 0);
        p.entryItem = item;
        p.entryProof = ep;
        p.operands[0] = _inputOperand(x, 41, leafP, pathP);
        p.operands[1] = _inputOperand(x, 0, leafV, pathV);
        return abi.encodeCall(OneStep.verify, (_claim(x, etRoot, 65_535, 126), p));
    }

    /// @dev Calldata gas of a transaction: max(EIP-2028 4/16 per byte,
    /// EIP-7623 floor of 10 per token, 4 tokens per nonzero byte) is applied
    /// to the whole transaction; returns (standard, floor) calldata parts.
    function _calldataGas(bytes memory data) private pure returns (uint256 std, uint256 floor) {
        uint256 tokens;
        for (uint256 i; i < data.length; ++i) {
            tokens += data[i] == 0 ? 1 : 4;
        }
        return (4 * tokens, 10 * tokens);
    }

    function _run(address data, uint32 want, string memory name) private {
        bytes memory cd = _load(data);
        (uint256 std, uint256 floor) = (cdGas[data][0], cdGas[data][1]);
        uint256 g0 = gasleft();
        (bool success, bytes memory ret) = address(os).staticcall(cd);
        uint256 used = g0 - gasleft();
        assertTrue(success, name);
        (bool ok, uint32 result) = abi.decode(ret, (bool, uint32));
        assertTrue(ok, name);
        assertEq(result, want, name);
        uint256 txGas = 21_000 + std + used;
        if (21_000 + floor > txGas) txGas = 21_000 + floor;
        emit log_named_string("one-step", name);
        emit log_named_uint("  calldata bytes", cd.length);
        emit log_named_uint("  execution gas (call)", used);
        emit log_named_uint("  calldata gas", std);
        emit log_named_uint("  transaction estimate", txGas);
        assertLe(txGas, TARGET, name);
    }

    function test_gas_oneStep_sumSq_64K_last() public {
        _run(sumSqData, sumSqResult, "SumSq over 65,536 elements, last entry (131,072 entries)");
    }

    function test_gas_oneStep_embedGrad_512_select() public {
        _run(embedData, embedResult, "EmbedGrad M=512, entry 1534 SELECT (1,536 entries)");
    }

    function test_gas_oneStep_attnApply_C64_mul() public {
        _run(attnData, attnResult, "AttnApply C=64, entry 126 MUL, two inputs");
    }
}
