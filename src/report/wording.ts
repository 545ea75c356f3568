/** Wording shared by the text and the HTML renderings of the reserve report. */
import { percent } from "./format";
import type { ReportSigner } from "./model";

export const METHOD_TEXT: Record<ReportSigner["method"], string> = {
  "eip712-signature": "EIP-712 signature verified",
  "onchain-approval": "approved on chain",
  "erc1271-contract": "contract signature (ERC-1271), checked by the registry",
  unverified: "NOT verified",
};

/** Coverage of the circulating supply; none circulates: n/a. */
export function circPercent(x: number | null): string {
  return x === null ? "n/a (nothing circulates)" : percent(x);
}
