/**
 * Sign-time risk checks. Each finding has a stable code; `sign` refuses while any finding is present unless
 * the custodian passes `--allow-risk <code>` for it (after reading what it means in docs/custodian.md).
 */
import { ZeroAddress, getAddress } from "ethers";
import { UserError } from "../chain";
import type { DecodedCall } from "./decode";
import type { SafeTx } from "../safe/safeTx";

export type RiskCode =
  | "delegatecall"
  | "unknown-target"
  | "native-value"
  | "self-call"
  | "unknown-function"
  | "refund"
  | "safe-tx-gas"
  | "wrong-safe"
  | "wrong-chain"
  | "unverified-implementation"
  | "unannounced-call";

export const RISK_CODES: readonly RiskCode[] = [
  "delegatecall",
  "unknown-target",
  "native-value",
  "self-call",
  "unknown-function",
  "refund",
  "safe-tx-gas",
  "wrong-safe",
  "wrong-chain",
  "unverified-implementation",
  "unannounced-call",
];

export interface Finding {
  code: RiskCode;
  /** "transaction" or "batch call #2". */
  where: string;
  message: string;
}

export class PolicyError extends UserError {
  constructor(readonly findings: readonly Finding[]) {
    super(
      `refusing: ${findings.map((f) => `[${f.code}] ${f.where}: ${f.message}`).join("; ")}. ` +
        `Read docs/custodian.md; override only with --allow-risk ` +
        `${[...new Set(findings.map((f) => f.code))].join(" --allow-risk ")}`,
    );
  }
}

export function isRiskCode(s: string): s is RiskCode {
  return (RISK_CODES as readonly string[]).includes(s);
}

/** All findings of a decoded SafeTx (the batch members included). */
export function checkPolicy(tx: SafeTx, decoded: DecodedCall): Finding[] {
  const findings: Finding[] = [];
  if (
    tx.gasPrice !== 0n ||
    tx.baseGas !== 0n ||
    tx.gasToken !== ZeroAddress ||
    getAddress(tx.refundReceiver) !== ZeroAddress
  ) {
    findings.push({
      code: "refund",
      where: "transaction",
      message:
        `the Safe would pay a gas refund (gasPrice ${tx.gasPrice}, baseGas ${tx.baseGas}, ` +
        `gasToken ${tx.gasToken}, receiver ${tx.refundReceiver})`,
    });
  }
  if (tx.safeTxGas !== 0n) {
    findings.push({
      code: "safe-tx-gas",
      where: "transaction",
      message:
        `safeTxGas is ${tx.safeTxGas}: the inner call may fail for lack of gas while the nonce is consumed ` +
        `(a failed call still counts as executed)`,
    });
  }
  checkCall(decoded, "transaction", findings, true);
  return findings;
}

function checkCall(call: DecodedCall, where: string, out: Finding[], topLevel: boolean): void {
  if (call.operation === 1 && !(topLevel && call.kind === "multisend")) {
    out.push({
      code: "delegatecall",
      where,
      message:
        `DELEGATECALL to ${call.target}: that code would run with the Safe's own storage ` +
        `and could replace its logic or owners`,
    });
  }
  if (call.kind === "multisend" && call.operation === 0) {
    out.push({
      code: "unknown-function",
      where,
      message: "MultiSendCallOnly must be reached by delegatecall; a plain call batches nothing",
    });
  }
  if (call.kind === "unknown") {
    out.push({ code: "unknown-target", where, message: `${call.target} is not in the deployment records` });
  }
  if (call.kind === "safe") {
    out.push({
      code: "self-call",
      where,
      message:
        `calls the Safe itself (${call.functionName ?? "undecoded"}): ` +
        `owners, threshold, modules, guard or fallback handler change`,
    });
  }
  if (call.value !== 0n)
    out.push({ code: "native-value", where, message: `sends ${call.value} wei of the native coin` });
  if (call.error && call.kind !== "unknown" && call.kind !== "multisend")
    out.push({ code: "unknown-function", where, message: call.error });
  call.inner?.forEach((c, i) => checkCall(c, `batch call #${i + 1}`, out, false));
}

/** Throws PolicyError with the findings whose code is not in `allowed`. */
export function enforcePolicy(findings: readonly Finding[], allowed: readonly RiskCode[]): void {
  const blocking = findings.filter((f) => !allowed.includes(f.code));
  if (blocking.length > 0) throw new PolicyError(blocking);
}
