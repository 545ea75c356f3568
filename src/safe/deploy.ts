/**
 * Safe infrastructure and the reserve Safe.
 *
 * Local chains (in-process Hardhat, `hardhat node`): the Safe v1.4.1 contracts are deployed from the shipped
 * artifacts through the Safe singleton factory with salt 0, exactly as Safe deploys them everywhere, so they
 * land at their canonical addresses (the factory itself is a stateless CREATE2 forwarder whose code is
 * installed with `hardhat_setCode`). Public chains: Safe is never redeployed; the canonical addresses from
 * @safe-global/safe-deployments are used and their code hashes checked.
 */
import {
  Contract,
  Interface,
  ZeroAddress,
  ZeroHash,
  concat,
  getAddress,
  getCreate2Address,
  keccak256,
  toBeHex,
  toUtf8Bytes,
  zeroPadValue,
} from "ethers";
import type { Provider, Signer } from "ethers";
import {
  LOCAL_CHAIN_IDS,
  SAFE_VERSION,
  artifactCodeHash,
  canonicalAddressAndHash,
  deploymentForChain,
  loadSafeArtifact,
} from "./artifacts";
import type { SafeContractName, SingletonName } from "./artifacts";
import { UserError } from "../common";

/** Safe's singleton factory (a CREATE2 forwarder: calldata = salt ++ init code, returns the address). */
export const SAFE_SINGLETON_FACTORY = "0x914d7Fec6aaC8cd542e72Bca78B30650d45643d7";
/** Runtime code of the singleton factory (the deterministic-deployment-proxy). */
export const SAFE_SINGLETON_FACTORY_CODE =
  "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3";
/** Storage slot of the fallback handler in a Safe: keccak256("fallback_manager.handler.address"). */
export const FALLBACK_HANDLER_SLOT = "0x6c9a6c4a39284e37ed1cf53d337577d14212a4870fb976a4366c693b939918d5";

export class SafeDeploymentError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "SafeDeploymentError";
  }
}

/** Addresses of the Safe contracts the reserve uses on one chain. */
export interface SafeInfrastructure {
  chainId: number;
  singletonName: SingletonName;
  singleton: string;
  proxyFactory: string;
  fallbackHandler: string;
  multiSendCallOnly: string;
}

/** Raw JSON-RPC access (for `hardhat_setCode` on local chains). */
export type RpcSend = (method: string, params: unknown[]) => Promise<unknown>;

export function isLocalChain(chainId: number): boolean {
  return LOCAL_CHAIN_IDS.includes(chainId);
}

/** Checks that code exists at `address` and that its hash is the canonical one for `name`. */
export async function verifySafeCode(provider: Provider, name: SafeContractName, address: string, expectedHash: string): Promise<void> {
  const code = await provider.getCode(address);
  if (code === "0x") throw new SafeDeploymentError(`${name} v${SAFE_VERSION}: no code at ${address}`);
  const hash = keccak256(code);
  if (hash !== expectedHash.toLowerCase()) {
    throw new SafeDeploymentError(`${name} v${SAFE_VERSION} at ${address}: code hash ${hash} is not the canonical ${expectedHash}`);
  }
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
  const provider = requireProvider(signer);
  const { chainId } = await provider.getNetwork();
  if (!isLocalChain(Number(chainId))) {
    throw new SafeDeploymentError(`chain ${chainId} is not a local chain: Safe is never redeployed there, use its canonical addresses`);
  }
  if ((await provider.getCode(SAFE_SINGLETON_FACTORY)) === "0x") {
    await rpc("hardhat_setCode", [SAFE_SINGLETON_FACTORY, SAFE_SINGLETON_FACTORY_CODE]);
  }
  const txs = new Map<SafeContractName, string | undefined>();
  for (const name of names) {
    const { address, codeHash } = canonicalAddressAndHash(name);
    const artifact = loadSafeArtifact(name);
    if (getCreate2Address(SAFE_SINGLETON_FACTORY, ZeroHash, keccak256(artifact.bytecode)) !== getAddress(address)) {
      throw new SafeDeploymentError(`the shipped ${name} artifact does not deploy to the canonical address ${address}`);
    }
    if ((await provider.getCode(address)) === "0x") {
      const tx = await signer.sendTransaction({ to: SAFE_SINGLETON_FACTORY, data: concat([ZeroHash, artifact.bytecode]) });
      const receipt = await tx.wait();
      if (!receipt || receipt.status !== 1) throw new SafeDeploymentError(`deploying ${name} failed (${tx.hash})`);
      txs.set(name, tx.hash);
    } else {
      txs.set(name, undefined);
    }
    await verifySafeCode(provider, name, address, codeHash);
  }
  return txs;
}

/**
 * The Safe contracts of `chainId` from @safe-global/safe-deployments, with code presence and code hash checked.
 * Throws a clear error when the chain has no canonical Safe v1.4.1 deployment.
 */
export async function resolveSafeInfrastructure(provider: Provider, singletonName: SingletonName = "Safe"): Promise<SafeInfrastructure> {
  const chainId = Number((await provider.getNetwork()).chainId);
  const names: SafeContractName[] = [singletonName, "SafeProxyFactory", "CompatibilityFallbackHandler", "MultiSendCallOnly"];
  const found = new Map<SafeContractName, string>();
  for (const name of names) {
    const dep = deploymentForChain(name, chainId);
    if (!dep) {
      throw new SafeDeploymentError(
        `chain ${chainId} has no canonical ${name} v${SAFE_VERSION} in @safe-global/safe-deployments; ` +
          "Safe is never redeployed on public chains: use a chain Safe supports (e.g. Sepolia 11155111, BSC testnet 97)",
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
    fallbackHandler: found.get("CompatibilityFallbackHandler") as string,
    multiSendCallOnly: found.get("MultiSendCallOnly") as string,
  };
}

/** Local chains: deploys (or finds) the contracts; public chains: resolves the canonical ones. */
export async function ensureSafeInfrastructure(signer: Signer, rpc: RpcSend, singletonName: SingletonName = "Safe"): Promise<SafeInfrastructure> {
  const provider = requireProvider(signer);
  const chainId = Number((await provider.getNetwork()).chainId);
  if (isLocalChain(chainId)) {
    await deployLocalSafeContracts(signer, rpc, [singletonName, "SafeProxyFactory", "CompatibilityFallbackHandler", "MultiSendCallOnly"]);
  }
  return resolveSafeInfrastructure(provider, singletonName);
}

export interface ReserveSafeConfig {
  owners: readonly string[];
  threshold: number;
  /** Deterministic salt: the same configuration and salt always give the same Safe address. */
  saltNonce: bigint;
}

/** Default salt nonce of a Safe labelled `label` (e.g. "ReserveSafe"). */
export function saltNonceFor(label: string): bigint {
  return BigInt(keccak256(toUtf8Bytes(`som-reserve:${label}`)));
}

/** Checks an owner set and threshold the way Safe's setup would, with readable errors. */
export function validateOwners(owners: readonly string[], threshold: number): string[] {
  if (owners.length === 0) throw new SafeDeploymentError("the Safe needs at least one owner");
  const checked = owners.map((o, i) => {
    try {
      return getAddress(o);
    } catch {
      throw new SafeDeploymentError(`owner #${i + 1} "${o}" is not an address`);
    }
  });
  const seen = new Set<string>();
  for (const o of checked) {
    if (o === ZeroAddress || o === "0x0000000000000000000000000000000000000001") throw new SafeDeploymentError(`owner ${o} is not allowed`);
    if (seen.has(o)) throw new SafeDeploymentError(`owner ${o} is listed twice`);
    seen.add(o);
  }
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > checked.length) {
    throw new SafeDeploymentError(`threshold ${threshold} must be between 1 and the number of owners (${checked.length})`);
  }
  return checked;
}

/**
 * A delegatecall the Safe makes once, inside `setup`, in its creation transaction. Only the canonical
 * MultiSendCallOnly is used here (its batch then runs as plain CALLs from the Safe), e.g. to accept
 * the admin role of contracts that began their admin transfer to the Safe's predicted address.
 */
export interface SetupCall {
  to: string;
  data: string;
}

/**
 * The `setup` call a new Safe proxy is initialised with (no module, no payment, compatibility fallback
 * handler, and optionally one {@link SetupCall}).
 */
export function safeSetupData(owners: readonly string[], threshold: number, fallbackHandler: string, setupCall?: SetupCall): string {
  const safe = new Interface(loadSafeArtifact("Safe").abi);
  return safe.encodeFunctionData("setup", [
    owners,
    threshold,
    setupCall?.to ?? ZeroAddress,
    setupCall?.data ?? "0x",
    fallbackHandler,
    ZeroAddress,
    0,
    ZeroAddress,
  ]);
}

/** Address `createProxyWithNonce(singleton, initializer, saltNonce)` deploys to. */
export async function predictSafeAddress(provider: Provider, infra: SafeInfrastructure, initializer: string, saltNonce: bigint): Promise<string> {
  const factory = new Contract(infra.proxyFactory, loadSafeArtifact("SafeProxyFactory").abi, provider);
  const creationCode = (await factory.getFunction("proxyCreationCode").staticCall()) as string;
  const salt = keccak256(concat([keccak256(initializer), toBeHex(saltNonce, 32)]));
  const initCodeHash = keccak256(concat([creationCode, zeroPadValue(infra.singleton, 32)]));
  return getCreate2Address(infra.proxyFactory, salt, initCodeHash);
}

export interface CreatedSafe {
  address: string;
  /** Undefined when the Safe already existed (resumed deployment). */
  transactionHash?: string;
  blockNumber?: number;
}

/**
 * Creates the reserve Safe through the proxy factory, or finds it at its deterministic address when a previous
 * run already created it; either way its owners, threshold and fallback handler are checked.
 */
export async function createReserveSafe(signer: Signer, infra: SafeInfrastructure, config: ReserveSafeConfig): Promise<CreatedSafe> {
  const provider = requireProvider(signer);
  const owners = validateOwners(config.owners, config.threshold);
  const initializer = safeSetupData(owners, config.threshold, infra.fallbackHandler);
  const address = await predictSafeAddress(provider, infra, initializer, config.saltNonce);
  let created: CreatedSafe = { address };
  if ((await provider.getCode(address)) === "0x") {
    const factory = new Contract(infra.proxyFactory, loadSafeArtifact("SafeProxyFactory").abi, signer);
    const tx = (await factory.getFunction("createProxyWithNonce")(infra.singleton, initializer, config.saltNonce)) as {
      hash: string;
      wait(): Promise<{ status: number | null; blockNumber: number } | null>;
    };
    const receipt = await tx.wait();
    if (!receipt || receipt.status !== 1) throw new SafeDeploymentError(`creating the Safe failed (${tx.hash})`);
    created = { address, transactionHash: tx.hash, blockNumber: receipt.blockNumber };
  }
  await verifySafeSetup(provider, address, owners, config.threshold, infra.fallbackHandler);
  return created;
}

/** Throws unless the Safe at `address` has exactly these owners, this threshold and this fallback handler. */
export async function verifySafeSetup(
  provider: Provider,
  address: string,
  owners: readonly string[],
  threshold: number,
  fallbackHandler: string,
): Promise<void> {
  const safe = new Contract(address, loadSafeArtifact("Safe").abi, provider);
  const onChainOwners = ((await safe.getFunction("getOwners").staticCall()) as string[]).map((o) => getAddress(o));
  const onChainThreshold = Number(await safe.getFunction("getThreshold").staticCall());
  const handler = getAddress(`0x${(await provider.getStorage(address, FALLBACK_HANDLER_SLOT)).slice(26)}`);
  const want = [...owners].map((o) => getAddress(o)).sort();
  if (JSON.stringify([...onChainOwners].sort()) !== JSON.stringify(want)) {
    throw new SafeDeploymentError(`Safe ${address} has owners ${onChainOwners.join(", ")}, configuration says ${want.join(", ")}`);
  }
  if (onChainThreshold !== threshold) throw new SafeDeploymentError(`Safe ${address} has threshold ${onChainThreshold}, configuration says ${threshold}`);
  if (handler !== getAddress(fallbackHandler)) throw new SafeDeploymentError(`Safe ${address} has fallback handler ${handler}, expected ${fallbackHandler}`);
}

/** Code hashes of the local deployment, for tests: artifact runtime hash vs canonical hash. */
export function localCodeHashes(name: SafeContractName): { artifact: string; canonical: string } {
  return { artifact: artifactCodeHash(name), canonical: canonicalAddressAndHash(name).codeHash };
}

function requireProvider(signer: Signer): Provider {
  if (!signer.provider) throw new SafeDeploymentError("the signer has no provider");
  return signer.provider;
}
