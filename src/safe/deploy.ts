/**
 * The reserve Safe: its creation through the proxy factory (or adoption at its deterministic address) and the
 * check that it is exactly what this project creates. The Safe contracts it stands on: ./infrastructure.ts.
 */
import {
  Contract,
  Interface,
  ZeroAddress,
  concat,
  getAddress,
  getCreate2Address,
  keccak256,
  toBeHex,
  toUtf8Bytes,
  zeroPadValue,
} from "ethers";
import type { Provider, Signer, TransactionResponse } from "ethers";
import { withTimeout } from "../chain/timeout";
import { FALLBACK_HANDLER_SLOT, SAFE_GUARD_SLOT } from "./slots";
import { loadSafeArtifact } from "./artifacts";
import { SafeDeploymentError, requireProvider } from "./infrastructure";
import type { SafeInfrastructure } from "./infrastructure";

export {
  SAFE_SINGLETON_FACTORY,
  SAFE_SINGLETON_FACTORY_CODE,
  SafeDeploymentError,
  deployLocalSafeContract,
  deployLocalSafeContracts,
  ensureSafeInfrastructure,
  isLocalChain,
  localSafeCreation,
  resolveSafeInfrastructure,
  verifySafeCode,
} from "./infrastructure";
export type { RpcSend, SafeInfrastructure } from "./infrastructure";

/** The Safe's linked-list sentinel (start of the owner and module lists). */
export const SAFE_SENTINEL = "0x0000000000000000000000000000000000000001";
export { FALLBACK_HANDLER_SLOT };
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
