#!/usr/bin/env node
// A solc command-line front for forge, backed by the pinned npm compiler.
//
// forge needs a local compiler (it cannot download one here). It calls the
// binary twice: `--version`, expecting a `Version: 0.8.N+commit.HASH.<platform>`
// line, and `--standard-json` with the compiler input on stdin. This script
// answers both through the JavaScript build of solc pinned in package.json.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '..', 'node_modules', 'solc'));

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  // solc.version() is "0.8.30+commit.73712a01.Emscripten.clang"; forge parses
  // the semver and the commit, so report it the way the native binary does.
  const v = solc.version().replace(/\.Emscripten\.clang$/, '.Linux.g++');
  process.stdout.write('solc, the solidity compiler commandline interface\nVersion: ' + v + '\n');
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write('solc wrapper: only --version and --standard-json are supported\n');
  process.exit(2);
}

// Imports are normally inlined by forge; resolve any stragglers from disk
// relative to the working directory and the include paths forge passes.
const roots = [process.cwd()];
for (let i = 0; i < args.length; i++) {
  if ((args[i] === '--base-path' || args[i] === '--include-path') && args[i + 1]) roots.push(args[++i]);
}
function findImports(p) {
  for (const r of roots) {
    const f = path.resolve(r, p);
    if (fs.existsSync(f)) return { contents: fs.readFileSync(f, 'utf8') };
  }
  return { error: 'File not found: ' + p };
}

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  process.stdout.write(solc.compile(input, { import: findImports }));
});
