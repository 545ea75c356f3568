/**
 * Delivery of one alert to every sink: the JSON object on stdout (one line), the readable line on stderr, and each
 * webhook (signed, retried, dead-lettered when it keeps failing). Delivery completes before the state records the
 * alert as delivered (./follower.ts): deliver, then advance.
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

/** Delivers `a` to stdout, stderr and every webhook of `s` (failures go to the dead-letter file). */
export async function deliver(a: Alert, s: WatchSettings, sinks: Sinks): Promise<void> {
  sinks.out(JSON.stringify(a));
  sinks.err(readableLine(a));
  await Promise.all(
    s.webhooks.map(async (w) => {
      const outcome = await postAlert(a, w, sinks.env[w.secretEnv] ?? "");
      if (!outcome.ok) {
        deadLetter(s.deadLetterFile, a, w, outcome);
        sinks.err(
          `[WATCH] webhook ${w.url} failed ${outcome.attempts} time(s) (${outcome.error}): ` +
            `written to ${s.deadLetterFile}`,
        );
      }
    }),
  );
}
