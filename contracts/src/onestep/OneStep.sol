// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Float32} from "../float/Float32.sol";
import {ElementProgram} from "./ElementProgram.sol";
import {ElementDecoder} from "./ElementDecoder.sol";
import {OneStepMerkle} from "./OneStepMerkle.sol";

/// @title OneStepLib
/// @notice The last move of the dispute game (PROTOCOL.md section 6, step
/// 5): one entry of one element trace is checked against the roots the
/// worker committed to, by decoding which primitive it is from the graph,
/// proving each operand's value and executing the primitive with {Float32}.
/// See docs/onestep.md.
library OneStepLib {
    /// @notice The roots and positions the dispute has fixed.
    struct Claim {
        bytes32 graphRoot; // the job's graph root (commit.GraphRoot)
        bytes32 stepTraceRoot; // the worker's step trace of step `step`
        uint64 step;
        bytes32 elementTraceRoot; // the worker's element trace of (node, element)
        uint32 node;
        uint32 element;
        uint32 entry;
    }

    /// @notice A graph node's canonical encoding and its list proof under
    /// the graph root (the index is fixed by the context).
    struct GraphNode {
        bytes enc;
        bytes32[] proof;
    }

    /// @notice The proof of one operand's value. Fields the operand's kind
    /// does not use are ignored (leave them empty).
    /// input: outRoot/outRootProof (the input node's output root in the step
    ///   trace) and leaf/leafPath (the tensor leaf holding the element);
    /// entry: entryItem/entryProof (the referenced entry);
    /// input_at: both (the entry gives the address of the element).
    struct OperandProof {
        bytes32 outRoot;
        bytes32[] outRootProof;
        bytes32 leaf;
        bytes32[] leafPath;
        bytes32 entryItem;
        bytes32[] entryProof;
    }

    struct StepProof {
        uint32 numNodes; // N, bound by the graph root and the step-trace root
        uint32 traceLength; // M, bound by the element-trace root
        GraphNode node; // the operator node `claim.node`
        GraphNode[] inputs; // its input nodes, by slot; an empty encoding omits one the entry does not need
        bytes32 entryItem; // the claimed entry
        bytes32[] entryProof;
        OperandProof[3] operands;
    }

    /// @notice A parsed graph node encoding (docs/repops.md section 7).
    struct Node {
        uint8 kind;
        uint8 op;
        uint32[] shape;
        uint32[] inputs;
        uint32[] attrs;
    }

    uint8 internal constant KIND_CONST = 3;
    uint8 internal constant KIND_OP = 4;

    error BadNodeEncoding();
    error GraphProofFailed(uint256 node);
    error NotAnOperator(uint256 node);
    error InputCount(uint256 want, uint256 got);
    error ElementOutOfRange(uint256 element, uint256 numel);
    error EntryProofFailed(uint256 entry);
    error EntryNotEarlier(uint256 entry, uint256 ref);
    error StepTraceProofFailed(uint256 node);
    error TensorProofFailed(uint256 slot);
    error AddressOutOfRange(uint256 slot, uint256 addr);
    error MissingInput(uint256 slot);

    /// @notice Checks entry `claim.entry` of the element trace. Reverts with
    /// the failed check if a supplied proof is invalid. Otherwise returns
    /// whether the committed entry is right (its structure is the one the
    /// operator prescribes, the trace has the prescribed length, and its
    /// result word is what the primitive gives on the proven operands) and
    /// the correct result word (0 when the trace length is wrong).
    /// `decoder` decodes the entry (see {ElementDecoder}).
    function verify(Claim calldata c, StepProof calldata p, ElementDecoder decoder)
        internal
        view
        returns (bool ok, uint32 result)
    {
        Node memory n = _graphNode(c.graphRoot, p.numNodes, c.node, p.node);
        if (n.kind != KIND_OP) revert NotAnOperator(c.node);
        if (n.inputs.length != p.inputs.length) revert InputCount(n.inputs.length, p.inputs.length);
        {
            uint256 outN = OneStepMerkle.numel(n.shape);
            if (c.element >= outN) revert ElementOutOfRange(c.element, outN);
        }
        Inputs memory ins = _inputs(c, p, n);

        // the claimed entry, against the element-trace root
        _entryWord(c, p.traceLength, c.entry, p.entryItem, p.entryProof);
        ElementProgram.Entry memory x = _decode(decoder, c, n, ins, p.traceLength);
        if (x.prim == 0) return (false, 0); // not the trace length
        _needInputs(_slotBit(x.a) | _slotBit(x.b) | _slotBit(x.c), ins.known);
        uint256 a = _operand(c, p, n, ins.nodes, x.a, 0);
        uint256 b = _operand(c, p, n, ins.nodes, x.b, 1);
        result = uint32(Float32.exec(uint8(x.prim), a, b, _operand(c, p, n, ins.nodes, x.c, 2)));
        uint256 want = (x.prim << 248) | (x.a << 200) | (x.b << 152) | (x.c << 104);
        uint256 item = uint256(p.entryItem);
        ok = item & ~(uint256(0xFFFFFFFF) << 72) == want && uint32(item >> 72) == result;
    }

    /// @dev Entry c.entry of the element's program, or the zero entry (primitive 0, which no
    /// entry has) when m is not the trace length. It calls ElementDecoder.programPacked with the
    /// arguments as one word list (op, constMask, element, entry, then the attributes and each
    /// input's shape, each list its length first), which costs a few hundred gas to build and
    /// read where the ABI's nested `uint32[][]` cost thousands. A revert of the decoder is
    /// passed on as it is.
    function _decode(ElementDecoder decoder, Claim calldata c, Node memory n, Inputs memory ins, uint256 m)
        private
        view
        returns (ElementProgram.Entry memory x)
    {
        (uint256 p, uint256 size) = _programArgs(n, ins, c.element, c.entry);
        uint256 len;
        bytes32 h;
        assembly ("memory-safe") {
            if iszero(staticcall(gas(), decoder, p, size, 0x00, 0x40)) {
                returndatacopy(p, 0x00, returndatasize())
                revert(p, returndatasize())
            }
            if lt(returndatasize(), 0x40) { revert(0x00, 0x00) }
            len := mload(0x00)
            h := mload(0x20)
        }
        if (m == len) x = unpack(h);
    }

    /// @dev The calldata of ElementDecoder.programPacked(uint256[]) for node n's element e, entry k, built in free
    /// memory (not allocated) at p: selector, offset, length, then the words.
    function _programArgs(Node memory n, Inputs memory ins, uint256 e, uint256 k)
        private
        pure
        returns (uint256 p, uint256 size)
    {
        bytes4 sel = ElementDecoder.programPacked.selector;
        assembly ("memory-safe") {
            p := mload(0x40)
            mstore(p, sel)
            mstore(add(p, 0x04), 0x20)
            let w := add(p, 0x44)
            mstore(w, mload(add(n, 0x20))) // Node.op
            mstore(add(w, 0x20), mload(add(ins, 0x20))) // Inputs.constMask
            mstore(add(w, 0x40), e)
            mstore(add(w, 0x60), k)
            // a memory uint32[] is its length and then one word per element, as the list wants it: copied whole
            let q := add(w, 0x80)
            let a := mload(add(n, 0x80)) // Node.attrs
            size := shl(5, add(mload(a), 1))
            mcopy(q, a, size)
            q := add(q, size)
            a := mload(ins) // Inputs.nodes
            let end := add(a, shl(5, mload(a)))
            mstore(q, mload(a))
            q := add(q, 0x20)
            for {} lt(a, end) {} {
                a := add(a, 0x20)
                // Node.shape is the struct's third word (an omitted input's is the empty array)
                let shape := mload(add(mload(a), 0x40))
                size := shl(5, add(mload(shape), 1))
                mcopy(q, shape, size)
                q := add(q, size)
            }
            mstore(add(p, 0x24), shr(5, sub(q, w)))
            size := sub(q, p)
        }
    }

    /// @notice The entry a header (ElementProgram.header's layout) packs.
    function unpack(bytes32 header) internal pure returns (ElementProgram.Entry memory x) {
        uint256 h = uint256(header);
        uint256 mask = (uint256(1) << 48) - 1;
        x = ElementProgram.Entry(h >> 248, (h >> 200) & mask, (h >> 152) & mask, (h >> 104) & mask);
    }

    /// @dev The proven input nodes (an omitted one is an empty node), which are constants, which were given.
    struct Inputs {
        Node[] nodes;
        uint256 constMask;
        uint256 known;
    }

    /// @dev Proves the input nodes the prover supplied (an empty encoding
    /// omits one) and requires those whose shape the operator reads; the ones
    /// the entry's operands reference are required after decoding.
    function _inputs(Claim calldata c, StepProof calldata p, Node memory n) private pure returns (Inputs memory r) {
        uint256 cnt = n.inputs.length;
        r.nodes = _emptyNodes(cnt);
        for (uint256 s; s < cnt; ++s) {
            if (p.inputs[s].enc.length == 0) continue;
            Node memory x = _graphNode(c.graphRoot, p.numNodes, n.inputs[s], p.inputs[s]);
            r.nodes[s] = x;
            r.known |= uint256(1) << s;
            if (x.kind == KIND_CONST) r.constMask |= uint256(1) << s;
        }
        _needInputs(ElementProgram.shapesNeeded(n.op), r.known);
    }

    /// @dev cnt nodes that are all the same empty node (no kind, empty shape, inputs and attributes), without
    /// the empty node per element that `new Node[](cnt)` allocates; _inputs replaces the proven ones.
    function _emptyNodes(uint256 cnt) private pure returns (Node[] memory a) {
        Node memory empty;
        assembly ("memory-safe") {
            a := mload(0x40)
            mstore(a, cnt)
            let q := add(a, 0x20)
            let end := add(q, shl(5, cnt))
            for {} lt(q, end) { q := add(q, 0x20) } { mstore(q, empty) }
            mstore(0x40, end)
        }
    }

    /// @dev Reverts unless every input slot in `need` was proven.
    function _needInputs(uint256 need, uint256 known) private pure {
        uint256 missing = need & ~known;
        if (missing == 0) return;
        uint256 s;
        while ((missing >> s) & 1 == 0) ++s;
        revert MissingInput(s);
    }

    /// @dev The input slot bit of a packed operand that reads an input (input, const, input_at).
    function _slotBit(uint256 packed) private pure returns (uint256) {
        uint256 kind = packed >> 40;
        if (
            kind == ElementProgram.KIND_INPUT || kind == ElementProgram.KIND_CONST
                || kind == ElementProgram.KIND_INPUT_AT
        ) {
            return uint256(1) << ((packed >> 32) & 0xFF);
        }
        return 0;
    }

    /// @notice Parses a node encoding: u8 kind | u8 op | u32 output | u8 ndims
    /// | u32 dims | u8 ninputs | u32 inputs | u8 nattrs | u32 attrs (big-endian),
    /// with nothing after it.
    function parseNode(bytes calldata enc) internal pure returns (Node memory n) {
        if (enc.length < 9) revert BadNodeEncoding();
        n.kind = uint8(enc[0]);
        n.op = uint8(enc[1]);
        uint256 o = 6;
        (n.shape, o) = _words(enc, o);
        (n.inputs, o) = _words(enc, o);
        (n.attrs, o) = _words(enc, o);
        if (o != enc.length) revert BadNodeEncoding();
    }

    /// @dev The list at byte o of enc (u8 count, then count big-endian u32 words) and the offset after it.
    function _words(bytes calldata enc, uint256 o) private pure returns (uint32[] memory w, uint256 next) {
        bool bad;
        assembly ("memory-safe") {
            let len := enc.length
            // the count byte must be inside enc and the words must fit (a read past enc only feeds a revert)
            let cnt := byte(0, calldataload(add(enc.offset, o)))
            next := add(add(o, 1), shl(2, cnt))
            bad := or(iszero(lt(o, len)), lt(len, next))
            w := mload(0x40)
            mstore(w, cnt)
            let src := add(add(enc.offset, o), 1)
            let dst := add(w, 0x20)
            let end := add(dst, shl(5, mul(cnt, iszero(bad))))
            for {} lt(dst, end) { dst := add(dst, 0x20) } {
                mstore(dst, shr(224, calldataload(src)))
                src := add(src, 4)
            }
            mstore(0x40, end)
        }
        if (bad) revert BadNodeEncoding();
    }

    function _graphNode(bytes32 root, uint32 numNodes, uint256 index, GraphNode calldata g)
        private
        pure
        returns (Node memory)
    {
        bytes32 lr = OneStepMerkle.listRootOf(OneStepMerkle.graphNodeItem(g.enc), index, numNodes, g.proof);
        if (OneStepMerkle.graphRoot(numNodes, lr) != root) revert GraphProofFailed(index);
        return parseNode(g.enc);
    }

    /// @dev Verifies entry `k`'s item against the element-trace root; returns its result word.
    function _entryWord(Claim calldata c, uint32 m, uint256 k, bytes32 item, bytes32[] calldata proof)
        private
        pure
        returns (uint256)
    {
        bytes32 lr = OneStepMerkle.listRootOf(item, k, m, proof);
        if (OneStepMerkle.elementTraceRoot(c.node, c.element, m, lr) != c.elementTraceRoot) {
            revert EntryProofFailed(k);
        }
        return uint32(uint256(item) >> 72);
    }

    /// @dev The value of one decoded operand (packed kind | slot | ref), proven.
    function _operand(
        Claim calldata c,
        StepProof calldata p,
        Node memory n,
        Node[] memory ins,
        uint256 packed,
        uint256 pos
    ) private pure returns (uint256) {
        uint256 kind = packed >> 40;
        uint256 slot = (packed >> 32) & 0xFF;
        uint256 ref = packed & 0xFFFFFFFF;
        if (kind == ElementProgram.KIND_NONE) return 0;
        if (kind == ElementProgram.KIND_IMM) return ref;
        if (kind == ElementProgram.KIND_CONST) {
            if (ins[slot].attrs.length != 1) revert BadNodeEncoding();
            return ins[slot].attrs[0];
        }
        OperandProof calldata op = p.operands[pos];
        if (kind == ElementProgram.KIND_ENTRY) {
            if (ref >= c.entry) revert EntryNotEarlier(c.entry, ref);
            return _entryWord(c, p.traceLength, ref, op.entryItem, op.entryProof);
        }
        if (kind == ElementProgram.KIND_INPUT_AT) {
            if (ref >= c.entry) revert EntryNotEarlier(c.entry, ref);
            uint256 addr = _entryWord(c, p.traceLength, ref, op.entryItem, op.entryProof);
            uint256 size = OneStepMerkle.numel(ins[slot].shape);
            if (addr >= size) revert AddressOutOfRange(slot, addr);
            ref = addr;
        }
        return _inputElement(c, p.numNodes, n.inputs[slot], ins[slot].shape, ref, op, slot);
    }

    /// @dev Element `index` of the output of node `inNode`: its output root
    /// against the step-trace root, the element against that root.
    function _inputElement(
        Claim calldata c,
        uint32 numNodes,
        uint256 inNode,
        uint32[] memory shape,
        uint256 index,
        OperandProof calldata op,
        uint256 slot
    ) private pure returns (uint256) {
        bytes32 lr = OneStepMerkle.listRootOf(op.outRoot, inNode, numNodes, op.outRootProof);
        if (OneStepMerkle.stepTraceRoot(c.step, numNodes, lr) != c.stepTraceRoot) revert StepTraceProofFailed(inNode);
        (bytes32 root, uint32 v) = OneStepMerkle.elementRoot(shape, index, op.leaf, op.leafPath);
        if (root != op.outRoot) revert TensorProofFailed(slot);
        return v;
    }
}

/// @title OneStep
/// @notice External front of {OneStepLib}, for the dispute game and the
/// differential tests. The element programs are decoded by an
/// {ElementDecoder} this contract deploys in its constructor (`decoder`).
contract OneStep {
    /// @notice The element-program decoder, deployed with this contract.
    ElementDecoder public immutable decoder;

    constructor() {
        decoder = new ElementDecoder();
    }

    /// @notice See {OneStepLib.verify}.
    function verify(OneStepLib.Claim calldata c, OneStepLib.StepProof calldata p)
        external
        view
        returns (bool ok, uint32 result)
    {
        return OneStepLib.verify(c, p, decoder);
    }

    /// @notice What the dispute game needs of a picked node's encoding: its kind, its output field, its shape
    ///         (`ndims` dims, dim i in bits 32i..32i+31 of `dims`), its element count, and for a constant node
    ///         whether it is a [1] tensor of one word and that tensor's root.
    function nodeInfo(bytes calldata enc)
        external
        pure
        returns (uint8 kind, uint32 output, uint8 ndims, uint256 dims, uint256 numel, bool isConst, bytes32 constRoot)
    {
        OneStepLib.Node memory n = OneStepLib.parseNode(enc);
        kind = n.kind;
        output = uint32(bytes4(enc[2:6]));
        // Safe cast: parseNode refuses more than 8 dims.
        // forge-lint: disable-next-line(unsafe-typecast)
        ndims = uint8(n.shape.length);
        for (uint256 i; i < n.shape.length; ++i) {
            dims |= uint256(n.shape[i]) << (32 * i);
        }
        numel = OneStepMerkle.numel(n.shape);
        if (n.kind == OneStepLib.KIND_CONST && n.attrs.length == 1 && n.shape.length == 1 && n.shape[0] == 1) {
            // A constant's output is the [1] tensor of its word: one leaf, the word then seven zero words.
            isConst = true;
            constRoot = OneStepMerkle.tensorRoot(n.shape, OneStepMerkle.leafHash(bytes32(uint256(n.attrs[0]) << 224)));
        }
    }

    /// @notice The canonical tensor root implied by an element proof, and the element's word
    ///         (OneStepMerkle.elementRoot; the shape packed as in `nodeInfo`).
    function elementRoot(uint8 ndims, uint256 dims, uint256 index, bytes32 leaf, bytes32[] calldata path)
        external
        pure
        returns (bytes32 root, uint32 value)
    {
        return OneStepMerkle.elementRoot(_shape(ndims, dims), index, leaf, path);
    }

    /// @notice The canonical tensor root implied by tensor leaf `leafIndex` and its path (OneStepMerkle.leafRoot;
    ///         the shape packed as in `nodeInfo`).
    function leafRoot(uint8 ndims, uint256 dims, uint256 leafIndex, bytes32 leaf, bytes32[] calldata path)
        external
        pure
        returns (bytes32)
    {
        return OneStepMerkle.leafRoot(_shape(ndims, dims), leafIndex, leaf, path);
    }

    function _shape(uint8 ndims, uint256 dims) private pure returns (uint32[] memory shape) {
        shape = new uint32[](ndims);
        for (uint256 i; i < ndims; ++i) {
            shape[i] = uint32(dims >> (32 * i));
        }
    }
}
