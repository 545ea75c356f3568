/**
 * Gas snapshots: a flat JSON object, operation name -> total transaction gas (receipt gasUsed),
 * each operation its own transaction, measured as ../shared/anchors/gas.md describes.
 */
import fs from "node:fs";

export type GasSnapshot = Record<string, number>;

/** One operation whose gas grew beyond the tolerance. */
export interface GasRegression {
  name: string;
  committed: number;
  measured: number;
  /** Growth as a fraction of the committed figure (0.02 = +2%). */
  growth: number;
}

export interface SnapshotComparison {
  regressions: GasRegression[];
  /** Names in the committed snapshot that the fresh measurement no longer produces. */
  missing: string[];
  /** Names measured now that the committed snapshot lacks (new operations). */
  added: string[];
}

/** Sorts keys so the committed file diffs cleanly. */
export function sortSnapshot(snapshot: GasSnapshot): GasSnapshot {
  return Object.fromEntries(Object.entries(snapshot).sort(([a], [b]) => a.localeCompare(b)));
}

export function readSnapshot(file: string): GasSnapshot {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`${file}: a gas snapshot must be a flat JSON object of name -> gas`);
  }
  const out: GasSnapshot = {};
  for (const [name, gas] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof gas !== "number" || !Number.isInteger(gas) || gas <= 0) {
      throw new Error(`${file}: "${name}" must be a positive integer gas figure, got ${JSON.stringify(gas)}`);
    }
    out[name] = gas;
  }
  return out;
}

export function writeSnapshot(file: string, snapshot: GasSnapshot): void {
  fs.writeFileSync(file, `${JSON.stringify(sortSnapshot(snapshot), null, 2)}\n`);
}

/**
 * Compares a fresh measurement with the committed snapshot.
 * @param tolerance allowed growth as a fraction (0.01 = 1%).
 */
export function compareSnapshots(committed: GasSnapshot, measured: GasSnapshot, tolerance = 0.01): SnapshotComparison {
  const regressions: GasRegression[] = [];
  const missing: string[] = [];
  for (const [name, before] of Object.entries(committed)) {
    const now = measured[name];
    if (now === undefined) {
      missing.push(name);
      continue;
    }
    const growth = (now - before) / before;
    if (growth > tolerance) regressions.push({ name, committed: before, measured: now, growth });
  }
  const added = Object.keys(measured).filter((name) => committed[name] === undefined);
  return { regressions, missing, added };
}

/** Plain-words lines for a comparison, for CI logs. */
export function describeComparison(c: SnapshotComparison, tolerance = 0.01): string[] {
  const limit = `limit +${(tolerance * 100).toFixed(0)}%`;
  const lines = c.regressions.map(
    (r) => `gas regression: ${r.name} ${r.committed} -> ${r.measured} (+${(r.growth * 100).toFixed(2)}%, ${limit})`,
  );
  for (const name of c.missing) lines.push(`gas snapshot: "${name}" is committed but no longer measured`);
  for (const name of c.added)
    lines.push(`gas snapshot: "${name}" is measured but not committed (run npm run gas and commit)`);
  return lines;
}
