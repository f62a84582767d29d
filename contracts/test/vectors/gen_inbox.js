#!/usr/bin/env node
// Generates contracts/test/vectors/inbox.json: the CommitmentInbox encodings (entry, leaf, Merkle tree, proofs,
// EIP-712 digest and signature) computed independently of the Solidity code, with js-sha3 (keccak256) and
// `cast wallet sign` (secp256k1). The forge tests (CommitmentInbox.t.sol) and the Go sequencer check this file.
//
//   node contracts/test/vectors/gen_inbox.js > contracts/test/vectors/inbox.json
'use strict';
const path = require('path');
const { execFileSync } = require('child_process');
const { keccak256 } = require(path.join(__dirname, '..', '..', '..', 'node_modules', 'js-sha3'));

const hex = (b) => '0x' + Buffer.from(b).toString('hex');
const buf = (h) => Buffer.from(h.replace(/^0x/, ''), 'hex');
const k = (...parts) => Buffer.from(keccak256.arrayBuffer(Buffer.concat(parts)));
const be = (n, bytes) => {
  const b = Buffer.alloc(bytes);
  let v = BigInt(n);
  for (let i = bytes - 1; i >= 0; i--) { b[i] = Number(v & 0xffn); v >>= 8n; }
  return b;
};
const word = (n) => be(n, 32);
const addrWord = (a) => Buffer.concat([Buffer.alloc(12), buf(a)]);

// Fixed inputs. The key is anvil's well-known test account #1 (never use it for real funds).
const chainId = 31337;
const verifyingContract = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const privateKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const worker = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const other = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

// The last entry repeats the second in round 2: the same claim of another assignment round is another entry.
const commitments = [
  { jobId: 1, round: 1, checkpoint: 0, stateRoot: hex(k(Buffer.from('state 0'))), worker },
  { jobId: 1, round: 1, checkpoint: 1, stateRoot: hex(k(Buffer.from('state 1'))), worker },
  { jobId: 1, round: 1, checkpoint: 2, stateRoot: hex(k(Buffer.from('state 2'))), worker },
  { jobId: 7, round: 4294967295, checkpoint: 4294967295, stateRoot: hex(k(Buffer.from('state max'))), worker: other },
  { jobId: '18446744073709551615', round: 3, checkpoint: 3, stateRoot: hex(k(Buffer.from('job max'))), worker },
  { jobId: 1, round: 2, checkpoint: 1, stateRoot: hex(k(Buffer.from('state 1'))), worker },
];

// 68 bytes: abi.encodePacked(uint64 jobId, uint32 round, uint32 checkpoint, bytes32 stateRoot, address worker).
const encodeEntry = (c) =>
  Buffer.concat([be(c.jobId, 8), be(c.round, 4), be(c.checkpoint, 4), buf(c.stateRoot), buf(c.worker)]);
const leafOf = (entry) => k(Buffer.from([0x00]), entry);
const nodeOf = (l, r) => k(Buffer.from([0x01]), l, r);

function levels(leaves) {
  const out = [leaves];
  let cur = leaves;
  while (cur.length > 1) {
    const next = [];
    for (let i = 0; i + 1 < cur.length; i += 2) next.push(nodeOf(cur[i], cur[i + 1]));
    if (cur.length % 2 === 1) next.push(cur[cur.length - 1]);
    out.push(next);
    cur = next;
  }
  return out;
}
const rootOf = (leaves) => { const l = levels(leaves); return l[l.length - 1][0]; };
function proofOf(leaves, index) {
  const proof = [];
  let i = index;
  for (const level of levels(leaves).slice(0, -1)) {
    const sib = i ^ 1;
    if (sib < level.length) proof.push(hex(level[sib]));
    i >>= 1;
  }
  return proof;
}

const entries = commitments.map(encodeEntry);
const leaves = entries.map(leafOf);

// EIP-712.
const domainTypehash = k(Buffer.from('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'));
const domainSeparator = k(domainTypehash, k(Buffer.from('gensyn')), k(Buffer.from('1')), word(chainId), addrWord(verifyingContract));
const commitmentType = 'Commitment(uint64 jobId,uint32 round,uint32 checkpoint,bytes32 stateRoot,address worker)';
const typehash = k(Buffer.from(commitmentType));
const c0 = commitments[1];
const structHash = k(typehash, word(c0.jobId), word(c0.round), word(c0.checkpoint), buf(c0.stateRoot), addrWord(c0.worker));
const digest = k(Buffer.from([0x19, 0x01]), domainSeparator, structHash);

const cast = path.join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'cast');
const signature = execFileSync(cast, ['wallet', 'sign', '--no-hash', '--private-key', privateKey, hex(digest)]).toString().trim();
// Cross-check the digest with cast's own EIP-712 implementation: both signatures must be equal.
const typed = {
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' }, { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' },
    ],
    Commitment: [
      { name: 'jobId', type: 'uint64' }, { name: 'round', type: 'uint32' }, { name: 'checkpoint', type: 'uint32' },
      { name: 'stateRoot', type: 'bytes32' }, { name: 'worker', type: 'address' },
    ],
  },
  primaryType: 'Commitment',
  domain: { name: 'gensyn', version: '1', chainId, verifyingContract },
  message: { jobId: c0.jobId, round: c0.round, checkpoint: c0.checkpoint, stateRoot: c0.stateRoot, worker: c0.worker },
};
const typedSig = execFileSync(cast, ['wallet', 'sign', '--data', '--private-key', privateKey, JSON.stringify(typed)]).toString().trim();
if (typedSig !== signature) throw new Error('cast EIP-712 signature differs: ' + typedSig + ' vs ' + signature);

const out = {
  description: 'CommitmentInbox encodings; see docs/contracts.md. Generated by contracts/test/vectors/gen_inbox.js.',
  chainId,
  verifyingContract,
  domainName: 'gensyn',
  domainVersion: '1',
  domainSeparator: hex(domainSeparator),
  commitmentType,
  commitmentTypehash: hex(typehash),
  commitments: commitments.map((c, i) => ({
    jobId: String(c.jobId),
    round: c.round,
    checkpoint: c.checkpoint,
    stateRoot: c.stateRoot,
    worker: c.worker,
    entry: hex(entries[i]),
    leaf: hex(leaves[i]),
  })),
  batch: hex(Buffer.concat(entries)),
  root: hex(rootOf(leaves)),
  prefixRoots: leaves.map((_, i) => hex(rootOf(leaves.slice(0, i + 1)))),
  proofs: leaves.map((_, i) => ({ index: i, proof: proofOf(leaves, i) })),
  signed: {
    index: 1,
    privateKey,
    signer: worker,
    structHash: hex(structHash),
    digest: hex(digest),
    signature,
  },
};
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
