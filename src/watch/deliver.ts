/**
 * Delivery of one alert to every sink: the JSON object on stdout (one line), the readable line on stderr,
 * and each webhook (signed, retried, dead-lettered when it keeps failing). Each sink's delivery completes before
 * the state records it (./follower.ts): deliver, then advance, sink by sink, so a restart repeats no sink's alert.
 */
import type { Alert } from "./alert";
import { readableLine } from "./alert";
import type { WatchSettings } from "./config";
import { deadLetter, postAlert } from "./webhook";

export interface Sinks {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export const processSinks: Sinks = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

/** The sinks of `s`: "console" (stdout JSON + stderr line) and each webhook, by a stable name. */
export function sinkNames(s: WatchSettings): string[] {
  return ["console", ...s.webhooks.map((w) => w.url)];
}

/**
 * Delivers `a` to the sink `name` (see {@link sinkNames}); a webhook that keeps failing goes to the dead-letter
 * file (delivered there, not lost).
 */
export async function deliverTo(a: Alert, name: string, s: WatchSettings, sinks: Sinks): Promise<void> {
  if (name === "console") {
    sinks.out(JSON.stringify(a));
    sinks.err(readableLine(a));
    return;
  }
  const w = s.webhooks.find((x) => x.url === name);
  if (!w) return;
  const outcome = await postAlert(a, w, sinks.env[w.secretEnv] ?? "");
  if (!outcome.ok) {
    deadLetter(s.deadLetterFile, a, w, outcome);
    sinks.err(`[WATCH] webhook ${w.url} failed ${outcome.attempts} time(s) (${outcome.error}): dead letter written`);
  }
}
