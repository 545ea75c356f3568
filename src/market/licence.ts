/** The one wording of a counterparty's licence (offline: no contract bindings, so signing never loads them). */
import type { RecordCounterparty } from "../chain/records";

/**
 * "Ala-Too Crypto Exchange (exchange, licence NBKR-CX-2026-007 until 2027-11-29, eligible)": name,
 * category, licence and eligibility at `nowSeconds` (an expired licence or a status other than Active
 * is NOT eligible whatever the snapshot said). `suffix` goes inside the parentheses. The one wording of a
 * counterparty, for sign's recipient lines and the market library's summary line.
 */
export function describeLicence(c: Omit<RecordCounterparty, "address">, nowSeconds: number, suffix = ""): string {
  const expiry = new Date(c.licenceExpiry * 1000).toISOString().slice(0, 10);
  const state =
    c.status !== "Active"
      ? `NOT eligible: ${c.status.toLowerCase()}`
      : c.licenceExpiry <= nowSeconds
        ? "NOT eligible: licence expired"
        : c.eligible
          ? "eligible"
          : "NOT eligible";
  return `${c.name} (${c.category.toLowerCase()}, licence ${c.licenceNumber} until ${expiry}, ${state}${suffix})`;
}
