/**
 * One alert: the versioned JSON object printed on stdout (one per line) and posted to webhooks, and its readable
 * line for stderr. The schema is documented in docs/watch.md; `schema` changes only with a new version.
 */

export const ALERT_SCHEMA = "som-watch-alert/1";

export type Severity = "critical" | "warning" | "info";

export interface Alert {
  schema: typeof ALERT_SCHEMA;
  /** Idempotency key: the same event always has the same key (a receiver drops a key it has seen). */
  key: string;
  /** Rule name, e.g. "guard.announced". */
  rule: string;
  severity: Severity;
  network: string;
  chainId: number;
  /** One decoded line (the custodian decoder, names from the records). */
  line: string;
  /** Block of the event (or of the observation, for conditions); null for node outages. */
  block: number | null;
  /** Block time, ISO 8601 UTC; null when unknown. */
  time: string | null;
  transaction: string | null;
  logIndex: number | null;
  /** Record name of the emitting contract, when an event. */
  contract: string | null;
  /** Explorer link of the transaction (or block); null on networks without an explorer. */
  link: string | null;
  /** Rule-specific facts (addresses, amounts as decimal strings, times). */
  details: Record<string, string | number | boolean | null>;
}

/** What a rule produces; the follower fills in the network, chain and link. */
export type AlertDraft = Omit<Alert, "schema" | "network" | "chainId" | "link" | "time"> & { time?: string | null };

/** The readable stderr line of an alert. */
export function readableLine(a: Alert): string {
  const where = a.block === null ? "" : ` (block ${a.block}${a.transaction ? `, tx ${a.transaction}` : ""})`;
  return `[${a.severity.toUpperCase()}] ${a.rule}: ${a.line}${where}${a.link ? ` ${a.link}` : ""}`;
}

/** ISO 8601 of unix seconds. */
export function isoTime(seconds: number | bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}
