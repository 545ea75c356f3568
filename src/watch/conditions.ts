/**
 * The condition rules, read at the last confirmed block: total supply above the attested reserves, attested
 * reserves within 20% of their maximum age (configurable) and stale, a minter's rate-limit bucket nearly empty,
 * redemption requests past their deadline, counterparty licences expiring within 30 days (configurable).
 * Each condition alerts once when it becomes true (its id joins the state's `conditions`) and again only after it
 * was false.
 */
import type { AlertDraft } from "./alert";
import { isoTime } from "./alert";
import type { WatchContext } from "./context";
import { formatTokenAmount, nameAddress } from "../custody/decode";
import { MARKET_RECORD } from "../market/constants";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { SomSupplyController__factory } from "../../typechain-types/factories/contracts/stablecoin/SomSupplyController__factory";
import { CounterpartyRegistry__factory } from "../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory";
import type { WatchState } from "./state";

/** A condition true at the block: its id (stable while it holds) and its alert. */
export interface Condition {
  id: string;
  alert: AlertDraft;
}

export const SUPPLY_CONTROLLER_RECORD = "SomSupplyController";
const DAY = 86_400;

function draft(id: string, rule: string, severity: AlertDraft["severity"], line: string, block: number): Condition {
  return {
    id,
    alert: {
      key: `${id}@${block}`,
      rule,
      severity,
      line,
      block,
      transaction: null,
      logIndex: null,
      contract: null,
      details: {},
    },
  };
}

async function reserveConditions(c: WatchContext, block: number, now: number): Promise<Condition[]> {
  const coin = SomStablecoin__factory.connect(c.coin.address, c.provider);
  const [supply, snap] = await Promise.all([
    c.t(coin.totalSupply({ blockTag: block }), "reading the total supply"),
    c.t(coin.reserveSnapshot({ blockTag: block }), "reading the attested reserves"),
  ]);
  const [reserves, asOf, maxAge] = [snap[0], Number(snap[1]), Number(snap[2])];
  const out: Condition[] = [];
  const amt = (v: bigint): string => formatTokenAmount(v, c.coinToken);
  if (supply > reserves) {
    out.push(
      draft(
        `supply-above-reserves:${asOf}`,
        "supply.above-reserves",
        "critical",
        `Total supply ${amt(supply)} is ABOVE the attested reserves ${amt(reserves)}`,
        block,
      ),
    );
  }
  if (asOf > 0 && maxAge > 0) {
    const age = now - asOf;
    if (age > maxAge) {
      out.push(
        draft(
          `reserves-stale:${asOf}`,
          "reserves.stale",
          "critical",
          `Attested reserves are STALE: reported as of ${isoTime(asOf)}, ` +
            `older than the maximum age of ${maxAge} s (mints stop)`,
          block,
        ),
      );
    } else if (age * 100 >= maxAge * c.settings.reserveAgeWarnPercent) {
      out.push(
        draft(
          `reserves-aging:${asOf}`,
          "reserves.aging",
          "warning",
          `Attested reserves are ${Math.floor((age * 100) / maxAge)}% of their maximum age ` +
            `(as of ${isoTime(asOf)}; stale at ${isoTime(asOf + maxAge)}): a new report is due`,
          block,
        ),
      );
    }
  }
  return out;
}

async function minterConditions(c: WatchContext, s: WatchState, block: number): Promise<Condition[]> {
  const rec = c.records.find((r) => r.name === SUPPLY_CONTROLLER_RECORD);
  if (!rec) return [];
  const ctl = SomSupplyController__factory.connect(rec.address, c.provider);
  const out: Condition[] = [];
  for (const m of s.minters) {
    const st = await c.t(ctl.minterState(m, { blockTag: block }), "reading a minter's state");
    if (!st.active || st.capacity === 0n) continue;
    if (st.available * 100n < st.capacity * BigInt(Math.round(c.settings.minterLowPercent))) {
      out.push(
        draft(
          `minter-bucket-low:${m}`,
          "minter.bucket-low",
          "warning",
          `Minter ${nameAddress(c.env, m)}: bucket nearly empty, ` +
            `${formatTokenAmount(st.available, c.coinToken)} of ${formatTokenAmount(st.capacity, c.coinToken)} left`,
          block,
        ),
      );
    }
  }
  return out;
}

function redemptionConditions(c: WatchContext, s: WatchState, block: number, now: number): Condition[] {
  return Object.entries(s.openRedemptions)
    .filter(([, deadline]) => now > deadline)
    .map(([id, deadline]) =>
      draft(
        `redemption-overdue:${id}`,
        "redemption.overdue",
        "critical",
        `Redemption request ${id} is OVERDUE: its settlement deadline was ${isoTime(deadline)}`,
        block,
      ),
    );
}

async function licenceConditions(c: WatchContext, block: number, now: number): Promise<Condition[]> {
  const rec = c.records.find((r) => r.name === MARKET_RECORD.registry);
  if (!rec) return [];
  const reg = CounterpartyRegistry__factory.connect(rec.address, c.provider);
  const n = Number(await c.t(reg.counterpartyCount({ blockTag: block }), "reading the counterparty count"));
  const out: Condition[] = [];
  for (let i = 0; i < n; i++) {
    const a = await c.t(reg.counterpartyAt(i, { blockTag: block }), "reading a counterparty");
    const cp = await c.t(reg.counterparty(a, { blockTag: block }), "reading a counterparty");
    const expiry = Number(cp.licenceExpiry);
    if (Number(cp.status) !== 1 || expiry - now > c.settings.licenceWarnDays * DAY) continue;
    const when = expiry <= now ? "EXPIRED" : `expires in ${Math.ceil((expiry - now) / DAY)} day(s)`;
    out.push(
      draft(
        `licence-expiring:${a}:${expiry}`,
        "licence.expiring",
        expiry <= now ? "critical" : "warning",
        `Licence ${cp.licenceNumber} of ${cp.name} (${a}) ${when} (${isoTime(expiry)})`,
        block,
      ),
    );
  }
  return out;
}

/** Every condition true at `block` (time `now`). */
export async function conditionsAt(c: WatchContext, s: WatchState, block: number, now: number): Promise<Condition[]> {
  return [
    ...(await reserveConditions(c, block, now)),
    ...(await minterConditions(c, s, block)),
    ...redemptionConditions(c, s, block, now),
    ...(await licenceConditions(c, block, now)),
  ];
}
