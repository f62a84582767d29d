// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Float32} from "../float/Float32.sol";
import {OneStepMerkle} from "./OneStepMerkle.sol";

/// @title ElementProgram
/// @notice The structure of RepOps element traces (docs/repops.md sections
/// 3-6), as repops.TraceSkeleton derives it: from (operator, attributes,
/// input shapes, which inputs are graph constants, element index, entry
/// index) it gives the entry's primitive and, for each of its three operand
/// slots, the operand kind, input slot and reference (element index, entry
/// index or immediate word), exactly as they are packed into bytes 0..18 of
/// the entry's 32-byte commitment item (commit.EntryItem).
///
/// An operand is packed into 48 bits: kind (8) | slot (8) | ref (32).
library ElementProgram {
    error UnknownOperator(uint8 op);
    error BadOperands(uint8 op);
    error EntryIndex(uint256 entry, uint256 length);

    // operand kinds (repops.OperandKind)
    uint256 internal constant KIND_NONE = 0;
    uint256 internal constant KIND_INPUT = 1;
    uint256 internal constant KIND_ENTRY = 2;
    uint256 internal constant KIND_CONST = 3;
    uint256 internal constant KIND_IMM = 4;
    uint256 internal constant KIND_INPUT_AT = 5;

    // operators (repops.OpKind)
    uint8 internal constant MATMUL = 0x01;
    uint8 internal constant MATMUL_TN = 0x02;
    uint8 internal constant MATMUL_NT = 0x03;
    uint8 internal constant BIAS_ADD = 0x04;
    uint8 internal constant RELU = 0x05;
    uint8 internal constant RELU_GRAD = 0x06;
    uint8 internal constant COL_SUM = 0x07;
    uint8 internal constant BATCH_INDEX = 0x08;
    uint8 internal constant GATHER = 0x09;
    uint8 internal constant LOG_SUM_EXP = 0x0A;
    uint8 internal constant XENT_LOSS = 0x0B;
    uint8 internal constant MEAN = 0x0C;
    uint8 internal constant XENT_GRAD = 0x0D;
    uint8 internal constant SGD_VELOCITY = 0x0E;
    uint8 internal constant SGD_PARAM = 0x0F;
    uint8 internal constant ADAM_MOMENT = 0x10;
    uint8 internal constant SCALAR_MUL = 0x11;
    uint8 internal constant ADAM_PARAM = 0x12;
    uint8 internal constant INCREMENT = 0x13;

    // the transformer (language model) operators (repops ops_lm.go)
    uint8 internal constant WINDOW_INDEX = 0x14;
    uint8 internal constant ADD = 0x15;
    uint8 internal constant POS_ADD = 0x16;
    uint8 internal constant ROW_GROUP_SUM = 0x17;
    uint8 internal constant ATTN_SCORES = 0x18;
    uint8 internal constant ATTN_APPLY = 0x19;
    uint8 internal constant ATTN_APPLY_T = 0x1A;
    uint8 internal constant SOFTMAX_ROW = 0x1B;
    uint8 internal constant ROW_DOT = 0x1C;
    uint8 internal constant SOFTMAX_GRAD = 0x1D;
    uint8 internal constant RMS_INV = 0x1E;
    uint8 internal constant RMS_NORM = 0x1F;
    uint8 internal constant RMS_NORM_ROW_DOT = 0x20;
    uint8 internal constant RMS_NORM_GRAD_X = 0x21;
    uint8 internal constant RMS_NORM_GRAD_G = 0x22;
    uint8 internal constant SILU = 0x23;
    uint8 internal constant SILU_GRAD = 0x24;
    uint8 internal constant EMBED_GRAD = 0x25;
    uint8 internal constant ADAMW_PARAM = 0x26;
    uint8 internal constant LR_SCHEDULE = 0x27;
    uint8 internal constant SUM_SQ = 0x28;
    uint8 internal constant CLIP_SCALE = 0x29;
    uint8 internal constant SCALE_BY = 0x2A;
    uint8 internal constant FIRST_LM = WINDOW_INDEX;
    uint8 internal constant LAST_LM = SCALE_BY;
    // per operator 0x14..0x2A: inputs, attribute words, shapes read (bit s: slot s)
    bytes23 private constant LM_ARITY = hex"0102020102020202020301030305030102020801010102";
    bytes23 private constant LM_ATTRS = hex"0200000104010100000101000000000000010004000100";
    bytes23 private constant LM_SHAPES = hex"0000030101030301010101010101010000030000010000";
    uint256 private constant EXACT = 1 << 24; // integers below are exact binary32 words
    uint256 private constant CLIP_EPS = 0x358637BD; // binary32 nearest 1e-6

    uint256 private constant NEG_ZERO = 0x80000000;
    uint256 private constant NEG_INF = 0xFF800000;
    uint256 private constant ONE = 0x3F800000;

    /// @notice Decoded entry: primitive code and three packed operands.
    struct Entry {
        uint256 prim;
        uint256 a;
        uint256 b;
        uint256 c;
    }

    /// @notice The number of inputs each operator takes (0 if unknown).
    function arity(uint8 op) internal pure returns (uint256) {
        if (op >= FIRST_LM && op <= LAST_LM) return uint8(LM_ARITY[op - FIRST_LM]);
        if (op == 0 || op > INCREMENT) return 0;
        // ops 0x01..0x13: 2,2,2,2,1,2,1,1,2,1,3,1,3,3,3,3,2,7,1
        return uint8(bytes19(hex"02020202010201010201030103030303020701")[op - 1]);
    }

    /// @notice Bit s is set when the decoding (or the trace length) of
    /// `op` reads the shape of input slot s.
    /// For the operators 0x14..0x2A the mask is the byte of op - 0x14 in
    /// LM_SHAPES: PosAdd, AttnApply, AttnApplyT and
    /// EmbedGrad read slots 0 and 1; WindowIndex, Add, SiLU, SiLUGrad,
    /// AdamWParam, LRSchedule, ClipScale and ScaleBy none; the others slot 0.
    function shapesNeeded(uint8 op) internal pure returns (uint256) {
        if (op >= FIRST_LM && op <= LAST_LM) return uint8(LM_SHAPES[op - FIRST_LM]);
        if (op >= MATMUL && op <= MATMUL_NT) return 3;
        if (op == BIAS_ADD) return 2;
        if (op == COL_SUM || op == GATHER || op == LOG_SUM_EXP || op == XENT_LOSS || op == MEAN || op == XENT_GRAD) {
            return 1;
        }
        return 0;
    }

    /// @notice The element-trace length of an element of `op` (it does not
    /// depend on the element).
    function traceLength(uint8 op, uint32[] memory attrs, uint32[][] memory shapes) internal pure returns (uint256) {
        if (op >= FIRST_LM) {
            (uint256[4] memory d,) = _lmDims(op, attrs, shapes);
            return _lmLength(op, d);
        }
        _checkShapes(op, attrs, shapes);
        if (op <= MATMUL_NT) {
            (,, uint256 k,) = _matDims(op, shapes);
            return 2 * k;
        }
        if (op == BIAS_ADD || op == RELU || op == SCALAR_MUL || op == INCREMENT) return 1;
        if (op == RELU_GRAD || op == SGD_VELOCITY || op == SGD_PARAM) return 2;
        if (op == COL_SUM) return shapes[0][0];
        if (op == BATCH_INDEX) return 100;
        if (op == GATHER) return 4;
        if (op == LOG_SUM_EXP) return 27 * uint256(shapes[0][1]) + 41;
        if (op == XENT_LOSS) return 3 * uint256(shapes[0][1]) + 1;
        if (op == MEAN) return _numel(shapes[0]) + 1;
        if (op == XENT_GRAD) return 29;
        if (op == ADAM_MOMENT) return attrs[0] == 2 ? 5 : 4;
        return 9; // ADAM_PARAM
    }

    /// @notice The structure of entry k of the trace of element e: the 19
    /// leading bytes of its commitment item (primitive, three operands), left
    /// aligned in a bytes32 with the result and padding bytes zero.
    /// constMask bit s is set when input slot s is a graph constant.
    function header(uint8 op, uint32[] memory attrs, uint32[][] memory shapes, uint256 constMask, uint256 e, uint256 k)
        internal
        pure
        returns (bytes32)
    {
        Entry memory x = decode(op, attrs, shapes, constMask, e, k);
        return bytes32((x.prim << 248) | (x.a << 200) | (x.b << 152) | (x.c << 104));
    }

    /// @notice Entry k of the trace of element e (see header).
    function decode(uint8 op, uint32[] memory attrs, uint32[][] memory shapes, uint256 constMask, uint256 e, uint256 k)
        internal
        pure
        returns (Entry memory x)
    {
        uint256 len;
        (len, x) = lengthAndEntry(op, attrs, shapes, constMask, e, k);
        if (k >= len) revert EntryIndex(k, len);
    }

    /// @notice The trace length and, when k is below it, entry k of the
    /// trace of element e (else the zero entry, primitive 0, which no entry
    /// has); the attributes and shapes are checked once.
    function lengthAndEntry(
        uint8 op,
        uint32[] memory attrs,
        uint32[][] memory shapes,
        uint256 constMask,
        uint256 e,
        uint256 k
    ) internal pure returns (uint256 len, Entry memory x) {
        if (op >= FIRST_LM) {
            (uint256[4] memory d, uint256 out) = _lmDims(op, attrs, shapes);
            if (e >= out) revert OneStepMerkle.ElementIndex(e, out);
            len = _lmLength(op, d);
            if (k < len) x = _lmEntry(op, attrs, d, constMask, e, k);
            return (len, x);
        }
        len = traceLength(op, attrs, shapes);
        if (k < len) x = _entry(op, attrs, shapes, constMask, e, k);
    }

    /// @dev Entry k (below the trace length) of an operator 0x01..0x13.
    function _entry(uint8 op, uint32[] memory attrs, uint32[][] memory shapes, uint256 constMask, uint256 e, uint256 k)
        private
        pure
        returns (Entry memory)
    {
        if (op <= MATMUL_NT) return _matmul(op, shapes, constMask, e, k);
        if (op == BIAS_ADD) {
            return _e2(Float32.OP_ADD, _in(constMask, 0, e), _in(constMask, 1, e % shapes[1][0]));
        }
        if (op == RELU) return _e2(Float32.OP_MAX, _in(constMask, 0, e), _imm(0));
        if (op == RELU_GRAD) {
            if (k == 0) return _e2(Float32.OP_LT, _imm(0), _in(constMask, 1, e));
            return Entry(Float32.OP_SELECT, _in(constMask, 0, e), _imm(0), _ent(0));
        }
        if (op == COL_SUM) return _sum(k, _in(constMask, 0, k * shapes[0][1] + e));
        if (op == BATCH_INDEX) return _batchIndex(attrs, constMask, e, k);
        if (op == GATHER) return _gather(shapes, constMask, e, k);
        if (op == LOG_SUM_EXP) return _logSumExp(shapes, constMask, e, k);
        if (op == XENT_LOSS) return _xentLoss(shapes, constMask, e, k);
        if (op == MEAN) {
            uint256 n = _numel(shapes[0]);
            if (k < n) return _sum(k, _in(constMask, 0, k));
            return _e2(Float32.OP_DIV, _ent(n - 1), _imm(Float32.u2f(n)));
        }
        if (op == XENT_GRAD) return _xentGrad(shapes, constMask, e, k);
        if (op == SGD_VELOCITY) {
            if (k == 0) return _e2(Float32.OP_MUL, _in(constMask, 2, 0), _in(constMask, 0, e));
            return _e2(Float32.OP_ADD, _ent(0), _in(constMask, 1, e));
        }
        if (op == SGD_PARAM) {
            if (k == 0) return _e2(Float32.OP_MUL, _in(constMask, 2, 0), _in(constMask, 1, e));
            return _e2(Float32.OP_SUB, _in(constMask, 0, e), _ent(0));
        }
        if (op == ADAM_MOMENT) return _adamMoment(attrs, constMask, e, k);
        if (op == SCALAR_MUL) return _e2(Float32.OP_MUL, _in(constMask, 0, 0), _in(constMask, 1, 0));
        if (op == ADAM_PARAM) return _adamParam(constMask, e, k);
        return _e2(Float32.OP_IADD, _in(constMask, 0, 0), _imm(1)); // INCREMENT
    }

    /*//////////////////////////////////////////////////////////////
                              OPERATORS
    //////////////////////////////////////////////////////////////*/

    function _matmul(uint8 op, uint32[][] memory shapes, uint256 cm, uint256 e, uint256 k)
        private
        pure
        returns (Entry memory)
    {
        (uint256 m, uint256 n, uint256 kk,) = _matDims(op, shapes);
        uint256 i = e / n;
        uint256 j = e % n;
        uint256 t = k >> 1;
        if (k & 1 == 1) {
            return _e2(Float32.OP_ADD, t == 0 ? _imm(NEG_ZERO) : _ent(k - 2), _ent(k - 1));
        }
        uint256 ai;
        uint256 bi;
        if (op == MATMUL) {
            (ai, bi) = (i * kk + t, t * n + j);
        } else if (op == MATMUL_TN) {
            (ai, bi) = (t * m + i, t * n + j);
        } else {
            (ai, bi) = (i * kk + t, j * kk + t);
        }
        return _e2(Float32.OP_MUL, _in(cm, 0, ai), _in(cm, 1, bi));
    }

    function _batchIndex(uint32[] memory attrs, uint256 cm, uint256 e, uint256 k) private pure returns (Entry memory) {
        if (k == 98) return _e2(Float32.OP_UREM, _ent(95), _imm(attrs[2]));
        if (k == 99) return Entry(Float32.OP_U2F, _ent(98), 0, 0);
        // Philox4x32-10 on counter (#e, in0[0], #1, #0), key (#attr0, #attr1)
        uint256 b = k - (k % 10);
        uint256 r = k % 10;
        uint256 x0;
        uint256 x1;
        uint256 x2;
        uint256 x3;
        uint256 k0;
        uint256 k1;
        if (b == 0) {
            (x0, x1, x2, x3) = (_imm(e), _in(cm, 0, 0), _imm(1), _imm(0));
            (k0, k1) = (_imm(attrs[0]), _imm(attrs[1]));
        } else {
            uint256 p = b - 10;
            (x0, x1, x2, x3) = (_ent(p + 5), _ent(p + 3), _ent(p + 7), _ent(p + 1));
            (k0, k1) = (_ent(p + 8), _ent(p + 9));
        }
        if (r == 0) return _e2(Float32.OP_IMULHI, _imm(0xD2511F53), x0);
        if (r == 1) return _e2(Float32.OP_IMUL, _imm(0xD2511F53), x0);
        if (r == 2) return _e2(Float32.OP_IMULHI, _imm(0xCD9E8D57), x2);
        if (r == 3) return _e2(Float32.OP_IMUL, _imm(0xCD9E8D57), x2);
        if (r == 4) return _e2(Float32.OP_XOR, _ent(b + 2), x1);
        if (r == 5) return _e2(Float32.OP_XOR, _ent(b + 4), k0);
        if (r == 6) return _e2(Float32.OP_XOR, _ent(b), x3);
        if (r == 7) return _e2(Float32.OP_XOR, _ent(b + 6), k1);
        if (r == 8) return _e2(Float32.OP_IADD, k0, _imm(0x9E3779B9));
        return _e2(Float32.OP_IADD, k1, _imm(0xBB67AE85));
    }

    function _gather(uint32[][] memory shapes, uint256 cm, uint256 e, uint256 k) private pure returns (Entry memory) {
        uint256 f = shapes[0].length == 2 ? shapes[0][1] : 1;
        if (k == 0) return Entry(Float32.OP_F2I, _in(cm, 1, e / f), 0, 0);
        if (k == 1) return _e2(Float32.OP_IMUL, _ent(0), _imm(f));
        if (k == 2) return _e2(Float32.OP_IADD, _ent(1), _imm(e % f));
        return _e2(Float32.OP_OR, _pack(KIND_INPUT_AT, 0, 2), _imm(0));
    }

    function _logSumExp(uint32[][] memory shapes, uint256 cm, uint256 e, uint256 k)
        private
        pure
        returns (Entry memory)
    {
        uint256 n = shapes[0][1];
        uint256 row = e * n;
        if (k < n) return _e2(Float32.OP_MAX, k == 0 ? _imm(NEG_INF) : _ent(k - 1), _in(cm, 0, row + k));
        if (k < 27 * n) {
            uint256 t = (k - n) / 26;
            uint256 r = (k - n) % 26;
            uint256 c = n + 26 * t;
            if (r == 0) return _e2(Float32.OP_SUB, _in(cm, 0, row + t), _ent(n - 1));
            if (r == 25) return _e2(Float32.OP_ADD, t == 0 ? _imm(NEG_ZERO) : _ent(c - 1), _ent(c + 24));
            return _exp(r - 1, _ent(c), c + 1);
        }
        if (k < 27 * n + 40) return _log(k - 27 * n, _ent(27 * n - 1), 27 * n);
        return _e2(Float32.OP_ADD, _ent(n - 1), _ent(27 * n + 39));
    }

    function _xentLoss(uint32[][] memory shapes, uint256 cm, uint256 e, uint256 k) private pure returns (Entry memory) {
        uint256 n = shapes[0][1];
        if (k == 3 * n) return _e2(Float32.OP_SUB, _in(cm, 1, e), _ent(3 * n - 1));
        uint256 t = k / 3;
        uint256 r = k % 3;
        if (r == 0) return _e2(Float32.OP_EQ, _in(cm, 2, e), _imm(Float32.u2f(t)));
        if (r == 1) return Entry(Float32.OP_SELECT, _in(cm, 0, e * n + t), _imm(0), _ent(3 * t));
        return _e2(Float32.OP_ADD, t == 0 ? _imm(NEG_ZERO) : _ent(3 * t - 1), _ent(3 * t + 1));
    }

    function _xentGrad(uint32[][] memory shapes, uint256 cm, uint256 e, uint256 k) private pure returns (Entry memory) {
        uint256 m = shapes[0][0];
        uint256 n = shapes[0][1];
        uint256 i = e / n;
        if (k == 0) return _e2(Float32.OP_SUB, _in(cm, 0, e), _in(cm, 1, i));
        if (k < 25) return _exp(k - 1, _ent(0), 1);
        if (k == 25) return _e2(Float32.OP_EQ, _in(cm, 2, i), _imm(Float32.u2f(e % n)));
        if (k == 26) return Entry(Float32.OP_SELECT, _imm(ONE), _imm(0), _ent(25));
        if (k == 27) return _e2(Float32.OP_SUB, _ent(24), _ent(26));
        return _e2(Float32.OP_DIV, _ent(27), _imm(Float32.u2f(m)));
    }

    function _adamMoment(uint32[] memory attrs, uint256 cm, uint256 e, uint256 k) private pure returns (Entry memory) {
        if (k == 0) return _e2(Float32.OP_SUB, _imm(ONE), _in(cm, 2, 0));
        if (k == 1) return _e2(Float32.OP_MUL, _in(cm, 2, 0), _in(cm, 0, e));
        if (k == 2) return _e2(Float32.OP_MUL, _ent(0), _in(cm, 1, e));
        if (attrs[0] == 2) {
            if (k == 3) return _e2(Float32.OP_MUL, _ent(2), _in(cm, 1, e));
            return _e2(Float32.OP_ADD, _ent(1), _ent(3));
        }
        return _e2(Float32.OP_ADD, _ent(1), _ent(2));
    }

    function _adamParam(uint256 cm, uint256 e, uint256 k) private pure returns (Entry memory) {
        if (k == 0) return _e2(Float32.OP_SUB, _imm(ONE), _in(cm, 3, 0));
        if (k == 1) return _e2(Float32.OP_DIV, _in(cm, 1, e), _ent(0));
        if (k == 2) return _e2(Float32.OP_SUB, _imm(ONE), _in(cm, 4, 0));
        if (k == 3) return _e2(Float32.OP_DIV, _in(cm, 2, e), _ent(2));
        if (k == 4) return Entry(Float32.OP_SQRT, _ent(3), 0, 0);
        if (k == 5) return _e2(Float32.OP_ADD, _ent(4), _in(cm, 6, 0));
        if (k == 6) return _e2(Float32.OP_MUL, _in(cm, 5, 0), _ent(1));
        if (k == 7) return _e2(Float32.OP_DIV, _ent(6), _ent(5));
        return _e2(Float32.OP_SUB, _in(cm, 0, e), _ent(7));
    }

    /*//////////////////////////////////////////////////////////////
                      TRANSFORMER OPERATORS (0x14..0x2A)
    //////////////////////////////////////////////////////////////*/

    /// @dev The dimensions the program of a transformer operator uses, and
    /// the output's element count where the shapes it reads give it (else
    /// type(uint256).max): PosAdd (m, n, R); RowGroupSum (m, n, R);
    /// AttnScores, AttnApply(T) (M, d, H, C); SoftmaxRow .. RMSNormGradG
    /// (m, n); EmbedGrad (M, d, V); SumSq (n); WindowIndex (C, offset).
    /// Checks the input and attribute counts, the attributes and the shapes
    /// of the slots shapesNeeded lists, as repops.OutShape does: every read
    /// dimension in [1, 2^24), fewer than 2^31 elements per read input and
    /// per output, the divisibilities (R | m, H | d, C | M).
    function _lmDims(uint8 op, uint32[] memory attrs, uint32[][] memory shapes)
        private
        pure
        returns (uint256[4] memory d, uint256 out)
    {
        if (op < FIRST_LM || op > LAST_LM) revert UnknownOperator(op);
        uint256 i = op - FIRST_LM;
        if (shapes.length != uint8(LM_ARITY[i]) || attrs.length != uint8(LM_ATTRS[i])) revert BadOperands(op);
        uint256 need = uint8(LM_SHAPES[i]);
        for (uint256 s; s < 2; ++s) {
            if ((need >> s) & 1 == 1) _lmShape(op, shapes[s]);
        }
        out = type(uint256).max;
        if (op == WINDOW_INDEX) {
            (uint256 c, uint256 off) = (attrs[0], attrs[1]);
            if (c == 0 || c - 1 + off >= EXACT) revert BadOperands(op);
            d[0] = c;
            d[1] = off;
        } else if (op == POS_ADD || op == ATTN_APPLY || op == ATTN_APPLY_T || op == EMBED_GRAD) {
            (d, out) = _lmDims2(op, attrs.length > 0 ? attrs[0] : 0, shapes[0], shapes[1]);
        } else if (op == LR_SCHEDULE) {
            for (uint256 j; j < 4; ++j) {
                if (attrs[j] & 0x7FFFFFFF > 0x7F800000) revert BadOperands(op); // NaN
            }
            if (attrs[3] == 0 || attrs[3] > 0x7F800000) revert BadOperands(op); // span > 0
            out = 1;
        } else if (op == CLIP_SCALE) {
            out = 1;
        } else if (op != ADD && op != SILU && op != SILU_GRAD && op != ADAMW_PARAM && op != SCALE_BY) {
            (d, out) = _lmDims1(op, attrs, shapes[0]);
        }
        if (out != type(uint256).max && out >= 1 << 31) revert BadOperands(op);
    }

    /// @dev A read input shape: dimensions in [1, 2^24), fewer than 2^31 elements.
    function _lmShape(uint8 op, uint32[] memory s) private pure {
        if (s.length == 0) revert BadOperands(op);
        uint256 n = 1;
        for (uint256 j; j < s.length; ++j) {
            if (s[j] == 0 || s[j] >= EXACT) revert BadOperands(op);
            n *= s[j];
        }
        if (n >= 1 << 31) revert BadOperands(op);
    }

    /// @dev The operators that read the shapes of slots 0 and 1 (a0: the first attribute, if any).
    function _lmDims2(uint8 op, uint256 a0, uint32[] memory s0, uint32[] memory s1)
        private
        pure
        returns (uint256[4] memory d, uint256 out)
    {
        (uint256 x0, uint256 x1) = _matrix(op, s0);
        if (op == EMBED_GRAD) {
            // dH[M,d], tok[M]; V = a0
            if (s1.length != 1 || s1[0] != x0 || a0 == 0 || a0 >= EXACT) revert BadOperands(op);
            return ([x0, x1, a0, 0], a0 * x1);
        }
        (uint256 y0, uint256 y1) = _matrix(op, s1);
        if (op == POS_ADD) {
            // X[m,n], P[R,n], R | m
            if (y1 != x1 || x0 % y0 != 0) revert BadOperands(op);
            return ([x0, x1, y0, 0], x0 * x1);
        }
        // P[B*H*C, C], V[M,d]; H = a0, C | M, H | d
        if (a0 == 0 || a0 >= EXACT || y1 % a0 != 0 || y0 % x1 != 0 || x0 != y0 * a0) revert BadOperands(op);
        return ([y0, y1, a0, x1], y0 * y1);
    }

    /// @dev The operators that read the shape of slot 0 only.
    function _lmDims1(uint8 op, uint32[] memory attrs, uint32[] memory s0)
        private
        pure
        returns (uint256[4] memory d, uint256 out)
    {
        if (op == SUM_SQ) return ([_numel(s0), 0, 0, 0], 1);
        (uint256 m, uint256 w) = _matrix(op, s0);
        if (op == ROW_GROUP_SUM) {
            // X[m,n], R | m
            uint256 r = attrs[0];
            if (r == 0 || r >= EXACT || m % r != 0) revert BadOperands(op);
            return ([m, w, r, 0], r * w);
        }
        if (op == ATTN_SCORES) {
            // Q[M,d]; H, C, scale, causal: H | d, C | M
            (uint256 h, uint256 c) = (attrs[0], attrs[1]);
            if (h == 0 || h >= EXACT || c == 0 || c >= EXACT || w % h != 0 || m % c != 0 || attrs[3] > 1) {
                revert BadOperands(op);
            }
            return ([m, w, h, c], m * h * c);
        }
        // SoftmaxRow .. RMSNormGradG: X[m,n]
        if (op == ROW_DOT || op == RMS_INV || op == RMS_NORM_ROW_DOT) out = m;
        else if (op == RMS_NORM_GRAD_G) out = w;
        else out = m * w;
        return ([m, w, 0, 0], out);
    }

    /// @dev The two dimensions of a matrix shape (BadOperands if not rank 2).
    function _matrix(uint8 op, uint32[] memory s) private pure returns (uint256, uint256) {
        if (s.length != 2) revert BadOperands(op);
        return (s[0], s[1]);
    }

    /// @dev The trace length of op, from _lmDims' dimensions.
    function _lmLength(uint8 op, uint256[4] memory d) private pure returns (uint256) {
        if (op == ROW_GROUP_SUM) return d[0] / d[2];
        if (op == ATTN_SCORES) return 2 * (d[1] / d[2]) + 1;
        if (op == ATTN_APPLY || op == ATTN_APPLY_T) return 2 * d[3];
        if (op == ROW_DOT) return 2 * d[1];
        if (op == RMS_INV) return 2 * d[1] + 4;
        if (op == RMS_NORM_ROW_DOT) return 3 * d[1];
        if (op == RMS_NORM_GRAD_G || op == EMBED_GRAD) return 3 * d[0];
        if (op == SUM_SQ) return 2 * d[0];
        // WindowIndex .. ScaleBy: the fixed lengths
        return uint8(bytes23(hex"0101010000000019000300020008001b20000c08000401")[op - WINDOW_INDEX]);
    }

    /*//////////////////////////////////////////////////////////////
                               ENTRIES
    //////////////////////////////////////////////////////////////*/

    function _lmEntry(uint8 op, uint32[] memory attrs, uint256[4] memory d, uint256 cm, uint256 e, uint256 k)
        private
        pure
        returns (Entry memory)
    {
        if (op == WINDOW_INDEX) {
            return _e2(Float32.OP_ADD, _in(cm, 0, e / d[0]), _imm(Float32.u2f(e % d[0] + d[1])));
        }
        if (op == ADD) return _e2(Float32.OP_ADD, _in(cm, 0, e), _in(cm, 1, e));
        if (op == POS_ADD) {
            uint256 n = d[1];
            return _e2(Float32.OP_ADD, _in(cm, 0, e), _in(cm, 1, ((e / n) % d[2]) * n + e % n));
        }
        if (op == ROW_GROUP_SUM) {
            uint256 n = d[1];
            return _sum(k, _in(cm, 0, (k * d[2] + e / n) * n + e % n));
        }
        if (op == ATTN_SCORES) return _attnScores(attrs, d, cm, e, k);
        if (op == ATTN_APPLY || op == ATTN_APPLY_T) return _attnApply(op, d, cm, e, k);
        if (op == SOFTMAX_ROW) {
            if (k == 0) return _e2(Float32.OP_SUB, _in(cm, 0, e), _in(cm, 1, e / d[1]));
            return _exp(k - 1, _ent(0), 1);
        }
        if (op == ROW_DOT || op == RMS_INV || op == SUM_SQ) return _squares(op, attrs, d, cm, e, k);
        if (op == SOFTMAX_GRAD) {
            if (k == 0) return _e2(Float32.OP_SUB, _in(cm, 1, e), _in(cm, 2, e / d[1]));
            if (k == 1) return _e2(Float32.OP_MUL, _in(cm, 0, e), _ent(0));
            return _e2(Float32.OP_MUL, _ent(1), _imm(attrs[0]));
        }
        if (op == RMS_NORM) {
            if (k == 0) return _e2(Float32.OP_MUL, _in(cm, 0, e), _in(cm, 1, e / d[1]));
            return _e2(Float32.OP_MUL, _ent(0), _in(cm, 2, e % d[1]));
        }
        if (op == RMS_NORM_ROW_DOT || op == RMS_NORM_GRAD_G || op == EMBED_GRAD) return _triples(op, d, cm, e, k);
        if (op == RMS_NORM_GRAD_X) return _rmsNormGradX(d, cm, e, k);
        if (op == SILU || op == SILU_GRAD) return _silu(op, cm, e, k);
        if (op == ADAMW_PARAM) return _adamWParam(cm, e, k);
        if (op == LR_SCHEDULE) return _lrSchedule(attrs, cm, k);
        if (op == CLIP_SCALE) {
            if (k == 0) return Entry(Float32.OP_SQRT, _in(cm, 0, 0), 0, 0);
            if (k == 1) return _e2(Float32.OP_ADD, _ent(0), _imm(CLIP_EPS));
            if (k == 2) return _e2(Float32.OP_DIV, _imm(attrs[0]), _ent(1));
            return _e2(Float32.OP_MIN, _ent(2), _imm(ONE));
        }
        return _e2(Float32.OP_MUL, _in(cm, 0, e), _in(cm, 1, 0)); // SCALE_BY
    }

    /// @dev AttnScores: the head-dimension dot product of a query and a key
    /// row, then the scale (or -inf above the diagonal when causal).
    function _attnScores(uint32[] memory attrs, uint256[4] memory d, uint256 cm, uint256 e, uint256 k)
        private
        pure
        returns (Entry memory)
    {
        uint256 c = d[3];
        if (k == 2 * (d[1] / d[2])) {
            if (attrs[3] == 1 && e % c > (e / c) % c) return _e2(Float32.OP_OR, _imm(NEG_INF), _imm(0));
            return _e2(Float32.OP_MUL, _ent(k - 1), _imm(attrs[2]));
        }
        if (k & 1 == 1) return _e2(Float32.OP_ADD, k == 1 ? _imm(NEG_ZERO) : _ent(k - 2), _ent(k - 1));
        return _qk(d, cm, e, k >> 1);
    }

    /// @dev AttnScores' product t: MUL(Q[(b*C+i)*d + h*dh + t], K[(b*C+j)*d + h*dh + t]).
    function _qk(uint256[4] memory d, uint256 cm, uint256 e, uint256 t) private pure returns (Entry memory) {
        uint256 c = d[3];
        uint256 g = e / c / c; // b*H + h
        uint256 col = (g % d[2]) * (d[1] / d[2]) + t; // h*dh + t
        uint256 base = (g / d[2]) * c; // b*C
        uint256 qi = (base + (e / c) % c) * d[1] + col;
        uint256 ki = (base + e % c) * d[1] + col;
        return _e2(Float32.OP_MUL, _in(cm, 0, qi), _in(cm, 1, ki));
    }

    /// @dev AttnApply (sum over key positions j of P[row i, j] V[j]) and
    /// AttnApplyT (sum over query positions i of P[row i, j] X[i]).
    function _attnApply(uint8 op, uint256[4] memory d, uint256 cm, uint256 e, uint256 k)
        private
        pure
        returns (Entry memory)
    {
        uint256 t = k >> 1;
        if (k & 1 == 1) return _e2(Float32.OP_ADD, t == 0 ? _imm(NEG_ZERO) : _ent(k - 2), _ent(k - 1));
        (uint256 dd, uint256 c) = (d[1], d[3]);
        uint256 r = e / dd;
        uint256 head = ((r / c) * d[2] + (e % dd) / (dd / d[2])) * c; // (b*H + h)*C
        uint256 pIdx = op == ATTN_APPLY ? (head + r % c) * c + t : (head + t) * c + r % c;
        return _e2(Float32.OP_MUL, _in(cm, 0, pIdx), _in(cm, 1, ((r / c) * c + t) * dd + e % dd));
    }

    /// @dev RowDot, RMSInv and SumSq: MUL/ADD pairs of a sequential sum of
    /// products (and RMSInv's four last entries).
    function _squares(uint8 op, uint32[] memory attrs, uint256[4] memory d, uint256 cm, uint256 e, uint256 k)
        private
        pure
        returns (Entry memory)
    {
        uint256 n = d[0];
        uint256 base;
        if (op != SUM_SQ) (n, base) = (d[1], e * d[1]);
        if (k >= 2 * n) {
            // RMSInv
            uint256 r = k - 2 * n;
            if (r == 0) return _e2(Float32.OP_DIV, _ent(k - 1), _imm(Float32.u2f(n)));
            if (r == 1) return _e2(Float32.OP_ADD, _ent(k - 1), _imm(attrs[0]));
            if (r == 2) return Entry(Float32.OP_SQRT, _ent(k - 1), 0, 0);
            return _e2(Float32.OP_DIV, _imm(ONE), _ent(k - 1));
        }
        uint256 t = k >> 1;
        if (k & 1 == 1) return _e2(Float32.OP_ADD, t == 0 ? _imm(NEG_ZERO) : _ent(k - 2), _ent(k - 1));
        uint256 x = _in(cm, 0, base + t);
        return _e2(Float32.OP_MUL, x, op == ROW_DOT ? _in(cm, 1, base + t) : x);
    }

    /// @dev RMSNormRowDot, RMSNormGradG and EmbedGrad: triples of two
    /// entries and a sequential-sum step ADD(t = 0 ? #-0 : e_{3t-1}, e_{3t+1}).
    function _triples(uint8 op, uint256[4] memory d, uint256 cm, uint256 e, uint256 k)
        private
        pure
        returns (Entry memory)
    {
        uint256 t = k / 3;
        uint256 r = k % 3;
        if (r == 2) return _e2(Float32.OP_ADD, t == 0 ? _imm(NEG_ZERO) : _ent(k - 3), _ent(k - 1));
        if (op == RMS_NORM_ROW_DOT) {
            uint256 idx = e * d[1] + t;
            if (r == 0) return _e2(Float32.OP_MUL, _in(cm, 0, idx), _in(cm, 2, t));
            return _e2(Float32.OP_MUL, _ent(k - 1), _in(cm, 1, idx));
        }
        if (op == RMS_NORM_GRAD_G) {
            if (r == 0) {
                uint256 idx = t * d[1] + e;
                return _e2(Float32.OP_MUL, _in(cm, 0, idx), _in(cm, 1, idx));
            }
            return _e2(Float32.OP_MUL, _ent(k - 1), _in(cm, 2, t));
        }
        // EMBED_GRAD: v = e div d, j = e mod d
        uint256 dd = d[1];
        if (r == 0) return _e2(Float32.OP_EQ, _in(cm, 1, t), _imm(Float32.u2f(e / dd)));
        return Entry(Float32.OP_SELECT, _in(cm, 0, t * dd + e % dd), _imm(0), _ent(k - 1));
    }

    function _rmsNormGradX(uint256[4] memory d, uint256 cm, uint256 e, uint256 k) private pure returns (Entry memory) {
        uint256 n = d[1];
        uint256 i = e / n;
        if (k == 0) return _e2(Float32.OP_MUL, _in(cm, 0, e), _in(cm, 3, e % n));
        if (k == 1) return _e2(Float32.OP_MUL, _ent(0), _in(cm, 2, i));
        if (k == 2) return _e2(Float32.OP_MUL, _in(cm, 2, i), _in(cm, 2, i));
        if (k == 3) return _e2(Float32.OP_MUL, _ent(2), _in(cm, 2, i));
        if (k == 4) return _e2(Float32.OP_MUL, _in(cm, 4, i), _ent(3));
        if (k == 5) return _e2(Float32.OP_DIV, _ent(4), _imm(Float32.u2f(n)));
        if (k == 6) return _e2(Float32.OP_MUL, _in(cm, 1, e), _ent(5));
        return _e2(Float32.OP_SUB, _ent(1), _ent(6));
    }

    /// @dev SiLU (x/(1+exp(-x))) and SiLUGrad (dy*s*(1+x*(1-s)), s the sigmoid).
    function _silu(uint8 op, uint256 cm, uint256 e, uint256 k) private pure returns (Entry memory) {
        uint256 xs = op == SILU ? 0 : 1; // the slot of x
        if (k == 0) return Entry(Float32.OP_NEG, _in(cm, xs, e), 0, 0);
        if (k < 25) return _exp(k - 1, _ent(0), 1);
        if (k == 25) return _e2(Float32.OP_ADD, _imm(ONE), _ent(24));
        if (op == SILU) return _e2(Float32.OP_DIV, _in(cm, 0, e), _ent(25));
        if (k == 26) return _e2(Float32.OP_DIV, _imm(ONE), _ent(25));
        if (k == 27) return _e2(Float32.OP_SUB, _imm(ONE), _ent(26));
        if (k == 28) return _e2(Float32.OP_MUL, _in(cm, 1, e), _ent(27));
        if (k == 29) return _e2(Float32.OP_ADD, _imm(ONE), _ent(28));
        if (k == 30) return _e2(Float32.OP_MUL, _ent(26), _ent(29));
        return _e2(Float32.OP_MUL, _in(cm, 0, e), _ent(30));
    }

    function _adamWParam(uint256 cm, uint256 e, uint256 k) private pure returns (Entry memory) {
        if (k == 0) return _e2(Float32.OP_SUB, _imm(ONE), _in(cm, 3, 0));
        if (k == 1) return _e2(Float32.OP_DIV, _in(cm, 1, e), _ent(0));
        if (k == 2) return _e2(Float32.OP_SUB, _imm(ONE), _in(cm, 4, 0));
        if (k == 3) return _e2(Float32.OP_DIV, _in(cm, 2, e), _ent(2));
        if (k == 4) return Entry(Float32.OP_SQRT, _ent(3), 0, 0);
        if (k == 5) return _e2(Float32.OP_ADD, _ent(4), _in(cm, 6, 0));
        if (k == 6) return _e2(Float32.OP_MUL, _in(cm, 5, 0), _ent(1));
        if (k == 7) return _e2(Float32.OP_DIV, _ent(6), _ent(5));
        if (k == 8) return _e2(Float32.OP_MUL, _in(cm, 5, 0), _in(cm, 7, 0));
        if (k == 9) return _e2(Float32.OP_MUL, _ent(8), _in(cm, 0, e));
        if (k == 10) return _e2(Float32.OP_SUB, _in(cm, 0, e), _ent(9));
        return _e2(Float32.OP_SUB, _ent(10), _ent(7));
    }

    /// @dev attrs: lrWord, warmWord, totalWord, spanWord.
    function _lrSchedule(uint32[] memory attrs, uint256 cm, uint256 k) private pure returns (Entry memory) {
        if (k == 0) return Entry(Float32.OP_U2F, _in(cm, 0, 0), 0, 0);
        if (k == 1) return _e2(Float32.OP_ADD, _ent(0), _imm(ONE));
        if (k == 2) return _e2(Float32.OP_DIV, _ent(1), _imm(attrs[1]));
        if (k == 3) return _e2(Float32.OP_SUB, _imm(attrs[2]), _ent(0));
        if (k == 4) return _e2(Float32.OP_DIV, _ent(3), _imm(attrs[3]));
        if (k == 5) return _e2(Float32.OP_MIN, _ent(2), _ent(4));
        if (k == 6) return _e2(Float32.OP_MAX, _ent(5), _imm(0));
        return _e2(Float32.OP_MUL, _ent(6), _imm(attrs[0]));
    }

    /*//////////////////////////////////////////////////////////////
                           EXP AND LOG PROGRAMS
    //////////////////////////////////////////////////////////////*/

    /// @dev Entry j (0..23) of the exp program on operand x, whose entries
    /// start at absolute index base.
    function _exp(uint256 j, uint256 x, uint256 base) private pure returns (Entry memory) {
        if (j == 0) return _e2(Float32.OP_MAX, x, _imm(0xC2D00000));
        if (j == 1) return _e2(Float32.OP_MIN, _ent(base), _imm(0x42B20000));
        if (j == 2) return _e2(Float32.OP_MUL, _ent(base + 1), _imm(0x3FB8AA3B));
        if (j == 3) return _e2(Float32.OP_ADD, _ent(base + 2), _imm(0x4B400000));
        if (j == 4) return _e2(Float32.OP_SUB, _ent(base + 3), _imm(0x4B400000));
        if (j == 5) return Entry(Float32.OP_FMA, _ent(base + 4), _imm(0xBF317218), _ent(base + 1));
        if (j == 6) return Entry(Float32.OP_FMA, _ent(base + 4), _imm(0x3102E308), _ent(base + 5));
        if (j == 7) return Entry(Float32.OP_FMA, _imm(0x39500D01), _ent(base + 6), _imm(0x3AB60B61));
        if (j < 14) {
            // coefficients 1/120, 1/24, 1/6, 1/2, 1, 1 for j = 8..13
            uint256 c = (0x3C0888893D2AAAAB3E2AAAAB3F0000003F8000003F800000 >> (32 * (13 - j))) & 0xFFFFFFFF;
            return Entry(Float32.OP_FMA, _ent(base + j - 1), _ent(base + 6), _imm(c));
        }
        if (j == 14) return Entry(Float32.OP_F2I, _ent(base + 4), 0, 0);
        if (j == 15) return _e2(Float32.OP_IADD, _ent(base + 14), _imm(256));
        if (j == 16) return _e2(Float32.OP_SHR, _ent(base + 15), _imm(1));
        if (j == 17) return _e2(Float32.OP_ISUB, _ent(base + 16), _imm(1));
        if (j == 18) return _e2(Float32.OP_SHL, _ent(base + 17), _imm(23));
        if (j == 19) return _e2(Float32.OP_IADD, _ent(base + 14), _imm(255));
        if (j == 20) return _e2(Float32.OP_ISUB, _ent(base + 19), _ent(base + 16));
        if (j == 21) return _e2(Float32.OP_SHL, _ent(base + 20), _imm(23));
        if (j == 22) return _e2(Float32.OP_MUL, _ent(base + 13), _ent(base + 18));
        return _e2(Float32.OP_MUL, _ent(base + 22), _ent(base + 21));
    }

    /// @dev Entry j (0..39) of the log program on operand x, whose entries
    /// start at absolute index base.
    function _log(uint256 j, uint256 x, uint256 base) private pure returns (Entry memory) {
        if (j < 18) {
            if (j == 0) return _e2(Float32.OP_LT, x, _imm(0x00800000));
            if (j == 1) return _e2(Float32.OP_MUL, x, _imm(0x4B000000));
            if (j == 2) return Entry(Float32.OP_SELECT, _ent(base + 1), x, _ent(base));
            if (j == 3) return _e2(Float32.OP_SHR, _ent(base + 2), _imm(23));
            if (j == 4) return Entry(Float32.OP_SELECT, _imm(150), _imm(127), _ent(base));
            if (j == 5) return _e2(Float32.OP_ISUB, _ent(base + 3), _ent(base + 4));
            if (j == 6) return _e2(Float32.OP_AND, _ent(base + 2), _imm(0x007FFFFF));
            if (j == 7) return _e2(Float32.OP_OR, _ent(base + 6), _imm(ONE));
            if (j == 8) return _e2(Float32.OP_LT, _imm(0x3FB504F3), _ent(base + 7));
            if (j == 9) return _e2(Float32.OP_MUL, _ent(base + 7), _imm(0x3F000000));
            if (j == 10) return Entry(Float32.OP_SELECT, _ent(base + 9), _ent(base + 7), _ent(base + 8));
            if (j == 11) return _e2(Float32.OP_IADD, _ent(base + 5), _ent(base + 8));
            if (j == 12) return _e2(Float32.OP_SUB, _ent(base + 10), _imm(ONE));
            if (j == 13) return _e2(Float32.OP_MUL, _imm(0x3F000000), _ent(base + 12));
            if (j == 14) return _e2(Float32.OP_MUL, _ent(base + 13), _ent(base + 12));
            if (j == 15) return _e2(Float32.OP_ADD, _imm(0x40000000), _ent(base + 12));
            if (j == 16) return _e2(Float32.OP_DIV, _ent(base + 12), _ent(base + 15));
            return _e2(Float32.OP_MUL, _ent(base + 16), _ent(base + 16));
        }
        if (j == 18) return Entry(Float32.OP_FMA, _imm(0x3E178897), _ent(base + 17), _imm(0x3E1CD04F));
        if (j < 24) {
            // Lg5, Lg4, Lg3, Lg2, Lg1 for j = 19..23
            uint256 c = (uint256(0x003E3A33253E638E293E9249253ECCCCCD3F2AAAAB) >> (32 * (23 - j))) & 0xFFFFFFFF;
            return Entry(Float32.OP_FMA, _ent(base + j - 1), _ent(base + 17), _imm(c));
        }
        if (j == 24) return _e2(Float32.OP_MUL, _ent(base + 23), _ent(base + 17));
        if (j == 25) return Entry(Float32.OP_I2F, _ent(base + 11), 0, 0);
        if (j == 26) return _e2(Float32.OP_ADD, _ent(base + 14), _ent(base + 24));
        if (j == 27) return _e2(Float32.OP_MUL, _ent(base + 16), _ent(base + 26));
        if (j == 28) return Entry(Float32.OP_FMA, _ent(base + 25), _imm(0x3717F7D1), _ent(base + 27));
        if (j == 29) return _e2(Float32.OP_SUB, _ent(base + 14), _ent(base + 28));
        if (j == 30) return _e2(Float32.OP_SUB, _ent(base + 12), _ent(base + 29));
        if (j == 31) return Entry(Float32.OP_FMA, _ent(base + 25), _imm(0x3F317180), _ent(base + 30));
        if (j == 32) return _e2(Float32.OP_EQ, x, _imm(0x7F800000));
        if (j == 33) return Entry(Float32.OP_SELECT, x, _ent(base + 31), _ent(base + 32));
        if (j == 34) return _e2(Float32.OP_EQ, x, _imm(0));
        if (j == 35) return Entry(Float32.OP_SELECT, _imm(NEG_INF), _ent(base + 33), _ent(base + 34));
        if (j == 36) return _e2(Float32.OP_LT, x, _imm(0));
        if (j == 37) return Entry(Float32.OP_SELECT, _imm(0x7FC00000), _ent(base + 35), _ent(base + 36));
        if (j == 38) return _e2(Float32.OP_EQ, x, x);
        return Entry(Float32.OP_SELECT, _ent(base + 37), _imm(0x7FC00000), _ent(base + 38));
    }

    /*//////////////////////////////////////////////////////////////
                               HELPERS
    //////////////////////////////////////////////////////////////*/

    function _pack(uint256 kind, uint256 slot, uint256 ref) private pure returns (uint256) {
        return (kind << 40) | (slot << 32) | ref;
    }

    function _imm(uint256 w) private pure returns (uint256) {
        return (KIND_IMM << 40) | w;
    }

    function _ent(uint256 k) private pure returns (uint256) {
        return (KIND_ENTRY << 40) | k;
    }

    /// @dev Element idx of input slot, or the constant if that input is a graph constant.
    function _in(uint256 constMask, uint256 slot, uint256 idx) private pure returns (uint256) {
        if ((constMask >> slot) & 1 == 1) return _pack(KIND_CONST, slot, 0);
        if (idx > type(uint32).max) revert BadOperands(0); // only for shapes no graph can have
        return _pack(KIND_INPUT, slot, idx);
    }

    function _e2(uint256 prim, uint256 a, uint256 b) private pure returns (Entry memory) {
        return Entry(prim, a, b, 0);
    }

    /// @dev Step t of a sequential sum of x values: ADD(t == 0 ? #-0 : e_{t-1}, x).
    function _sum(uint256 t, uint256 x) private pure returns (Entry memory) {
        return _e2(Float32.OP_ADD, t == 0 ? _imm(NEG_ZERO) : _ent(t - 1), x);
    }

    function _numel(uint32[] memory s) private pure returns (uint256 n) {
        n = 1;
        for (uint256 i; i < s.length; ++i) {
            n *= s[i];
        }
    }

    /// @dev (m, n, k, _) of a matrix product form (repops matDims).
    function _matDims(uint8 op, uint32[][] memory s) private pure returns (uint256 m, uint256 n, uint256 k, uint256) {
        if (op == MATMUL) return (s[0][0], s[1][1], s[0][1], 0);
        if (op == MATMUL_TN) return (s[0][1], s[1][1], s[0][0], 0);
        return (s[0][0], s[1][0], s[0][1], 0);
    }

    /// @dev The shape ranks each operator relies on (repops OutShape checks
    /// the rest when the graph is built; the graph root fixes the shapes).
    function _checkShapes(uint8 op, uint32[] memory attrs, uint32[][] memory shapes) private pure {
        uint256 ar = arity(op);
        if (ar == 0) revert UnknownOperator(op);
        if (shapes.length != ar) revert BadOperands(op);
        if (op <= MATMUL_NT) {
            if (shapes[0].length != 2 || shapes[1].length != 2) revert BadOperands(op);
            (uint256 m, uint256 n, uint256 k,) = _matDims(op, shapes);
            uint256 k2 = op == MATMUL || op == MATMUL_TN ? shapes[1][0] : shapes[1][1];
            if (k != k2 || k == 0 || m == 0 || n == 0) revert BadOperands(op);
        } else if (op == BIAS_ADD) {
            if (shapes[1].length != 1 || shapes[1][0] == 0) revert BadOperands(op);
        } else if (op == COL_SUM || op == LOG_SUM_EXP || op == XENT_LOSS || op == XENT_GRAD) {
            if (shapes[0].length != 2 || shapes[0][0] == 0 || shapes[0][1] == 0) revert BadOperands(op);
        } else if (op == BATCH_INDEX) {
            if (attrs.length != 3) revert BadOperands(op);
        } else if (op == GATHER) {
            if (shapes[0].length != 1 && shapes[0].length != 2) revert BadOperands(op);
            if (shapes[0].length == 2 && shapes[0][1] == 0) revert BadOperands(op);
        } else if (op == MEAN) {
            if (_numel(shapes[0]) == 0) revert BadOperands(op);
        } else if (op == ADAM_MOMENT) {
            if (attrs.length != 1) revert BadOperands(op);
        }
    }
}
