/**
 * Shared plumbing of the custodian commands (scripts/custodian/*): network selection for the commands
 * that need a chain (Hardhat is loaded lazily, only by them), the custodian's records, risk-code flags.
 * The offline commands (safe:sign, keystore:create) import nothing from here that loads Hardhat.
 */
import { UsageError, listOption } from "../common";
import type { ParsedOptions } from "../common";
import { isRiskCode } from "./policy";
import type { RiskCode } from "./policy";

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
