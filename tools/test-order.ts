/**
 * The order in which `npm test` hands its files to mocha's parallel workers. Mocha gives each free worker the next
 * file of its list: a long file that comes late runs alone at the end while the other worker idles (measured on
 * 125 files: test/watch/resilience.test.ts, 51 s of which 31 s wait for a stopped node, came last and ran alone for
 * its last 26 s). The files that take longest, or wait longest for child processes, nodes and real time, start first
 * (longest processing time first, the classic list-scheduling rule); the others keep their order.
 */
import path from "node:path";

/** Test files by measured duration, longest first (seconds on 2 quiet cores, `npm test`, December 2026). */
export const LONGEST_FIRST: readonly string[] = [
  "test/docs/commands-localhost.test.ts", // 123 s: the documented chain lines on anvil
  "test/deploy/e2e.test.ts", // 78 s: deploy, main job and custodian CLIs on Hardhat's node
  "test/watch/resilience.test.ts", // 51 s: kill -9, SIGINT, a node stopped for 20 s
  "test/deploy/anvil.test.ts", // 27 s
  "test/docs/commands.test.ts", // 25 s
  "test/custody/flows.test.ts", // 23 s
  "test/invariants/stablecoin.invariants.test.ts", // 23 s
  "test/invariants/asset.invariants.test.ts", // 20 s
  "test/custody/sign-cli.test.ts", // 20 s
  "test/watch/rules.test.ts", // 17 s
  "test/report/browser.test.ts", // 16 s
  "test/deploy/resume.test.ts", // 15 s
  "test/guard/liveness.test.ts", // 14 s
  "test/attestation/cli.test.ts", // 14 s
];

/** `files` (absolute paths) with {@link LONGEST_FIRST} first, in its order; the rest as given. */
export function orderTestFiles(files: readonly string[], root: string): string[] {
  const rank = new Map(LONGEST_FIRST.map((f, i) => [path.join(root, f), i]));
  const first = files.filter((f) => rank.has(f)).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  return [...first, ...files.filter((f) => !rank.has(f))];
}
