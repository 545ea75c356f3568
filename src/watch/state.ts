/**
 * The watcher's persisted state, written atomically (a temporary file renamed over the old one) after every
 * delivered alert and every cursor move: deliver, then record. A `kill -9` at any moment leaves either the state
 * before an alert (the alert is delivered again on restart, with the same idempotency key) or after it (skipped).
 *
 *   - `cursor`: the last block whose alerts are all delivered, and its hash (a restart resumes after it; a hash
 *     that changed means the chain reorganised below the confirmations);
 *   - `delivered`: keys of the alerts delivered from the blocks after the cursor (cleared when the cursor moves);
 *   - `conditions`: conditions already alerted and still true (stale reserves, an overdue request, ...);
 *   - `minters`, `openRedemptions`: what the condition rules follow, learnt from the events.
 */
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../chain/errors";
import { hexBytes32, readJsonFile, z } from "../chain/schema";

export const STATE_VERSION = 1;

const stateSchema = z.strictObject({
  version: z.literal(STATE_VERSION),
  chainId: z.number().int(),
  cursor: z.strictObject({ block: z.number().int().nonnegative(), hash: hexBytes32 }).nullable(),
  delivered: z.array(z.string()),
  conditions: z.array(z.string()),
  minters: z.array(z.string()),
  openRedemptions: z.record(z.string(), z.number().int()),
});
export type WatchState = z.output<typeof stateSchema>;

export class WatchStateError extends UserError {}

export function emptyState(chainId: number): WatchState {
  return {
    version: STATE_VERSION,
    chainId,
    cursor: null,
    delivered: [],
    conditions: [],
    minters: [],
    openRedemptions: {},
  };
}

/** The state of `file` (a new one when absent); a state of another chain is refused. */
export function loadState(file: string, chainId: number): WatchState {
  if (!fs.existsSync(file)) return emptyState(chainId);
  const s = readJsonFile(file, stateSchema);
  if (s.chainId !== chainId) {
    throw new WatchStateError(`${file} is the state of chain ${s.chainId}, not ${chainId}: move it away to start over`);
  }
  return s;
}

/** Writes `s` atomically (write a temporary file, then rename it over `file`). */
export function saveState(file: string, s: WatchState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(s));
  fs.renameSync(tmp, file);
}
