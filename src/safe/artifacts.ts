/**
 * Safe v1.4.1 as shipped: compiled artifacts from `@safe-global/safe-contracts@1.4.1` (never recompiled)
 * and the canonical addresses / runtime code hashes from `@safe-global/safe-deployments`.
 * Both are read from node_modules only: nothing here needs a network.
 */
import { keccak256 } from "ethers";
import type { InterfaceAbi } from "ethers";
import {
  getCompatibilityFallbackHandlerDeployment,
  getMultiSendCallOnlyDeployment,
  getProxyFactoryDeployment,
  getSafeL2SingletonDeployment,
  getSafeSingletonDeployment,
} from "@safe-global/safe-deployments";
import type { DeploymentFilter, SingletonDeployment } from "@safe-global/safe-deployments";
import { UserError } from "../chain";

export const SAFE_VERSION = "1.4.1";

/** The Safe contracts this project deploys locally and resolves on testnets. */
export type SafeContractName =
  "Safe" | "SafeL2" | "SafeProxyFactory" | "CompatibilityFallbackHandler" | "MultiSendCallOnly";
export type SingletonName = "Safe" | "SafeL2";

export const SAFE_CONTRACT_NAMES: readonly SafeContractName[] = [
  "Safe",
  "SafeL2",
  "SafeProxyFactory",
  "CompatibilityFallbackHandler",
  "MultiSendCallOnly",
];

/**
 * Chains where the Safe contracts are deployed by us from the artifacts (at their canonical addresses,
 * through the Safe singleton factory): the in-process Hardhat chain and a local `hardhat node`.
 */
export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 1337];

const ARTIFACT_PATHS: Record<SafeContractName, string> = {
  Safe: "Safe.sol/Safe.json",
  SafeL2: "SafeL2.sol/SafeL2.json",
  SafeProxyFactory: "proxies/SafeProxyFactory.sol/SafeProxyFactory.json",
  CompatibilityFallbackHandler: "handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json",
  MultiSendCallOnly: "libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json",
};

const DEPLOYMENT_GETTERS: Record<SafeContractName, (filter?: DeploymentFilter) => SingletonDeployment | undefined> = {
  Safe: getSafeSingletonDeployment,
  SafeL2: getSafeL2SingletonDeployment,
  SafeProxyFactory: getProxyFactoryDeployment,
  CompatibilityFallbackHandler: getCompatibilityFallbackHandlerDeployment,
  MultiSendCallOnly: getMultiSendCallOnlyDeployment,
};

export class SafeArtifactError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "SafeArtifactError";
  }
}

/** A Hardhat artifact as shipped in the npm package. */
export interface SafeArtifact {
  contractName: string;
  abi: InterfaceAbi;
  /** Creation code (constructor included). */
  bytecode: string;
  /** Runtime code; its keccak256 is the canonical code hash. */
  deployedBytecode: string;
}

const artifactCache = new Map<SafeContractName, SafeArtifact>();

/** Loads the shipped artifact of `name` from `@safe-global/safe-contracts/build/artifacts/contracts/`. */
export function loadSafeArtifact(name: SafeContractName): SafeArtifact {
  const cached = artifactCache.get(name);
  if (cached) return cached;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const raw = require(`@safe-global/safe-contracts/build/artifacts/contracts/${ARTIFACT_PATHS[name]}`) as SafeArtifact;
  if (raw.contractName !== name) throw new SafeArtifactError(`artifact for ${name} names ${raw.contractName}`);
  const artifact = {
    contractName: raw.contractName,
    abi: raw.abi,
    bytecode: raw.bytecode,
    deployedBytecode: raw.deployedBytecode,
  };
  artifactCache.set(name, artifact);
  return artifact;
}

/** keccak256 of the artifact's runtime code (equals the on-chain EXTCODEHASH of a deployment). */
export function artifactCodeHash(name: SafeContractName): string {
  return keccak256(loadSafeArtifact(name).deployedBytecode);
}

/** Canonical deployment of `name` v1.4.1 in @safe-global/safe-deployments. */
export function canonicalDeployment(name: SafeContractName): SingletonDeployment {
  const dep = DEPLOYMENT_GETTERS[name]({ version: SAFE_VERSION, released: true });
  if (!dep) throw new SafeArtifactError(`@safe-global/safe-deployments has no ${name} v${SAFE_VERSION}`);
  return dep;
}

/** The canonical (multi-chain) address and runtime code hash of `name`. */
export function canonicalAddressAndHash(name: SafeContractName): { address: string; codeHash: string } {
  const canonical = canonicalDeployment(name).deployments.canonical;
  if (!canonical)
    throw new SafeArtifactError(`@safe-global/safe-deployments lists no canonical ${name} v${SAFE_VERSION}`);
  return canonical;
}

/**
 * Address and code hash of `name` on `chainId`: the locally deployed canonical address on local chains,
 * the address listed in @safe-global/safe-deployments otherwise; undefined when the chain has none.
 */
export function deploymentForChain(
  name: SafeContractName,
  chainId: number,
): { address: string; codeHash: string } | undefined {
  if (LOCAL_CHAIN_IDS.includes(chainId)) return canonicalAddressAndHash(name);
  const dep = canonicalDeployment(name);
  const address = dep.networkAddresses[String(chainId)];
  if (address === undefined) return undefined;
  const entries = Object.values(dep.deployments) as { address: string; codeHash: string }[];
  const entry = entries.find((e) => e.address.toLowerCase() === address.toLowerCase());
  if (!entry)
    throw new SafeArtifactError(
      `@safe-global/safe-deployments lists ${name} at ${address} on chain ${chainId} without a code hash`,
    );
  return entry;
}
