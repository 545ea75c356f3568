/**
 * Tests that killed mutants nearby, tried alone first. Mutants of one line or function fall to the same test: the
 * run remembers which test killed each mutant (by source file and line) and gives the next mutant the test that
 * killed the nearest one, run alone (its file's hooks, nothing else). If it fails, the mutant is killed without the
 * tests before it; if it passes, the mutant runs the contract's whole list as before (a miss costs one short run).
 *
 * A test that fails alone on the original contracts would kill every mutant it is tried on, so every test that
 * killed a mutant alone is run alone on the original contracts at the end of the run ({@link soloKillersToVerify}):
 * the mutants of a test that fails there run again with the whole list.
 */
import type { TestRef } from "./warm";

interface Kill {
  line: number;
  test: TestRef;
  order: number;
}

export class NearbyKillers {
  private readonly bySource = new Map<string, Kill[]>();
  private count = 0;

  /** Remembers that `test` killed a mutant of `source` at `line`. */
  add(source: string, line: number, test: TestRef): void {
    const kills = this.bySource.get(source) ?? [];
    kills.push({ line, test, order: this.count++ });
    this.bySource.set(source, kills);
  }

  /** The test that killed the mutant nearest to `line` in `source` (the latest of those as near), if any. */
  nearest(source: string, line: number): TestRef | undefined {
    let best: Kill | undefined;
    for (const k of this.bySource.get(source) ?? []) {
      const d = Math.abs(k.line - line);
      const bd = best === undefined ? Infinity : Math.abs(best.line - line);
      if (d < bd || (d === bd && best !== undefined && k.order > best.order)) best = k;
    }
    return best?.test;
  }
}

/** Key of a test for sets and maps. */
export const testKey = (t: TestRef): string => `${t.file}\0${t.title}`;

/** The distinct tests that killed a mutant alone, each once, in first-seen order. */
export function soloKillersToVerify(results: readonly { solo?: TestRef }[]): TestRef[] {
  const seen = new Map<string, TestRef>();
  for (const r of results) if (r.solo && !seen.has(testKey(r.solo))) seen.set(testKey(r.solo), r.solo);
  return [...seen.values()];
}
