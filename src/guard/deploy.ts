/**
 * Deploying the ReserveGuard and checking a guard before a Safe installs it. The deployment, the tests and
 * the benchmarks all deploy through {@link deployReserveGuard}; every installation path (a new Safe's setup,
 * a hand-over proposal on an existing Safe) first passes {@link checkGuardInstallable}, so our tooling never
 * installs a guard that would block every transaction.
 */
import type { SafeGuardCheck } from "../safe/deploy";
import { Contract, ZeroAddress, getAddress } from "ethers";
import type { Provider, Signer } from "ethers";
import { ReserveGuardSetup__factory } from "../../typechain-types/factories/contracts/guard/ReserveGuardSetup__factory";
import { ReserveGuard__factory } from "../../typechain-types/factories/contracts/guard/ReserveGuard__factory";
import type { ReserveGuard, ReserveGuardSetup } from "../../typechain-types";
import { withTimeout } from "../chain/timeout";
import { DEFAULT_EXPIRY_WINDOW_SECONDS, GuardError, SAFE_GUARD_INTERFACE_ID } from "./calls";
import { delayedSelectors } from "./classification";

export { GUARD_RECORDS, guardOf } from "./contract";

/** `reserveSafe.guard` of a deployment configuration. */
export interface GuardConfig {
  /** Delay between an announcement and the earliest execution (seconds). */
  delaySeconds: number;
  /** How long an announced call stays executable after its delay (seconds; default 7 days). */
  expiryWindowSeconds?: number;
}

export interface GuardDeployOptions {
  multiSendCallOnly: string;
  delaySeconds: number | bigint;
  expiryWindowSeconds?: number | bigint;
}

/** Deploys a ReserveGuard (CREATE from `deployer`) and waits for it. */
export async function deployReserveGuard(deployer: Signer, o: GuardDeployOptions): Promise<ReserveGuard> {
  const guard = await new ReserveGuard__factory(deployer).deploy(
    o.multiSendCallOnly,
    BigInt(o.delaySeconds),
    BigInt(o.expiryWindowSeconds ?? DEFAULT_EXPIRY_WINDOW_SECONDS),
  );
  await withTimeout(guard.waitForDeployment(), "ReserveGuard deployment", 120_000);
  return guard;
}

/** Facts the self-check established about a guard. */
export interface GuardCheck {
  guard: string;
  multiSendCallOnly: string;
  delaySeconds: bigint;
  expiryWindowSeconds: bigint;
  callRule: string;
}

/**
 * Refuses a guard a Safe must not install: no code, not answering Safe's Guard interface id, bound to another
 * MultiSendCallOnly than the chain's canonical one, or refusing a plain call from `safe` (a dry run of
 * `checkTransaction` as the Safe would call it), or accepting a delegatecall to a foreign contract.
 */
export async function checkGuardInstallable(
  provider: Provider,
  guardAddress: string,
  safe: string,
  canonicalMultiSend: string,
): Promise<GuardCheck> {
  const guard = getAddress(guardAddress);
  if ((await withTimeout(provider.getCode(guard), `code of ${guard}`)) === "0x")
    throw new GuardError(`guard ${guard}: no contract there`);
  const c = ReserveGuard__factory.connect(guard, provider);
  const answers = async <T>(what: string, p: Promise<T>): Promise<T> => {
    try {
      return await withTimeout(p, `guard ${what}`);
    } catch (e) {
      throw new GuardError(`guard ${guard} fails the self-check: ${what} (${(e as Error).message.split("\n")[0]})`);
    }
  };
  if (!(await answers("supportsInterface", c.supportsInterface(SAFE_GUARD_INTERFACE_ID)))) {
    throw new GuardError(
      `guard ${guard} does not answer Safe's Guard interface ${SAFE_GUARD_INTERFACE_ID}: ` +
        `Safe's setGuard would refuse it`,
    );
  }
  const multiSend = getAddress(await answers("MULTI_SEND_CALL_ONLY", c.MULTI_SEND_CALL_ONLY()));
  if (multiSend !== getAddress(canonicalMultiSend)) {
    throw new GuardError(
      `guard ${guard} allows delegatecalls to ${multiSend}, ` +
        `not the canonical MultiSendCallOnly ${getAddress(canonicalMultiSend)}: batches would fail`,
    );
  }
  const plain = [ZeroAddress, 0n, "0x", 0, 0n, 0n, 0n, ZeroAddress, ZeroAddress, "0x", ZeroAddress] as const;
  const asSafe = new Contract(guard, ReserveGuard__factory.abi, provider);
  try {
    await withTimeout(
      provider.call({
        from: safe,
        to: guard,
        data: asSafe.interface.encodeFunctionData("checkTransaction", [...plain]),
      }),
      "guard dry run",
    );
  } catch (e) {
    throw new GuardError(
      `guard ${guard} refuses a plain call from ${safe} (dry run of checkTransaction): ` +
        `installing it could block the Safe (${(e as Error).message.split("\n")[0]})`,
    );
  }
  let foreignDelegateAccepted = true;
  try {
    const foreign = [guard, 0n, "0x", 1, 0n, 0n, 0n, ZeroAddress, ZeroAddress, "0x", ZeroAddress] as const;
    await provider.call({
      from: safe,
      to: guard,
      data: asSafe.interface.encodeFunctionData("checkTransaction", [...foreign]),
    });
  } catch {
    foreignDelegateAccepted = false;
  }
  if (foreignDelegateAccepted)
    throw new GuardError(`guard ${guard} accepts a delegatecall to a foreign contract: it is not a ReserveGuard`);
  return {
    guard,
    multiSendCallOnly: multiSend,
    delaySeconds: await answers("delayOf", c.delayOf(safe)),
    expiryWindowSeconds: await answers("expiryWindowOf", c.expiryWindowOf(safe)),
    callRule: getAddress(await answers("callRuleOf", c.callRuleOf(safe))),
  };
}

/** The classification's delayed selectors that `guard` does not delay for `safe` (empty = all installed). */
export async function missingDelayedSelectors(
  provider: Provider,
  guard: string,
  safe: string,
  selectors: readonly string[] = delayedSelectors(),
): Promise<string[]> {
  const g = ReserveGuard__factory.connect(guard, provider);
  const answers = await Promise.all(
    selectors.map((sel) => withTimeout(g.isDelayed(safe, sel), `guard isDelayed(${sel})`)),
  );
  return selectors.filter((_, i) => !answers[i]);
}

/**
 * The check a reserve Safe's guard must pass when the Safe is created or adopted ({@link SafeGuardCheck}): the
 * guard delays every selector of the classification for this Safe, else its upgrades or role grants would
 * not wait.
 */
export const requireDelayedSet: SafeGuardCheck = async (provider, guard, safe) => {
  const missing = await missingDelayedSelectors(provider, guard, safe);
  if (missing.length === 0) return;
  const shown = `${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}`;
  throw new GuardError(
    `Safe ${safe}: its guard ${guard} does not delay ${missing.length} selector(s) of the classification ` +
      `(${shown}): upgrades or role grants would not wait`,
  );
};

/** Deploys the setup helper a new Safe delegatecalls in `setup` to install its guard. */
export async function deployReserveGuardSetup(deployer: Signer, multiSendCallOnly: string): Promise<ReserveGuardSetup> {
  const setup = await new ReserveGuardSetup__factory(deployer).deploy(multiSendCallOnly);
  await withTimeout(setup.waitForDeployment(), "ReserveGuardSetup deployment", 120_000);
  return setup;
}

/**
 * The `setup` delegatecall of a new guarded Safe: ReserveGuardSetup.setupGuard(guard, multiSendData) installs
 * the guard, then runs the hand-over batch through the canonical MultiSendCallOnly.
 */
export function guardedSetupCall(setup: string, guard: string, multiSendData: string): { to: string; data: string } {
  return {
    to: getAddress(setup),
    data: setupInterface().encodeFunctionData("setupGuard", [getAddress(guard), multiSendData]),
  };
}

function setupInterface(): ReturnType<typeof ReserveGuardSetup__factory.createInterface> {
  return ReserveGuardSetup__factory.createInterface();
}
