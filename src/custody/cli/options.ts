/**
 * Shared plumbing of the custodian commands (scripts/custodian/*): network selection for the commands
 * that need a chain (Hardhat is loaded lazily, only by them), the custodian's records, risk-code flags.
 * The offline commands (safe:sign, keystore:create) import nothing from here that loads Hardhat.
 */
import { UsageError, UserError, listOption } from "../../chain";
import type { ParsedOptions } from "../../chain";
import { isRiskCode } from "../policy";
import type { RiskCode } from "../policy";

/** `--allow-risk <code>` flags, each checked against the known codes. */
export function allowedRisks(options: ParsedOptions): RiskCode[] {
  return listOption(options, "allow-risk").map((c) => {
    if (!isRiskCode(c)) throw new UsageError(`--allow-risk ${c}: unknown risk code (see docs/custodian.md "Risk codes")`);
    return c;
  });
}

/**
 * The network named by `--network` (else HARDHAT_NETWORK, else "hardhat"); Hardhat reads it from
 * HARDHAT_NETWORK when loaded as a library.
 */
export function selectNetwork(options: ParsedOptions): string {
  const fromEnv = process.env.HARDHAT_NETWORK?.trim();
  const network = typeof options.network === "string" && options.network !== "" ? options.network : fromEnv || "hardhat";
  process.env.HARDHAT_NETWORK = network;
  return network;
}

/**
 * An error from the chain (Hardhat's provider cannot connect, an ethers call error, a JSON-RPC error) as a
 * one-line {@link UserError} naming the network; anything else unchanged (a bug: printed with its stack).
 */
export function chainErrorAsUserError(err: unknown, network: string): unknown {
  if (err instanceof UserError) return err;
  const e = err as { name?: unknown; code?: unknown; shortMessage?: unknown; message?: unknown; parent?: { message?: unknown } };
  if (!e || typeof e !== "object") return err;
  const fromChain = e.name === "HardhatError" || e.name === "ProviderError" || typeof e.shortMessage === "string" || typeof e.code === "string";
  if (!fromChain) return err;
  const text = typeof e.shortMessage === "string" ? e.shortMessage : String(e.message ?? e.code);
  const cause = e.parent && typeof e.parent.message === "string" ? ` (${e.parent.message})` : "";
  return new UserError(`network "${network}": ${text.split("\n")[0]}${cause}`);
}

/** Runs `body`, turning chain errors into one-line user errors. */
export async function onChain<T>(network: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    throw chainErrorAsUserError(err, network);
  }
}
