/**
 * The custodian summary's counterparty lines: for every call by which the reserve Safe's stablecoin
 * would leave it (the shapes the DistributionRule checks on chain), the recipient or spender is named
 * from the custodian's OWN records (the counterparty snapshot their `safe:status` run wrote onto the
 * CounterpartyRegistry record), never from the proposal file: name, category, licence and eligibility,
 * or a loud "NOT a licensed counterparty"; and SANCTIONS-LISTED beside a recipient on the sanctions lists the
 * custodian's records hold (the SomStablecoin record's `sanctions`). Offline; no network access.
 */
import { interfaceOf } from "../chain/interfaces";
import { getAddress } from "ethers";
import type { DecodedCall } from "./decode";
import type { TrustedView } from "./trusted";
import type { ContractRecord, RecordCounterparties } from "../chain/records";
import { describeLicence } from "../market/licence";
import { sanctionsMark } from "../sanctions/applied";

/** Record names (src/deploy/system.ts RECORD.stablecoin, src/market/constants.ts MARKET_RECORD.registry). */
const STABLECOIN_RECORD = "SomStablecoin";
const REGISTRY_RECORD = "CounterpartyRegistry";

/**
 * function name -> [index of the `from`/`owner` that must be the Safe (or -1), index of the recipient, index of a value
 * that must be non-zero (or -1)].
 */
const SHAPES: Record<string, readonly [number, number, number]> = {
  transfer: [-1, 0, -1],
  approve: [-1, 0, 1],
  transferFrom: [0, 1, -1],
  transferWithAuthorization: [0, 1, -1],
  receiveWithAuthorization: [0, 1, -1],
  permit: [0, 1, 2],
};

function utc(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The recipient or spender of a stablecoin call of the Safe that lets its tokens leave it, else undefined. */
export function stablecoinRecipient(call: DecodedCall, safe: string, stablecoin: ContractRecord): string | undefined {
  if (call.kind !== "record" || getAddress(call.to) !== getAddress(stablecoin.address) || !call.functionName)
    return undefined;
  const shape = SHAPES[call.functionName];
  if (!shape) return undefined;
  const parsed = interfaceOf(stablecoin.abi as never).parseTransaction({ data: call.data });
  if (!parsed) return undefined;
  const [fromIndex, toIndex, valueIndex] = shape;
  if (fromIndex >= 0 && getAddress(String(parsed.args[fromIndex])) !== getAddress(safe)) return undefined;
  if (valueIndex >= 0 && BigInt(parsed.args[valueIndex] as bigint) === 0n) return undefined;
  const to = getAddress(String(parsed.args[toIndex]));
  return to === getAddress(safe) ? undefined : to;
}

/** The line for one recipient, from the snapshot (or the lack of one). */
export function counterpartyLine(
  recipient: string,
  snapshot: RecordCounterparties | undefined,
  nowSeconds: number,
): string {
  if (!snapshot)
    return (
      `  recipient ${recipient}: your records hold no counterparty snapshot ` +
      `(run \`npm run safe:status\` first): NOT VERIFIED`
    );
  const of = `your counterparty records of ${utc(snapshot.checkedAt)}, block ${snapshot.block}`;
  const c = snapshot.entries.find((e) => getAddress(e.address) === recipient);
  if (!c)
    return (
      `  recipient ${recipient}: NOT a licensed counterparty (${of}): ` +
      `the reserve guard's distribution rule refuses stablecoin to it`
    );
  return `  recipient ${recipient}: ${describeLicence(c, nowSeconds, `; ${of}`)}`;
}

/**
 * Lines for every call of `call` (a batch's inner calls included) by which stablecoin leaves `safe`;
 * empty when the custodian's records hold no stablecoin or no CounterpartyRegistry.
 */
export function counterpartyLines(
  call: DecodedCall,
  view: Pick<TrustedView, "records">,
  safe: string,
  nowSeconds: number,
): string[] {
  const stablecoin = view.records.find((r) => r.name === STABLECOIN_RECORD);
  const registry = view.records.find((r) => r.name === REGISTRY_RECORD);
  if (!stablecoin || (!registry && !stablecoin.sanctions)) return [];
  const lines: string[] = [];
  const visit = (c: DecodedCall): void => {
    const recipient = stablecoinRecipient(c, safe, stablecoin);
    if (recipient) {
      // a listed recipient is marked first, loudly, from the sanctions lists YOUR records hold
      const mark = sanctionsMark(stablecoin.sanctions, recipient);
      if (mark) lines.push(`  recipient ${recipient}: ${mark}`);
      if (registry) lines.push(counterpartyLine(recipient, registry.counterparties, nowSeconds));
    }
    c.inner?.forEach(visit);
  };
  visit(call);
  return lines.length > 0
    ? ["Stablecoin leaving the reserve Safe goes to (from YOUR records, not from the file):", ...lines]
    : [];
}
