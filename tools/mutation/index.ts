/**
 * `npm run mutation` (scripts/mutation.ts): mutants of the production contracts (./operators.ts), compiled with
 * solc-js (./compile.ts, Trivial Compiler Equivalence), run against their test files in parallel workspaces
 * (./workspace.ts), resumable (./progress.ts), reported per contract and per operator (./report.ts).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Printer } from "../command";
import { UserError } from "../../src/chain/errors";
import { Compiler, codeKey, dependents, importGraph, loadBuild } from "./compile";
import type { CompiledSet } from "./compile";
import { applyMutation, mutationsOf } from "./operators";
import type { Mutation } from "./operators";
import { NearbyKillers, soloKillersToVerify, testKey } from "./nearby";
import { Progress, SESSION } from "./progress";
import type { ProgressEntry } from "./progress";
import { countOf, formatScore, formatTables, renderMarkdown, score, unexplained } from "./report";
import type { Annotations, MutantResult, Results } from "./report";
import { selectMutants } from "./select";
import { TARGETS } from "./targets";
import type { Target } from "./targets";
import type { MutationOptions } from "./options";
import type { TestRef } from "./warm";
import { Workspace } from "./workspace";
import type { TestOutcome } from "./workspace";

export * from "./options";
export * from "./report";
export { mutationsOf, applyMutation, OPERATORS } from "./operators";
export type { Mutation, Operator } from "./operators";
export { selectMutants, shuffle } from "./select";
export { Compiler, codeKey, stripMetadata, dependents, importGraph } from "./compile";
export type { Build, CompileResult } from "./compile";
export { Progress, SESSION } from "./progress";
export { NearbyKillers, soloKillersToVerify } from "./nearby";
export type { ProgressEntry, Status } from "./progress";
export { TARGETS } from "./targets";

export const RESULTS_FILE = path.join("docs", "mutation", "results.json");
export const ANNOTATIONS_FILE = path.join("docs", "mutation", "annotations.json");
export const DOC_FILE = path.join("docs", "mutation.md");
export const PROGRESS_FILE = path.join(".mutation", "progress.jsonl");
/** The sample's stand-in for a contract without a committed baseline: a time limit of 3 × 90 s + 30 s. */
const SAMPLE_BASELINE_MS = 90_000;
/** How often a session records its wall time so far in the progress file. */
const SESSION_EVERY_MS = 30_000;

const sha = (parts: readonly string[]): string => {
  const h = crypto.createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
};

/** Hash of a target's mutated source files (as on disk): the committed results say whether they changed since. */
export function sourceHash(root: string, t: Target): string {
  return sha(t.files.flatMap((f) => [f, fs.readFileSync(path.join(root, f), "utf8")]));
}

function listFiles(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** What a mutant's result depends on: every contract source, the target's test files, their folders' helpers. */
export function fingerprintOf(root: string, t: Target): string {
  const helpers = new Set<string>(listFiles(path.join(root, "test", "helpers"), ""));
  for (const test of t.tests)
    for (const f of fs.readdirSync(path.join(root, path.dirname(test))))
      if (!f.endsWith(".test.ts")) helpers.add(path.join(root, path.dirname(test), f));
  const files = [
    ...listFiles(path.join(root, "contracts"), ".sol"),
    ...t.tests.map((f) => path.join(root, f)),
    ...[...helpers].sort(),
  ];
  return sha(files.flatMap((f) => [path.relative(root, f), fs.readFileSync(f, "utf8")])).slice(0, 16);
}

export function readAnnotations(root: string): Annotations {
  const file = path.join(root, ANNOTATIONS_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Annotations) : {};
}

export function readResults(root: string): Results | undefined {
  const file = path.join(root, RESULTS_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Results) : undefined;
}

/** Every mutant of the given targets, in table order, and the compiler that builds them. */
export function generate(
  root: string,
  targets: readonly Target[],
): { compiler: Compiler; mutants: Mutation[]; graph: Map<string, string[]> } {
  const first = targets[0].files[0];
  const build = loadBuild(root, first, path.basename(first, ".sol"));
  const compiler = new Compiler(build, root);
  const asts = compiler.parseAll();
  const mutants = targets.flatMap((t) =>
    t.files.flatMap((f) => {
      const source = build.input.sources[f]?.content;
      if (source === undefined || !asts[f]) throw new Error(`${f} is not in the build: compile first`);
      if (source !== fs.readFileSync(path.join(root, f), "utf8"))
        throw new Error(`${f} changed since the last compile: compile first (npm run compile)`);
      return mutationsOf(t.name, f, asts[f], source);
    }),
  );
  return { compiler, mutants, graph: importGraph(asts) };
}

/** Writes the committed results and regenerates docs/mutation.md from them. */
export function writeResults(root: string, r: Results, annotations: Annotations): void {
  fs.mkdirSync(path.dirname(path.join(root, RESULTS_FILE)), { recursive: true });
  fs.writeFileSync(path.join(root, RESULTS_FILE), `${JSON.stringify(r, null, 1)}\n`);
  fs.writeFileSync(
    path.join(root, DOC_FILE),
    renderMarkdown(
      r,
      annotations,
      TARGETS.map((t) => t.name),
    ),
  );
}

/** Runs the mutation testing; resolves to the exit code (1 when a mutant survives unexplained). */
export async function runMutation(o: MutationOptions, root: string, out: Printer): Promise<number> {
  const started = Date.now();
  const targets = TARGETS.filter((t) => o.contracts.includes(t.name));
  const { compiler, mutants: all, graph } = generate(root, targets);
  const unknown = o.mutants.filter((id) => !all.some((m) => m.id === id));
  if (unknown.length > 0) throw new UserError(`no such mutant: ${unknown.join(", ")}`);
  const mutants = o.mutants.length > 0 ? all.filter((m) => o.mutants.includes(m.id)) : selectMutants(all, o);
  out.log(`${all.length} mutants of ${targets.map((t) => t.name).join(", ")}; this run: ${mutants.length}`);
  const progress = new Progress(o.progressFile ?? path.join(root, PROGRESS_FILE), o.fresh);
  const session = `session:${new Date(started).toISOString()}`;
  // A rerun of chosen mutants (--mutant) is not a session of the run: its time is its own.
  const recordSession = (): void => {
    if (o.mutants.length > 0) return;
    progress.record({
      id: session,
      fingerprint: SESSION,
      status: "session",
      ms: Date.now() - started,
      contracts: targets.map((t) => `${t.name}@${prints.get(t.name) ?? ""}`),
    });
  };
  const previous = readResults(root);
  const prints = new Map(targets.map((t) => [t.name, fingerprintOf(root, t)]));
  const byName = new Map(targets.map((t) => [t.name, t]));

  // The original code of each mutated file's dependents, compiled once: TCE compares against it.
  const originals = new Map<string, { key: string; selected: string[] }>();
  const original = (file: string): { key: string; selected: string[] } => {
    let o2 = originals.get(file);
    if (!o2) {
      const selected = dependents(graph, file);
      const res = compiler.compile(selected);
      if (!res.ok) throw new Error(`the original sources do not compile: ${res.error}`);
      o2 = { key: codeKey(res.contracts), selected };
      originals.set(file, o2);
    }
    return o2;
  };

  const results = new Map<string, MutantResult>();
  /** Mutants killed by a nearby mutant's killing test run alone (verified on the original contracts at the end). */
  const soloOf = new Map<string, TestRef>();
  const killers = new NearbyKillers();
  const seen = new Map<string, string>();
  const finish = (m: Mutation, e: Omit<ProgressEntry, "id" | "fingerprint">, fresh: boolean): void => {
    const { start: _s, end: _e, ...rest } = m;
    results.set(m.id, { ...rest, status: e.status as MutantResult["status"], ms: e.ms, detail: e.detail });
    if (e.solo) soloOf.set(m.id, e.solo);
    else soloOf.delete(m.id);
    if (e.test) killers.add(m.file, m.line, e.test);
    if (fresh) progress.record({ id: m.id, fingerprint: prints.get(m.contract) ?? "", ...e });
    const n = results.size;
    if (fresh)
      out.log(`[${n}/${mutants.length}] ${m.id} ${e.status}${e.detail ? ` (${e.detail.split("\n")[0]})` : ""}`);
  };

  // Compiles a mutant; undefined when it was settled without tests (stillborn, equivalent, duplicate).
  const compileMutant = (m: Mutation): CompiledSet | undefined => {
    const t0 = Date.now();
    const base = original(m.file);
    const source = compiler.build.input.sources[m.file].content;
    const res = compiler.compile(base.selected, m.file, applyMutation(source, m));
    const ms = Date.now() - t0;
    if (!res.ok) {
      finish(m, { status: "stillborn", ms, detail: res.error.split("\n")[0] }, true);
      return undefined;
    }
    const key = codeKey(res.contracts);
    if (key === base.key) {
      finish(m, { status: "equivalent", ms, detail: "bytecode equals the original's" }, true);
      return undefined;
    }
    const earlier = seen.get(key);
    // (a mutant run again after its killing test failed alone on the original is not its own duplicate)
    if (earlier !== undefined && earlier !== m.id) {
      finish(m, { status: "duplicate", ms, detail: earlier }, true);
      return undefined;
    }
    seen.set(key, m.id);
    return res.contracts;
  };

  const pending: Mutation[] = [];
  for (const m of mutants) {
    const done = progress.get(m.id, prints.get(m.contract) ?? "");
    if (done && done.status !== "baseline") finish(m, done, false);
    else pending.push(m);
  }
  if (results.size > 0) out.log(`resumed: ${results.size} mutants from ${PROGRESS_FILE}`);

  // SIGINT / SIGTERM: no new mutant starts; those running finish and the results so far are reported (a full
  // run's results then say how many of the contract's mutants ran). The progress file lets a later run resume.
  let stopping = false;
  const timer = setInterval(recordSession, SESSION_EVERY_MS);
  const stop = (): void => {
    if (!stopping) out.error("stopping: the mutants running finish, the others are left for a resumed run");
    stopping = true;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const baselines = new Map<string, number>();
  const workers = pending.length === 0 ? [] : Array.from({ length: Math.min(o.workers, pending.length) }, (_, i) => i);
  const spaces = workers.map((i) => new Workspace(root, i));
  try {
    // Baselines: the original tests must pass; their time sets the per-mutant limit.
    const needBaseline = [...new Set(pending.map((m) => m.contract))];
    const baselineOf = async (space: Workspace, name: string): Promise<void> => {
      const id = `baseline:${name}`;
      const fp = prints.get(name) ?? "";
      const done = progress.get(id, fp);
      const committed = previous?.contracts[name]?.baselineMs;
      if (done) baselines.set(name, done.ms);
      // The CI sample runs after the tests passed: it takes the committed run's time, or a fixed limit.
      else if (o.sample) baselines.set(name, committed ?? SAMPLE_BASELINE_MS);
      else {
        space.restore();
        const r = await space.runTests(byName.get(name)?.tests ?? [], 900_000);
        if (r.status !== "survived")
          throw new Error(`the tests of ${name} do not pass on the original contracts (${r.status})`);
        baselines.set(name, r.ms);
        progress.record({ id, fingerprint: fp, status: "baseline", ms: r.ms });
        out.log(`baseline ${name}: ${(r.ms / 1000).toFixed(1)} s`);
      }
    };
    const queue = [...needBaseline];
    await Promise.all(
      spaces.map(async (space) => {
        for (let n = queue.shift(); n !== undefined; n = queue.shift()) await baselineOf(space, n);
      }),
    );

    // Mutants: each worker compiles the next one (in this process) and runs its tests in its workspace: first the
    // test that killed the nearest mutant alone (./nearby.ts), then, unless that killed it, the whole list.
    const runMutant = async (space: Workspace, m: Mutation, nearby: boolean): Promise<void> => {
      const compiled = compileMutant(m);
      if (!compiled) return;
      space.install(compiled);
      const tests = byName.get(m.contract)?.tests ?? [];
      const limit = 3 * (baselines.get(m.contract) ?? 60_000) + 30_000;
      const near = nearby ? killers.nearest(m.file, m.line) : undefined;
      let ms = 0;
      let r: TestOutcome | undefined;
      if (near) {
        const alone = await space.runTests([near.file], limit, near.title);
        ms += alone.ms;
        if (alone.status !== "survived") r = alone;
      }
      const solo = r !== undefined ? near : undefined;
      if (r === undefined) {
        const all = await space.runTests(tests, limit);
        ms += all.ms;
        r = all;
      }
      const killed = r.status === "killed" ? r : undefined;
      finish(m, { status: r.status, ms, detail: killed?.failed, test: killed?.test, solo }, true);
    };
    const drain = (list: Mutation[], nearby: boolean): Promise<void[]> =>
      Promise.all(
        spaces.map(async (space) => {
          for (let m = list.shift(); m !== undefined && !stopping; m = list.shift()) await runMutant(space, m, nearby);
        }),
      );
    await drain([...pending], true);

    // Every test that killed a mutant alone must pass alone on the original contracts; the mutants of one that
    // does not run again with their whole list.
    if (!stopping) {
      const verify = soloKillersToVerify([...soloOf.values()].map((solo) => ({ solo })));
      const failing = new Set<string>();
      const tests = [...verify];
      await Promise.all(
        spaces.map(async (space) => {
          space.restore();
          for (let t = tests.shift(); t !== undefined; t = tests.shift()) {
            const r = await space.runTests([t.file], 900_000, t.title);
            if (r.status !== "survived" || r.tests === 0) failing.add(testKey(t));
          }
        }),
      );
      out.log(
        `checked alone on the original contracts: ${verify.length} test(s) that killed mutants alone; ` +
          (failing.size === 0 ? "all pass" : `${failing.size} fail (their mutants run again with every test)`),
      );
      const again = mutants.filter((m) => {
        const solo = soloOf.get(m.id);
        return solo !== undefined && failing.has(testKey(solo));
      });
      await drain(again, false);
    } else if (soloOf.size > 0) out.log("not checked: the tests that killed mutants alone (a resumed run checks them)");
  } finally {
    clearInterval(timer);
    recordSession();
    for (const s of spaces) s.remove();
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }

  const list = mutants.map((m) => results.get(m.id)).filter((r): r is MutantResult => r !== undefined);
  const annotations = readAnnotations(root);
  // A run resumed several times: its wall time is the sum of its sessions' (the progress file's records).
  // a session counts for a contract when it ran it with today's sources and tests (its results are the ones reused)
  const sessionsOf = (names: readonly string[]) =>
    progress.sessions().filter((e) => names.some((n) => e.contracts?.includes(`${n}@${prints.get(n) ?? ""}`)));
  const wallOf = (names: readonly string[]): number => sessionsOf(names).reduce((a, e) => a + e.ms, 0);
  const names = targets.map((t) => t.name);
  const wallMs = o.mutants.length > 0 ? Date.now() - started : wallOf(names);
  out.log("");
  out.log(formatTables(list, annotations));
  const count = sessionsOf(names).length;
  const resumed = count > 1 ? ` (${count} sessions of this progress file added up)` : "";
  out.log(`\nwall time ${(wallMs / 60_000).toFixed(1)} min${resumed}`);

  if (o.mutants.length > 0 && previous) {
    // a rerun of some mutants: their results replace the committed ones
    const r: Results = { ...previous, mutants: previous.mutants.map((m) => results.get(m.id) ?? m) };
    writeResults(root, r, annotations);
  } else if (o.max === undefined && !o.sample) {
    const kept = (previous?.mutants ?? []).filter((m) => !o.contracts.includes(m.contract));
    const contracts: Results["contracts"] = { ...(previous?.contracts ?? {}) };
    for (const t of targets) {
      const total = mutants.filter((m) => m.contract === t.name).length;
      const ran = list.filter((m) => m.contract === t.name).length;
      contracts[t.name] = {
        sourceHash: sourceHash(root, t),
        baselineMs: baselines.get(t.name),
        wallMs: wallOf([t.name]),
        ...(ran < total ? { partial: { ran, total } } : {}),
      };
    }
    const order = TARGETS.map((t) => t.name);
    const r: Results = {
      generated: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      wallMs,
      workers: o.workers,
      contracts,
      mutants: [...kept, ...list].sort((a, b) => order.indexOf(a.contract) - order.indexOf(b.contract)),
    };
    writeResults(root, r, annotations);
    out.log(`wrote ${RESULTS_FILE} and ${DOC_FILE}`);
  }

  const bad = unexplained(list, annotations);
  for (const m of bad) out.error(`survived: ${m.id} ${m.file}:${m.line} ${m.original} -> ${m.replacement}`);
  return bad.length === 0 ? 0 : 1;
}

/**
 * The committed full run in a few words, for `npm run audit`: the score over the contracts it covers, unexplained
 * survivors, and whether a contract's sources changed since (by source hash).
 */
export function describeCommittedRun(root: string): string {
  const r = readResults(root);
  if (!r) return `no committed full run (${RESULTS_FILE}): npm run mutation`;
  const a = readAnnotations(root);
  const c = countOf(r.mutants, a);
  const changed = TARGETS.filter((t) => r.contracts[t.name] && r.contracts[t.name].sourceHash !== sourceHash(root, t));
  const missing = TARGETS.filter((t) => !r.contracts[t.name]);
  return [
    `score ${formatScore(score(c))} (${c.killed + c.timeout} of ${c.killed + c.timeout + c.survived} killed; ` +
      `${c.argued + c.equivalent} equivalent, ${c.stillborn} stillborn) over ${Object.keys(r.contracts).length} ` +
      `contracts, ${TARGETS.some((t) => r.contracts[t.name]?.partial) ? "partial" : "full"} run of ${r.generated}`,
    c.survived > 0 ? `${c.survived} unexplained survivor(s)` : "",
    ...TARGETS.filter((t) => r.contracts[t.name]?.partial).map((t) => {
      const p = r.contracts[t.name].partial;
      return `INCOMPLETE: ${t.name} ${p?.ran} of ${p?.total} mutants`;
    }),
    changed.length > 0 ? `changed since: ${changed.map((t) => t.name).join(", ")}` : "sources unchanged since",
    missing.length > 0 ? `not run: ${missing.map((t) => t.name).join(", ")}` : "",
  ]
    .filter((s) => s !== "")
    .join("; ");
}
