/**
 * The watcher's persisted state: deliver, then record. Each delivery (and each condition alerted) is appended at
 * once to a journal beside the state file (`<stateFile>.journal`, one JSON line, no rename: a catch-up of thousands
 * of alerts costs one small append each); every cursor move compacts the journal into the state, written atomically
 * (a temporary file renamed over the old one), with a new `generation`. Loading applies the journal lines of the
 * state's generation (older lines were already compacted; a line torn by a `kill -9` is ignored). A `kill -9` at any
 * moment leaves either the state before an alert (the alert is delivered again on restart, with the same
 * idempotency key) or after it (skipped).
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
  /** Compactions so far: journal lines of another generation are ignored. */
  generation: z.number().int().nonnegative().default(0),
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
    generation: 0,
  };
}

const journalOf = (file: string): string => `${file}.journal`;

interface JournalLine {
  g: number;
  d?: string;
  c?: string;
}

/** Applies the journal lines of `s`'s generation. */
function replay(file: string, s: WatchState): void {
  if (!fs.existsSync(journalOf(file))) return;
  for (const text of fs.readFileSync(journalOf(file), "utf8").split("\n")) {
    let line: JournalLine;
    try {
      line = JSON.parse(text) as JournalLine;
    } catch {
      continue; // empty, or torn by a kill -9 mid-append: that record never completed
    }
    if (line.g !== s.generation) continue;
    if (typeof line.d === "string" && !s.delivered.includes(line.d)) s.delivered.push(line.d);
    if (typeof line.c === "string" && !s.conditions.includes(line.c)) s.conditions.push(line.c);
  }
}

/** Records that `done` (`<alert key>|<sink>`) was delivered: in `s` and, at once, in the journal. */
export function recordDelivery(file: string, s: WatchState, done: string): void {
  s.delivered.push(done);
  append(file, { g: s.generation, d: done });
}

/** Records that the condition `id` was alerted: in `s` and, at once, in the journal. */
export function recordCondition(file: string, s: WatchState, id: string): void {
  s.conditions.push(id);
  append(file, { g: s.generation, c: id });
}

function append(file: string, line: JournalLine): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(journalOf(file), `${JSON.stringify(line)}\n`);
}

/** The state of `file` (a new one when absent); a state of another chain is refused. */
export function loadState(file: string, chainId: number): WatchState {
  const s = fs.existsSync(file) ? readJsonFile(file, stateSchema) : emptyState(chainId);
  if (s.chainId !== chainId) {
    throw new WatchStateError(`${file} is the state of chain ${s.chainId}, not ${chainId}: move it away to start over`);
  }
  replay(file, s);
  return s;
}

/**
 * Writes `s` atomically (a temporary file renamed over `file`) as a new generation, then empties the journal (a
 * kill -9 between the two leaves lines of the old generation, ignored on load).
 */
export function saveState(file: string, s: WatchState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  s.generation += 1;
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(s));
  fs.renameSync(tmp, file);
  fs.rmSync(journalOf(file), { force: true });
}
