/**
 * Shared plumbing of the custodian commands (scripts/custodian/*): risk-code flags. The network
 * selector and the chain-error mapping are the kernel's (src/chain/network.ts, src/chain/chainErrors.ts).
 * The offline commands (safe:sign, keystore:create) import nothing from here that loads Hardhat.
 */
import { UsageError, listOption } from "../../chain";
import type { ParsedOptions } from "../../chain";
import { isRiskCode } from "../policy";
import type { RiskCode } from "../policy";

/** `--allow-risk <code>` flags, each checked against the known codes. */
export function allowedRisks(options: ParsedOptions): RiskCode[] {
  return listOption(options, "allow-risk").map((c) => {
    if (!isRiskCode(c))
      throw new UsageError(`--allow-risk ${c}: unknown risk code (see docs/custodian.md "Risk codes")`);
    return c;
  });
}
