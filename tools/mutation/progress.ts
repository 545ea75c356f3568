/**
 * The progress file: one JSON line per finished mutant (or baseline), appended as each finishes, so an interrupted
 * run resumes. A line counts only under the same fingerprint (a hash of the contract sources and the test files):
 * after a change, results are not reused.
 */
import fs from "node:fs";
import path from "node:path";

export type Status = "killed" | "survived" | "timeout" | "equivalent" | "duplicate" | "stillborn";

export interface ProgressEntry {
  id: string;
  fingerprint: string;
  status: Status | "baseline";
  ms: number;
  /** The failing test (killed), the compiler's error (stillborn), the earlier mutant (duplicate). */
  detail?: string;
}

export class Progress {
  private readonly done = new Map<string, ProgressEntry>();
  constructor(
    readonly file: string,
    fresh = false,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (fresh || !fs.existsSync(file)) return;
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

  record(e: ProgressEntry): void {
    this.done.set(`${e.id}@${e.fingerprint}`, e);
    fs.appendFileSync(this.file, `${JSON.stringify(e)}\n`);
  }
}
