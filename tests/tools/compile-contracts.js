// Compiles tests/contracts/*.sol with solc-js and writes one <Contract>.json per
// contract (abi, bytecode, methodIdentifiers) into the folder given as argument.
// Output is deterministic: sorted inputs, sorted keys, no metadata hash, so the
// same sources always give byte-identical artifacts.
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node compile-contracts.js <output-folder>');
  process.exit(2);
}

const contractsDir = path.resolve(__dirname, '..', 'contracts');
const sources = {};
for (const file of fs.readdirSync(contractsDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(contractsDir, file), 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    metadata: { bytecodeHash: 'none', appendCBOR: false },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.methodIdentifiers'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
for (const file of Object.keys(output.contracts).sort()) {
  for (const name of Object.keys(output.contracts[file]).sort()) {
    const c = output.contracts[file][name];
    const artifact = sortKeys({
      contractName: name,
      sourceFile: file,
      compiler: solc.version(),
      abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
      methodIdentifiers: c.evm.methodIdentifiers,
    });
    fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(artifact, null, 2) + '\n');
    console.log(`${name} -> ${path.join(outDir, name + '.json')}`);
  }
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}
