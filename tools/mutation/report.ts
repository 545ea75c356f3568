/**
 * The figures of a run: counts per contract and per operator, the score, the survivors; the committed results
 * (docs/mutation/results.json) and docs/mutation.md rendered from them with the annotations
 * (docs/mutation/annotations.json: mutant id -> "equivalent: <one-line argument>" or "killed by <test>").
 */
import type { Mutation } from "./operators";
import type { Status } from "./progress";

export interface MutantResult extends Omit<Mutation, "start" | "end"> {
  status: Status;
  ms: number;
  detail?: string;
}

export interface ContractRun {
  /** Hash of the contract's mutated source files when it ran. */
  sourceHash: string;
  /** The original test files' run time (the per-mutant time limit derives from it). */
  baselineMs?: number;
  /** Wall time of the run that produced the contract's results (the whole run's when it covered several). */
  wallMs?: number;
  /** An interrupted full run: how many of the contract's mutants have a result. */
  partial?: { ran: number; total: number };
}

export interface Results {
  generated: string;
  /** Wall time of the run that produced the latest contract results, and its workers. */
  wallMs: number;
  workers: number;
  contracts: Record<string, ContractRun>;
  mutants: MutantResult[];
}

export type Annotations = Record<string, string>;

export const isArguedEquivalent = (a: Annotations, id: string): boolean => /^equivalent\b/i.test(a[id] ?? "");

export interface Counts {
  total: number;
  killed: number;
  timeout: number;
  survived: number;
  /** Survivors argued equivalent in the annotations. */
  argued: number;
  equivalent: number;
  duplicate: number;
  stillborn: number;
}

export function countOf(ms: readonly MutantResult[], a: Annotations): Counts {
  const c: Counts = {
    total: ms.length,
    killed: 0,
    timeout: 0,
    survived: 0,
    argued: 0,
    equivalent: 0,
    duplicate: 0,
    stillborn: 0,
  };
  for (const m of ms) {
    if (m.status === "survived" && isArguedEquivalent(a, m.id)) c.argued++;
    else c[m.status]++;
  }
  return c;
}

/** Killed (timeouts included) over the non-equivalent mutants that ran; undefined when none ran. */
export function score(c: Counts): number | undefined {
  const n = c.killed + c.timeout + c.survived;
  return n === 0 ? undefined : ((c.killed + c.timeout) / n) * 100;
}

export const formatScore = (s: number | undefined): string => (s === undefined ? "—" : `${s.toFixed(1)}%`);

/** Survivors the annotations do not argue equivalent: what fails a run. */
export function unexplained(ms: readonly MutantResult[], a: Annotations): MutantResult[] {
  return ms.filter((m) => m.status === "survived" && !isArguedEquivalent(a, m.id));
}

const HEAD = ["mutants", "killed", "timed out", "survived", "equivalent (argued)", "equivalent (TCE)", "duplicate"];
const cells = (c: Counts): string[] =>
  [c.total, c.killed, c.timeout, c.survived, c.argued, c.equivalent, c.duplicate, c.stillborn].map(String);

function groupBy(ms: readonly MutantResult[], key: (m: MutantResult) => string): Map<string, MutantResult[]> {
  const g = new Map<string, MutantResult[]>();
  for (const m of ms) g.set(key(m), [...(g.get(key(m)) ?? []), m]);
  return g;
}

/** Plain-text tables of a run (per contract, per operator). */
export function formatTables(ms: readonly MutantResult[], a: Annotations): string {
  const header = ["", ...HEAD, "stillborn", "score"];
  const rows = (g: Map<string, MutantResult[]>): string[][] =>
    [...g].map(([k, list]) => {
      const c = countOf(list, a);
      return [k, ...cells(c), formatScore(score(c))];
    });
  const all = countOf(ms, a);
  const table = (title: string, body: string[][]): string => {
    const t = [[title, ...header.slice(1)], ...body];
    const w = t[0].map((_, i) => Math.max(...t.map((r) => r[i].length)));
    return t.map((r) => r.map((x, i) => (i === 0 ? x.padEnd(w[i]) : x.padStart(w[i]))).join("  ")).join("\n");
  };
  return [
    table("contract", [...rows(groupBy(ms, (m) => m.contract)), ["total", ...cells(all), formatScore(score(all))]]),
    "",
    table("operator", rows(groupBy(ms, (m) => m.operator))),
  ].join("\n");
}

const md = (s: string): string => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");
const code = (s: string): string => (s === "" ? "(nothing)" : `\`${md(s).replace(/`/g, "'")}\``);

/** docs/mutation.md, from the committed results and annotations. */
export function renderMarkdown(r: Results, a: Annotations, order: readonly string[]): string {
  const ms = [...r.mutants].sort(
    (x, y) => order.indexOf(x.contract) - order.indexOf(y.contract) || x.file.localeCompare(y.file) || x.line - y.line,
  );
  const byContract = groupBy(ms, (m) => m.contract);
  const byOperator = groupBy(ms, (m) => m.operator);
  const row = (k: string, list: MutantResult[]): string => {
    const c = countOf(list, a);
    return `| ${k} | ${cells(c).join(" | ")} | ${formatScore(score(c))} |`;
  };
  const head = `| | ${[...HEAD, "stillborn", "score"].join(" | ")} |\n|---|${"---:|".repeat(HEAD.length + 2)}`;
  const all = countOf(ms, a);
  const answered = ms.filter((m) => m.status === "survived" || a[m.id] !== undefined);
  const walls = order.map((n) => r.contracts[n]?.wallMs).filter((w): w is number => w !== undefined);
  const singles = new Set(walls).size === walls.length;
  const minutes = ((singles ? walls.reduce((a, b) => a + b, 0) : r.wallMs) / 60_000).toFixed(1);
  return [
    "# Mutation testing",
    "",
    "Generated by `npm run mutation` (tools/mutation/) from [mutation/results.json](mutation/results.json) and",
    "[mutation/annotations.json](mutation/annotations.json); do not edit by hand. How it works, what each figure",
    "means and how to answer a survivor: the end of this page.",
    "",
    `Latest results: ${r.generated}, ${r.workers} workers; wall time ${minutes} min` +
      (order.some((n) => !r.contracts[n] || r.contracts[n].partial) ? " so far (the full run is not complete)" : "") +
      (singles
        ? " (the contracts' runs added up: " +
          order
            .filter((n) => r.contracts[n]?.wallMs !== undefined)
            .map((n) => `${n} ${((r.contracts[n].wallMs ?? 0) / 60_000).toFixed(1)}`)
            .join(", ") +
          ")."
        : "."),
    `Score = killed (timeouts included) / (killed + timed out + survived); equivalent mutants (argued in the`,
    "annotations or found by the compiler) and stillborn mutants are not in it.",
    "",
    "## Score per contract",
    "",
    ...order
      .filter((n) => r.contracts[n]?.partial)
      .map((n) => {
        const p = r.contracts[n].partial;
        return `- ${n}: interrupted run, ${p?.ran} of its ${p?.total} mutants have a result (the others never ran).`;
      }),
    ...order.filter((n) => !r.contracts[n]).map((n) => `- ${n}: no full run yet.`),
    ...(order.some((n) => r.contracts[n]?.partial || !r.contracts[n]) ? [""] : []),
    head,
    ...[...byContract].map(([k, list]) => row(k, list)),
    row("**total**", ms),
    "",
    "## Score per operator",
    "",
    head,
    ...[...byOperator].map(([k, list]) => row(k, list)),
    "",
    "## Survivors and their answers",
    "",
    answered.length === 0
      ? "No mutant survived."
      : [
          "| mutant | file:line | change | answer |",
          "|---|---|---|---|",
          ...answered.map((m) => {
            const answer =
              m.status === "survived" || (a[m.id] ?? "").startsWith(m.status)
                ? md(a[m.id] ?? "**unexplained: survives**")
                : `${m.status}; ${md(a[m.id] ?? "")}`;
            const where = `${m.file.replace(/^contracts\//, "")}:${m.line}`;
            return `| \`${m.id}\` | ${where} | ${code(m.original)} → ${code(m.replacement)} | ${answer} |`;
          }),
        ].join("\n"),
    "",
    `Unexplained survivors: ${all.survived}.`,
    "",
    "## How it works",
    "",
    "- Mutants: one text edit at an exact source range of the solc-js parse tree of the contract's files.",
    "  Operators: `comparison` (== ↔ !=, && ↔ ||), `boundary` (< ↔ <=, > ↔ >=), `arithmetic` (+ ↔ -, * ↔ /,",
    "  % → *), `negation` (!x → x), `require` and `if-revert` (the check removed), `modifier` and `role` (a",
    "  modifier, an `onlyRole`, a `_checkRole` removed; `hasRole(...)` → `true`), `swap-args` (adjacent name",
    "  arguments swapped), `delete-write` (an assignment, `++`/`--` or `delete` removed), `delete-emit`, `constant`",
    "  (0 → 1, 1 → 0, n → n + 1, a hex literal's last digit, true ↔ false) and `return` (a returned condition",
    "  negated). Ids: contract, operator, line and a hash of the edit.",
    "- Each mutant is compiled through solc-js standard JSON with the Hardhat build's exact input, only the",
    "  production contracts that include the mutated file selected. Not compiling: stillborn. Bytecode without",
    "  metadata equal to the original's: equivalent (TCE); equal to an earlier mutant's: duplicate. Neither runs",
    "  tests.",
    "- The others run in parallel workers, each a copy of the working tree with its build (tools/tree.ts) into",
    "  which the mutant's artifacts, TypeChain factories and upgrades validations are written; a warm Hardhat",
    "  process per worker runs the contract's test files (tools/mutation/targets.ts) with mocha's bail, on the",
    "  chain reverted to its start, test/ and src/ loaded afresh; time limit three times the original run plus",
    "  30 s. The test that killed the nearest mutant of the same file is tried alone first (tools/mutation/",
    "  nearby.ts); every test that killed a mutant alone is run alone on the original contracts at the end, and",
    "  the mutants of one that fails there run again with all their tests. Progress: `.mutation/progress.jsonl`",
    "  (an interrupted run resumes; its wall time is the sum of its sessions'; `--fresh` starts it anew).",
    "- A survivor is answered in `docs/mutation/annotations.json` by its id: `equivalent: <why, one line>` or",
    "  `killed by <test>` once a new test kills it (rerun with `--mutant <id>`). CI (`.ci/run`) runs",
    "  `npm run mutation -- --sample` (40 mutants drawn with a fixed seed) and fails on an unexplained survivor;",
    "  `npm run audit` prints the full run's score.",
    "",
  ].join("\n");
}
