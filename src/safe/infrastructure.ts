/**
 * Safe infrastructure: the Safe v1.4.1 contracts the reserve uses on one chain.
 *
 * Local chains (in-process Hardhat, `hardhat node`): the Safe v1.4.1 contracts are deployed from the shipped
 * artifacts through the Safe singleton factory with salt 0, exactly as Safe deploys them everywhere, so they
 * land at their canonical addresses (the factory itself is a stateless CREATE2 forwarder whose code is
 * installed with `hardhat_setCode`). Public chains: Safe is never redeployed; the canonical addresses from
 * @safe-global/safe-deployments are used and their code hashes checked. The reserve Safe itself: ./deploy.ts.
 */
import { ZeroHash, concat, getAddress, getCreate2Address, keccak256 } from "ethers";
import type { Provider, Signer } from "ethers";
import { UserError } from "../chain/errors";
import {
  LOCAL_CHAIN_IDS,
  SAFE_VERSION,
  canonicalAddressAndHash,
  deploymentForChain,
  loadSafeArtifact,
} from "./artifacts";
import type { SafeContractName, SingletonName } from "./artifacts";

/** Safe's singleton factory (a CREATE2 forwarder: calldata = salt ++ init code, returns the address). */
export const SAFE_SINGLETON_FACTORY = "0x914d7Fec6aaC8cd542e72Bca78B30650d45643d7";
/** Runtime code of the singleton factory (the deterministic-deployment-proxy). */
export const SAFE_SINGLETON_FACTORY_CODE =
  "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe036" +
  "01600081602082378035828234f58015156039578182fd5b8082525050506014600cf3";

/** A Safe that cannot be deployed or found as configured (a user-fixable problem). */
export class SafeDeploymentError extends UserError {}
/** Addresses of the Safe contracts the reserve uses on one chain. */
export interface SafeInfrastructure {
  chainId: number;
  singletonName: SingletonName;
  singleton: string;
  proxyFactory: string;
  multiSendCallOnly: string;
}

/** Raw JSON-RPC access (for `hardhat_setCode` on local chains). */
export type RpcSend = (method: string, params: unknown[]) => Promise<unknown>;

export function isLocalChain(chainId: number): boolean {
  return LOCAL_CHAIN_IDS.includes(chainId);
}

/** Checks that code exists at `address` and that its hash is the canonical one for `name`. */
export async function verifySafeCode(
  provider: Provider,
  name: SafeContractName,
  address: string,
  expectedHash: string,
): Promise<void> {
  const code = await provider.getCode(address);
  if (code === "0x") throw new SafeDeploymentError(`${name} v${SAFE_VERSION}: no code at ${address}`);
  const hash = keccak256(code);
  if (hash !== expectedHash.toLowerCase()) {
    throw new SafeDeploymentError(
      `${name} v${SAFE_VERSION} at ${address}: code hash ${hash} is not the canonical ${expectedHash}`,
    );
  }
}

/** Where a local Safe contract lands and the transaction data that creates it (Safe's singleton factory, salt 0). */
export function localSafeCreation(name: SafeContractName): { address: string; data: string } {
  const { address } = canonicalAddressAndHash(name);
  const artifact = loadSafeArtifact(name);
  if (getCreate2Address(SAFE_SINGLETON_FACTORY, ZeroHash, keccak256(artifact.bytecode)) !== getAddress(address)) {
    throw new SafeDeploymentError(`the shipped ${name} artifact does not deploy to the canonical address ${address}`);
  }
  return { address: getAddress(address), data: concat([ZeroHash, artifact.bytecode]) };
}

/**
 * Local chains only: deploys one Safe contract from the shipped artifact at its canonical address, or
 * finds it there; its code hash is checked either way. `transactionHash` is undefined when it was there.
 */
export async function deployLocalSafeContract(
  signer: Signer,
  rpc: RpcSend,
  name: SafeContractName,
  onSent?: (hash: string) => void,
): Promise<{ address: string; transactionHash?: string; blockNumber?: number }> {
  const provider = requireProvider(signer);
  const { chainId } = await provider.getNetwork();
  if (!isLocalChain(Number(chainId))) {
    throw new SafeDeploymentError(
      `chain ${chainId} is not a local chain: Safe is never redeployed there, use its canonical addresses`,
    );
  }
  if ((await provider.getCode(SAFE_SINGLETON_FACTORY)) === "0x") {
    await rpc("hardhat_setCode", [SAFE_SINGLETON_FACTORY, SAFE_SINGLETON_FACTORY_CODE]);
  }
  const { address, data } = localSafeCreation(name);
  let out: { address: string; transactionHash?: string; blockNumber?: number } = { address };
  if ((await provider.getCode(address)) === "0x") {
    const tx = await signer.sendTransaction({ to: SAFE_SINGLETON_FACTORY, data });
    onSent?.(tx.hash);
    const receipt = await tx.wait();
    if (!receipt || receipt.status !== 1) throw new SafeDeploymentError(`deploying ${name} failed (${tx.hash})`);
    out = { address, transactionHash: tx.hash, blockNumber: receipt.blockNumber };
  }
  await verifySafeCode(provider, name, address, canonicalAddressAndHash(name).codeHash);
  return out;
}

/**
 * Local chains only: deploys `names` from the shipped artifacts at their canonical addresses (skipping those
 * already there, after checking their code hash). Returns name -> deployment transaction hash (undefined if reused).
 */
export async function deployLocalSafeContracts(
  signer: Signer,
  rpc: RpcSend,
  names: readonly SafeContractName[],
): Promise<Map<SafeContractName, string | undefined>> {
  const txs = new Map<SafeContractName, string | undefined>();
  for (const name of names) txs.set(name, (await deployLocalSafeContract(signer, rpc, name)).transactionHash);
  return txs;
}

/**
 * The Safe contracts of `chainId` from @safe-global/safe-deployments, with code presence and code hash checked.
 * Throws a clear error when the chain has no canonical Safe v1.4.1 deployment.
 */
export async function resolveSafeInfrastructure(
  provider: Provider,
  singletonName: SingletonName = "Safe",
): Promise<SafeInfrastructure> {
  const chainId = Number((await provider.getNetwork()).chainId);
  const names: SafeContractName[] = [singletonName, "SafeProxyFactory", "MultiSendCallOnly"];
  const found = new Map<SafeContractName, string>();
  for (const name of names) {
    const dep = deploymentForChain(name, chainId);
    if (!dep) {
      throw new SafeDeploymentError(
        `chain ${chainId} has no canonical ${name} v${SAFE_VERSION} in @safe-global/safe-deployments; ` +
          "Safe is never redeployed on public chains: " +
          "use a chain Safe supports (e.g. Sepolia 11155111, BSC testnet 97)",
      );
    }
    await verifySafeCode(provider, name, dep.address, dep.codeHash);
    found.set(name, getAddress(dep.address));
  }
  return {
    chainId,
    singletonName,
    singleton: found.get(singletonName) as string,
    proxyFactory: found.get("SafeProxyFactory") as string,
    multiSendCallOnly: found.get("MultiSendCallOnly") as string,
  };
}

/** Local chains: deploys (or finds) the contracts; public chains: resolves the canonical ones. */
export async function ensureSafeInfrastructure(
  signer: Signer,
  rpc: RpcSend,
  singletonName: SingletonName = "Safe",
): Promise<SafeInfrastructure> {
  const provider = requireProvider(signer);
  const chainId = Number((await provider.getNetwork()).chainId);
  if (isLocalChain(chainId)) {
    await deployLocalSafeContracts(signer, rpc, [singletonName, "SafeProxyFactory", "MultiSendCallOnly"]);
  }
  return resolveSafeInfrastructure(provider, singletonName);
}

/** The signer's provider (a signer without one cannot deploy or check anything). */
export function requireProvider(signer: Signer): Provider {
  if (!signer.provider) throw new SafeDeploymentError("the signer has no provider");
  return signer.provider;
}
