import "dotenv/config";
import { extendProvider, subtask } from "hardhat/config";
import {
  TASK_COMPILE_SOLIDITY_GET_COMPILATION_JOBS,
  TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD,
  TASK_TEST_GET_TEST_FILES,
} from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/config";
// The plugins of @nomicfoundation/hardhat-toolbox this project uses, imported one by one: the toolbox also loads
// hardhat-ignition-ethers and hardhat-gas-reporter (viem, ignition-core, axios), which nothing here runs, and every
// command that loads Hardhat paid for them (measured: 1.35 s of CPU to load Hardhat with the toolbox, 0.9 s without).
import type {} from "@nomicfoundation/hardhat-chai-matchers"; // its chai types; loaded below, outside commands
import "@nomicfoundation/hardhat-ethers";
import "@nomicfoundation/hardhat-verify";
import "@typechain/hardhat";
import "@openzeppelin/hardhat-upgrades";
import path from "node:path";

import { SolcVersionMismatchError, assertInstalledSolc, resolveSolcJsBuild } from "./tools/solc";
import { orderTestFiles } from "./tools/test-order";

/**
 * A command (`npm run <command>`: the main module is a script of scripts/) runs no tests and no coverage: the chai
 * matchers and solidity-coverage (its `coverage` task) are left out of its load, 90 ms of CPU per command (measured:
 * loading Hardhat 0.45 s with them, 0.36 s without). Tests, the Hardhat CLI and everything else load them.
 */
const runsACommand = require.main?.filename.startsWith(path.join(__dirname, "scripts") + path.sep) === true;
if (!runsACommand) {
  // a plugin is loaded for its side effects (tasks, chai extensions); a conditional one can only be required
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("@nomicfoundation/hardhat-chai-matchers");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("solidity-coverage");
}
import {
  LOCALHOST_RPC_DEFAULT,
  MissingNetworkVariablesError,
  PUBLIC_NETWORKS,
  assertNetworkUsable,
  publicNetworkConfig,
} from "./src/chain/networks";

/**
 * The one Solidity compiler version of this project. It must equal the version of the npm
 * package `solc` pinned in package.json: compilers are never downloaded (see tools/solc.ts).
 */
export const SOLC_VERSION = "0.8.28";

/**
 * EVM target: "cancun". Both target testnets execute it: Ethereum Sepolia activated Cancun
 * (Dencun) in January 2024 and has since moved past it, and BNB Smart Chain testnet enabled
 * the Cancun opcodes (MCOPY, TLOAD/TSTORE, BLOBHASH) with its Haber/Tycho upgrades in 2024.
 * Newer targets ("prague", "osaka") add nothing these contracts use and are not yet on every
 * BSC-compatible chain we may meet, so "cancun" is the newest target that runs on both.
 */
export const EVM_VERSION = "cancun";

const PLUGIN = "som-reserve";

/**
 * Our configuration errors are user mistakes, not bugs: print one clear line and exit non-zero.
 * (Hardhat 2 prints a stack trace for every error on Linux machines without a display, which
 * buries the message, so these two are reported here instead of being rethrown.)
 */
function asPluginError(err: unknown): never {
  if (err instanceof SolcVersionMismatchError || err instanceof MissingNetworkVariablesError) {
    console.error(`Error in plugin ${PLUGIN}: ${err.message}`);
    process.exit(1);
  }
  throw err;
}

// Checked before Hardhat groups sources into jobs: contracts with an exact pragma (`pragma solidity 0.8.28;`)
// would otherwise stop the compile with HH606 before the compiler is resolved, hiding the real cause.
subtask(TASK_COMPILE_SOLIDITY_GET_COMPILATION_JOBS).setAction(async (args, hre, runSuper) => {
  try {
    const versions = [...hre.config.solidity.compilers, ...Object.values(hre.config.solidity.overrides)].map(
      (c) => c.version,
    );
    for (const version of new Set(versions)) assertInstalledSolc(version, __dirname);
  } catch (err) {
    asPluginError(err);
  }
  return runSuper(args);
});

// The longest test files first: mocha's parallel workers take them in list order (tools/test-order.ts).
subtask(TASK_TEST_GET_TEST_FILES).setAction(async (args, _hre, runSuper) =>
  orderTestFiles((await runSuper(args)) as string[], __dirname),
);

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD).setAction(async ({ solcVersion }: { solcVersion: string }) => {
  try {
    return resolveSolcJsBuild(solcVersion, __dirname);
  } catch (err) {
    asPluginError(err);
  }
});

// A public network with missing variables fails on first provider use, naming them;
// provider-free tasks (compile, typechain, lint) keep working on it.
extendProvider(async (provider, _config, networkName) => {
  try {
    assertNetworkUsable(networkName, process.env);
  } catch (err) {
    asPluginError(err);
  }
  return provider;
});

const publicNetworks = Object.fromEntries(
  PUBLIC_NETWORKS.map((spec) => [spec.name, publicNetworkConfig(spec, process.env)]),
);

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: 10_000 },
    },
  },
  defaultNetwork: "hardhat",
  networks: {
    hardhat: {},
    // LOCALHOST_RPC_URL lets tests point "localhost" at a node on another loopback port.
    // gas "auto", written out: left unset, hardhat-ethers gives every transaction to a node that answers
    // hardhat_metadata (Hardhat's node, and anvil too) a fixed gas limit without estimating it, so a call that reverts
    // is sent, mined and paid for (anvil: status 0; Hardhat's node: an error after mining). Estimated, it is refused
    // before anything is sent, on every node.
    localhost: { url: process.env.LOCALHOST_RPC_URL || LOCALHOST_RPC_DEFAULT, chainId: 31337, gas: "auto" },
    ...publicNetworks,
  },
  paths: {
    sources: "./contracts",
    tests: "./test",
    cache: "./cache",
    artifacts: "./artifacts",
  },
  typechain: { outDir: "typechain-types", target: "ethers-v6" },
  // `npm test` runs the files in three worker processes (`--parallel`), the longest first (tools/test-order.ts):
  // many files wait on child processes, nodes and real time, and a third worker fills those waits on two cores
  // (measured on 2 quiet cores: 6 min 32 s with two workers in file-name order, 5 min 39 s with two workers longest
  // first, 5 min 21 s with three); coverage runs them in one.
  // Each worker loads the test files through Hardhat's ts-node with swc (test/helpers/swc-register.js) and
  // memoizes package resolution (test/helpers/resolve-cache.js); `require` is read by the parallel workers only.
  mocha: {
    timeout: 300_000,
    jobs: 3,
    require: [`${__dirname}/test/helpers/swc-register.js`, `${__dirname}/test/helpers/resolve-cache.js`],
  },
  etherscan: {
    apiKey: process.env.ETHERSCAN_API_KEY ?? "",
  },
  sourcify: { enabled: false },
};

export default config;
