/**
 * The progress file: one JSON line per finished mutant (or baseline), appended as each finishes, so an interrupted
 * run resumes. A line counts only under the same fingerprint (a hash of the contract sources and the test files):
 * after a change, results are not reused. Each run (session) also appends its wall time so far, every half minute
 * and at its end: the wall time of a run resumed several times is the sum of its sessions'.
 */
import fs from "node:fs";
import path from "node:path";
import type { TestRef } from "./warm";

export type Status = "killed" | "survived" | "timeout" | "equivalent" | "duplicate" | "stillborn";

export interface ProgressEntry {
  id: string;
  fingerprint: string;
  status: Status | "baseline" | "session";
  ms: number;
  /** The failing test (killed), the compiler's error (stillborn), the earlier mutant (duplicate). */
  detail?: string;
  /** The test that killed the mutant (not a hook): it is tried alone on the mutants nearby (./nearby.ts). */
  test?: TestRef;
  /** Killed by this test run alone (the test that killed a mutant nearby); checked on the original at the end. */
  solo?: TestRef;
  /** A session's record: the contracts it ran, each as `name@fingerprint`. */
  contracts?: string[];
}

/** The fingerprint of the sessions' records. */
export const SESSION = "session";

export class Progress {
  private readonly done = new Map<string, ProgressEntry>();
  constructor(
    readonly file: string,
    fresh = false,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (fresh) fs.rmSync(file, { force: true });
    if (!fs.existsSync(file)) return;
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      try {
        const e = JSON.parse(line) as ProgressEntry;
        this.done.set(`${e.id}@${e.fingerprint}`, e);
      } catch {
        /* a line cut by an interruption: that mutant runs again */
      }
    }
  }

  get(id: string, fingerprint: string): ProgressEntry | undefined {
    return this.done.get(`${id}@${fingerprint}`);
  }

  /** Every session's latest record (its wall time so far), in the order they started. */
  sessions(): ProgressEntry[] {
    return [...this.done.values()].filter((e) => e.status === "session");
  }

  record(e: ProgressEntry): void {
    this.done.set(`${e.id}@${e.fingerprint}`, e);
    fs.appendFileSync(this.file, `${JSON.stringify(e)}\n`);
  }
}
