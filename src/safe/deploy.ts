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
import type { Provider, Signer, TransactionResponse } from "ethers";
import { UserError } from "../chain/errors";
import { withTimeout } from "../chain/timeout";
import { FALLBACK_HANDLER_SLOT, SAFE_GUARD_SLOT } from "./slots";
import {
  LOCAL_CHAIN_IDS,
  SAFE_VERSION,
  canonicalAddressAndHash,
  deploymentForChain,
  loadSafeArtifact,
} from "./artifacts";
import type { SafeContractName, SingletonName } from "./artifacts";

/** The Safe's linked-list sentinel (start of the owner and module lists). */
export const SAFE_SENTINEL = "0x0000000000000000000000000000000000000001";

/** Safe's singleton factory (a CREATE2 forwarder: calldata = salt ++ init code, returns the address). */
export const SAFE_SINGLETON_FACTORY = "0x914d7Fec6aaC8cd542e72Bca78B30650d45643d7";
/** Runtime code of the singleton factory (the deterministic-deployment-proxy). */
export const SAFE_SINGLETON_FACTORY_CODE =
  "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe036" +
  "01600081602082378035828234f58015156039578182fd5b8082525050506014600cf3";
export { FALLBACK_HANDLER_SLOT };

/** A Safe that cannot be deployed or found as configured (a user-fixable problem). */
export class SafeDeploymentError extends UserError {}

/** The proxy factory's one call the project makes, typed (the Safe artifacts ship no TypeChain types). */
interface SafeProxyFactoryCalls {
  createProxyWithNonce(singleton: string, initializer: string, saltNonce: bigint): Promise<TransactionResponse>;
  proxyCreationCode(): Promise<string>;
}
const SafeProxyFactoryContract = {
  connect(address: string, runner: Signer | Provider): SafeProxyFactoryCalls {
    const c = new Contract(address, loadSafeArtifact("SafeProxyFactory").abi, runner);
    return {
      createProxyWithNonce: async (singleton, initializer, saltNonce) =>
        (await c.getFunction("createProxyWithNonce")(singleton, initializer, saltNonce)) as TransactionResponse,
      proxyCreationCode: async () => (await c.getFunction("proxyCreationCode").staticCall()) as string,
    };
  },
};

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

/** A check of the guard installed on a Safe, supplied by the guard's own domain; throws when it fails. */
export type SafeGuardCheck = (provider: Provider, guard: string, safe: string) => Promise<void>;

export interface ReserveSafeConfig {
  owners: readonly string[];
  threshold: number;
  /** Deterministic salt: the same configuration and salt always give the same Safe address. */
  saltNonce: bigint;
  /** The one delegatecall of `setup` (e.g. ReserveGuardSetup installing the ReserveGuard, src/guard). */
  setupCall?: SetupCall;
  /** The transaction guard `setupCall` installs (default: none); the Safe created or adopted must have exactly it. */
  guard?: string;
  /** What the installed guard must also satisfy (the guard domain's check, e.g. its delayed set); throws if not. */
  checkGuard?: SafeGuardCheck;
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
    if (o === ZeroAddress || o === "0x0000000000000000000000000000000000000001")
      throw new SafeDeploymentError(`owner ${o} is not allowed`);
    if (seen.has(o)) throw new SafeDeploymentError(`owner ${o} is listed twice`);
    seen.add(o);
  }
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > checked.length) {
    throw new SafeDeploymentError(
      `threshold ${threshold} must be between 1 and the number of owners (${checked.length})`,
    );
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
 * The `setup` call a new Safe proxy is initialised with: no module, no payment, optionally one
 * {@link SetupCall}, and **no fallback handler**. A reserve Safe has none on purpose: Safe's
 * `CompatibilityFallbackHandler` answers ERC-1271 `isValidSignature` for any message its threshold
 * owners sign off chain, so a permit or an EIP-3009 authorization for the Safe's tokens could be
 * signed and submitted by anyone without a Safe transaction, out of reach of the ReserveGuard and
 * its rules. With no handler, `isValidSignature` returns nothing and every signature check fails
 * (docs/market.md, "Paths the rule cannot see"); installing one later is a self-call the guard
 * announces and delays.
 */
export function safeSetupData(owners: readonly string[], threshold: number, setupCall?: SetupCall): string {
  const safe = new Interface(loadSafeArtifact("Safe").abi);
  return safe.encodeFunctionData("setup", [
    owners,
    threshold,
    setupCall?.to ?? ZeroAddress,
    setupCall?.data ?? "0x",
    ZeroAddress,
    ZeroAddress,
    0,
    ZeroAddress,
  ]);
}

/** Address `createProxyWithNonce(singleton, initializer, saltNonce)` deploys to. */
export async function predictSafeAddress(
  provider: Provider,
  infra: SafeInfrastructure,
  initializer: string,
  saltNonce: bigint,
): Promise<string> {
  const creationCode = await SafeProxyFactoryContract.connect(infra.proxyFactory, provider).proxyCreationCode();
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

/** What a Safe creation will do: its address (CREATE2, known in advance) and `setup` data. */
export interface SafeCreationPlan {
  address: string;
  initializer: string;
  owners: string[];
  threshold: number;
  saltNonce: bigint;
  setupCall?: SetupCall;
}

/** Validates the owners and computes the Safe's address and initializer (no transaction). */
export async function planReserveSafe(
  provider: Provider,
  infra: SafeInfrastructure,
  config: ReserveSafeConfig,
): Promise<SafeCreationPlan> {
  const owners = validateOwners(config.owners, config.threshold);
  const initializer = safeSetupData(owners, config.threshold, config.setupCall);
  const address = await predictSafeAddress(provider, infra, initializer, config.saltNonce);
  return {
    address,
    initializer,
    owners,
    threshold: config.threshold,
    saltNonce: config.saltNonce,
    setupCall: config.setupCall,
  };
}

/**
 * Creates the reserve Safe through the proxy factory, or adopts it at its deterministic address when
 * it already exists (a previous run created it, or its creation was still pending when that run was
 * killed); either way it is checked ({@link verifySafeSetup}: owners, threshold, no handler, no module, its
 * guard). The one Safe creation of the project: production deploy, fixtures and benchmarks call it.
 * @param onSent called with the creation's transaction hash as soon as it is sent (progress logs).
 */
export async function createReserveSafe(
  signer: Signer,
  infra: SafeInfrastructure,
  config: ReserveSafeConfig,
  onSent?: (hash: string) => void,
): Promise<CreatedSafe> {
  const provider = requireProvider(signer);
  const plan = await planReserveSafe(provider, infra, config);
  let created: CreatedSafe = { address: plan.address };
  if ((await provider.getCode(plan.address)) === "0x") {
    const factory = SafeProxyFactoryContract.connect(infra.proxyFactory, signer);
    const tx = await factory.createProxyWithNonce(infra.singleton, plan.initializer, plan.saltNonce);
    onSent?.(tx.hash);
    const receipt = await tx.wait();
    if (!receipt || receipt.status !== 1) throw new SafeDeploymentError(`creating the Safe failed (${tx.hash})`);
    created = { address: plan.address, transactionHash: tx.hash, blockNumber: receipt.blockNumber };
  }
  await verifySafeSetup(provider, plan.address, plan.owners, plan.threshold, config.guard, config.checkGuard);
  return created;
}

/**
 * Throws unless the Safe at `address` is exactly what this project creates: these owners, this threshold,
 * no fallback handler, no module, and `guard` as its transaction guard (ZeroAddress: none). A Safe adopted
 * at its predicted address (a resumed deployment) is held to the same: one changed since its creation
 * (a module enabled, a guard set or removed) is refused, never silently taken over.
 */
export async function verifySafeSetup(
  provider: Provider,
  address: string,
  owners: readonly string[],
  threshold: number,
  guard: string = ZeroAddress,
  checkGuard?: SafeGuardCheck,
): Promise<void> {
  const safe = new Contract(address, loadSafeArtifact("Safe").abi, provider);
  const [rawOwners, rawThreshold, handler, guardWord, modules] = await Promise.all([
    withTimeout(safe.getFunction("getOwners").staticCall() as Promise<string[]>, `getOwners() of Safe ${address}`),
    withTimeout(safe.getFunction("getThreshold").staticCall() as Promise<bigint>, `getThreshold() of Safe ${address}`),
    fallbackHandlerOf(provider, address),
    withTimeout(provider.getStorage(address, SAFE_GUARD_SLOT), `guard slot of Safe ${address}`),
    modulesOf(provider, address, 1),
  ]);
  const onChainOwners = rawOwners.map((o) => getAddress(o));
  const want = [...owners].map((o) => getAddress(o)).sort();
  if (JSON.stringify([...onChainOwners].sort()) !== JSON.stringify(want)) {
    throw new SafeDeploymentError(
      `Safe ${address} has owners ${onChainOwners.join(", ")}, configuration says ${want.join(", ")}`,
    );
  }
  if (Number(rawThreshold) !== threshold)
    throw new SafeDeploymentError(`Safe ${address} has threshold ${rawThreshold}, configuration says ${threshold}`);
  if (handler !== ZeroAddress) {
    throw new SafeDeploymentError(
      `Safe ${address} has fallback handler ${handler}: ` +
        `a reserve Safe has none (its ERC-1271 signatures would bypass the guard)`,
    );
  }
  const installed = getAddress(`0x${guardWord.slice(26)}`);
  if (installed !== getAddress(guard)) {
    throw new SafeDeploymentError(
      `Safe ${address} has guard ${installed === ZeroAddress ? "none" : installed}, ` +
        `expected ${getAddress(guard) === ZeroAddress ? "none" : getAddress(guard)}`,
    );
  }
  if (modules.length > 0)
    throw new SafeDeploymentError(
      `Safe ${address} has module ${modules[0]} enabled: a reserve Safe has none (a module bypasses every guard)`,
    );
  if (installed !== ZeroAddress && checkGuard) await checkGuard(provider, installed, address);
}

/** The Safe's enabled modules, in list order (at most `max`). */
export async function modulesOf(provider: Provider, safe: string, max = 20): Promise<string[]> {
  const c = new Contract(safe, loadSafeArtifact("Safe").abi, provider);
  const [modules] = await withTimeout(
    c.getFunction("getModulesPaginated").staticCall(SAFE_SENTINEL, max) as Promise<[string[], string]>,
    `modules of Safe ${safe}`,
  );
  return modules.map((m) => getAddress(m));
}

/** The Safe's fallback handler (its storage slot), ZeroAddress when it has none. */
export async function fallbackHandlerOf(provider: Provider, safe: string): Promise<string> {
  const slot = await withTimeout(
    provider.getStorage(safe, FALLBACK_HANDLER_SLOT),
    `fallback handler slot of Safe ${safe}`,
  );
  return getAddress(`0x${slot.slice(26)}`);
}

function requireProvider(signer: Signer): Provider {
  if (!signer.provider) throw new SafeDeploymentError("the signer has no provider");
  return signer.provider;
}
