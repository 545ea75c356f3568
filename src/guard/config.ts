/**
 * `reserveSafe.guard` of deploy/config/<network>.json. The rule (docs/guard.md):
 * - local networks (hardhat, localhost): omitted or `false` = no guard; `{ "delaySeconds": n }` = a guard
 *   with that delay (0 .. 2,592,000 s);
 * - public networks: omitted = a guard with the 48-hour delay; `{ "delaySeconds": n }` with n >= 172,800
 *   (48 h) and <= 2,592,000 (30 days); `false` is refused (the reserve Safe on a public network is guarded);
 * - `expiryWindowSeconds` (optional, 3,600 .. 7,776,000; default 604,800 = 7 days): how long an announced
 *   call stays executable after its delay. No other key is allowed.
 */
import { DEFAULT_EXPIRY_WINDOW_SECONDS, PUBLIC_DEFAULT_DELAY_SECONDS } from "./calls";
import type { GuardConfig } from "./deploy";

export const MAX_DELAY_SECONDS = 30 * 24 * 3600;
export const MIN_EXPIRY_WINDOW_SECONDS = 3600;
export const MAX_EXPIRY_WINDOW_SECONDS = 90 * 24 * 3600;

/** Parses `reserveSafe.guard`; `fail(field, problem)` reports a configuration error (never returns). */
export function parseGuardConfig(
  raw: unknown,
  local: boolean,
  fail: (field: string, problem: string) => never,
): GuardConfig | undefined {
  const field = "reserveSafe.guard";
  if (raw === undefined)
    return local
      ? undefined
      : { delaySeconds: PUBLIC_DEFAULT_DELAY_SECONDS, expiryWindowSeconds: DEFAULT_EXPIRY_WINDOW_SECONDS };
  if (raw === false) {
    if (!local)
      fail(
        field,
        "a reserve Safe on a public network must be guarded: " +
          'remove `false` (default delay 48 h) or give { "delaySeconds": ... }',
      );
    return undefined;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    fail(field, 'must be an object like { "delaySeconds": 172800 }, or false on a local network');
  const o = raw as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => k !== "delaySeconds" && k !== "expiryWindowSeconds");
  if (extra.length > 0) fail(field, `unknown key ${extra.join(", ")} (allowed: delaySeconds, expiryWindowSeconds)`);
  const int = (key: string, min: number, max: number, dflt?: number): number => {
    const v = o[key] ?? dflt;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
      fail(
        `${field}.${key}`,
        `must be an integer from ${min} to ${max}` +
          `${key === "delaySeconds" && !local ? " (at least 48 hours on a public network)" : ""}`,
      );
    return v;
  };
  return {
    delaySeconds: int("delaySeconds", local ? 0 : PUBLIC_DEFAULT_DELAY_SECONDS, MAX_DELAY_SECONDS),
    expiryWindowSeconds: int(
      "expiryWindowSeconds",
      MIN_EXPIRY_WINDOW_SECONDS,
      MAX_EXPIRY_WINDOW_SECONDS,
      DEFAULT_EXPIRY_WINDOW_SECONDS,
    ),
  };
}
