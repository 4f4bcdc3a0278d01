// Compiles tests/contracts/*.sol with solc-js and writes one <Contract>.json per
// contract (abi, bytecode, methodIdentifiers, eventTopics) into the folder given as
// argument, beside the same shape for the published contracts the tests deploy as
// they are (Safe 1.4.1, WETH9). Output is deterministic: sorted inputs, sorted
// keys, no metadata hash, so the same sources always give byte-identical artifacts.
'use strict';

const fs = require('fs');
const path = require('path');
const { keccak256 } = require('js-sha3');
const solc = require('solc');

// Published builds, deployed byte for byte as their packages ship them.
const published = [
  '@safe-global/safe-contracts/build/artifacts/contracts/Safe.sol/Safe.json',
  '@safe-global/safe-contracts/build/artifacts/contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json',
  '@safe-global/safe-contracts/build/artifacts/contracts/libraries/MultiSend.sol/MultiSend.json',
  'canonical-weth/build/contracts/WETH9.json',
];

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
      eventTopics: eventTopics(c.abi),
    });
    write(name, artifact);
  }
}

for (const file of published) {
  const build = JSON.parse(fs.readFileSync(require.resolve(file), 'utf8'));
  const pkg = file.startsWith('@') ? file.split('/').slice(0, 2).join('/') : file.split('/')[0];
  write(build.contractName, sortKeys({
    contractName: build.contractName,
    sourceFile: file,
    compiler: `${pkg} ${require(pkg + '/package.json').version}`,
    abi: build.abi,
    bytecode: build.bytecode,
    methodIdentifiers: methodIdentifiers(build.abi),
    eventTopics: eventTopics(build.abi),
  }));
}

function write(name, artifact) {
  fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(artifact, null, 2) + '\n');
  console.log(`${name} -> ${path.join(outDir, name + '.json')}`);
}

// The same map solc's evm.methodIdentifiers gives: canonical signature -> 4-byte selector.
function methodIdentifiers(abi) {
  return Object.fromEntries(abi.filter((e) => e.type === 'function')
    .map((e) => [signature(e), keccak256(signature(e)).slice(0, 8)]));
}

// Canonical event signature -> topic0, 0x-prefixed.
function eventTopics(abi) {
  return Object.fromEntries(abi.filter((e) => e.type === 'event' && !e.anonymous)
    .map((e) => [signature(e), '0x' + keccak256(signature(e))]));
}

function signature(entry) {
  return `${entry.name}(${entry.inputs.map(canonicalType).join(',')})`;
}

function canonicalType(input) {
  if (!input.type.startsWith('tuple')) return input.type;
  return `(${input.components.map(canonicalType).join(',')})${input.type.slice('tuple'.length)}`;
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}
