/**
 * The mutation command's surface: one-line user errors, the progress file (an interrupted run resumes: done mutants
 * are not run again; a changed fingerprint is not reused), the figures and docs/mutation.md. No mutant runs here.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  NearbyKillers,
  Progress,
  SESSION,
  USAGE,
  countOf,
  describeCommittedRun,
  fingerprintOf,
  generate,
  parseOptions,
  renderMarkdown,
  runMutation,
  score,
  soloKillersToVerify,
  sourceHash,
  TARGETS,
  type MutantResult,
  type Results,
} from "../../tools/mutation";
import { UserError } from "../../src/chain/errors";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";

describe("mutation: options, progress and resume, report", function () {
  this.timeout(180_000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-mutation-test-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("options: defaults, --sample's fixed size and seed, contract names in table order", function () {
    const all = parseOptions([]);
    expect(all.contracts).to.deep.equal(TARGETS.map((t) => t.name));
    expect(all.workers).to.equal(2);
    const sample = parseOptions(["--sample"]);
    expect([sample.max, sample.seed]).to.deep.equal([40, 25]);
    expect(parseOptions(["--contract", "assettoken", "--contract", "ReserveGuard"]).contracts).to.deep.equal([
      "ReserveGuard",
      "AssetToken",
    ]);
    expect(parseOptions(["--max", "5", "--seed", "0"])).to.include({ max: 5, seed: 0 });
  });

  for (const [args, message] of [
    [["--contract", "Nope"], /^unknown contract "Nope": one of SomStablecoin, /],
    [["--contract"], /^unknown contract ""/],
    [["--max", "0"], /^--max needs a whole number ≥ 1, got "0"$/],
    [["--max", "x"], /^--max needs a whole number ≥ 1, got "x"$/],
    [["--seed", "-1"], /^--seed needs a whole number ≥ 0, got "-1"$/],
    [["--seed"], /^--seed needs a whole number ≥ 0, got nothing$/],
    [["--fast"], /^unknown option "--fast"/],
  ] as const)
    it(`user error: ${args.join(" ")}`, function () {
      expect(() => parseOptions(args)).to.throw(UserError, message);
    });

  it("the command prints a user error as one line and exits 1; --help lists every option", function () {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, commandArgs("scripts/mutation.ts", args), {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
        timeout: 120_000,
      });
    const bad = run("--max", "0");
    expect(bad.status).to.equal(1);
    expect(bad.stderr.trim().split("\n")).to.deep.equal(['error: --max needs a whole number ≥ 1, got "0"']);
    const help = run("--help");
    expect(help.status).to.equal(0);
    for (const option of ["--contract", "--max", "--seed", "--sample", "--workers", "--fresh", "--help"])
      expect(help.stdout).to.contain(option);
    expect(help.stdout.trim()).to.equal(USAGE);
  });

  it("progress: entries are kept by id and fingerprint; a line cut by an interruption is skipped", function () {
    const file = path.join(dir, "p", "progress.jsonl");
    const p = new Progress(file);
    p.record({ id: "A:x:L1:00000000", fingerprint: "f1", status: "killed", ms: 5 });
    fs.appendFileSync(file, '{"id":"A:x:L2');
    const again = new Progress(file);
    expect(again.get("A:x:L1:00000000", "f1")?.status).to.equal("killed");
    expect(again.get("A:x:L1:00000000", "f2")).to.equal(undefined);
    expect(new Progress(file, true).get("A:x:L1:00000000", "f1")).to.equal(undefined);
  });

  it("a resumed run takes done mutants from the progress file and runs none of them again", async function () {
    const target = TARGETS.find((t) => t.name === "DistributionRule")!;
    const { mutants } = generate(PROJECT_ROOT, [target]);
    const file = path.join(dir, "progress.jsonl");
    const done = new Progress(file);
    for (const m of mutants.slice(0, 3))
      done.record({ id: m.id, fingerprint: fingerprintOf(PROJECT_ROOT, target), status: "killed", ms: 1, detail: "t" });
    // an earlier session of this run (interrupted after 20 minutes), one of another contract's run, and one of this
    // contract with other sources or tests (its results are not reused, nor is its time counted)
    const earlier = { fingerprint: SESSION, status: "session" as const };
    const fp = `DistributionRule@${fingerprintOf(PROJECT_ROOT, target)}`;
    done.record({ ...earlier, id: "session:1", ms: 10 * 60_000, contracts: [fp] });
    done.record({ ...earlier, id: "session:1", ms: 20 * 60_000, contracts: [fp] });
    done.record({ ...earlier, id: "session:2", ms: 60 * 60_000, contracts: ["ReserveGuard@x"] });
    done.record({ ...earlier, id: "session:3", ms: 30 * 60_000, contracts: ["DistributionRule@older"] });
    const before = fs.readFileSync(file, "utf8");
    const lines: string[] = [];
    const printer = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    const options = { ...parseOptions(["--contract", "DistributionRule", "--max", "3"]), progressFile: file };
    expect(await runMutation(options, PROJECT_ROOT, printer)).to.equal(0);
    expect(lines).to.include("resumed: 3 mutants from .mutation/progress.jsonl");
    expect(lines.filter((l) => /^\[\d+\/\d+\]/.test(l))).to.deep.equal([]); // nothing compiled or run
    expect(lines.join("\n")).to.match(/DistributionRule\s+3\s+3\s+0\s+0/);
    // the file gains only this session's record: the run's wall time adds its sessions' (20 min + this one's)
    const added = fs.readFileSync(file, "utf8").slice(before.length).trim().split("\n");
    expect(fs.readFileSync(file, "utf8").startsWith(before)).to.equal(true);
    expect(added.map((l) => JSON.parse(l) as { status: string; contracts: string[] })).to.have.length(1);
    expect(JSON.parse(added[0])).to.include({ status: "session", fingerprint: SESSION });
    // 20 minutes and this session's seconds
    const wall = /^\nwall time (\d+\.\d) min \(2 sessions of this progress file added up\)$/.exec(
      lines.find((l) => l.includes("wall time")) ?? "",
    );
    expect(Number(wall?.[1])).to.be.within(20.0, 21.0);
    // --fresh starts the file anew
    new Progress(file, true);
    expect(fs.existsSync(file)).to.equal(false);
  });

  it("nearby killers: the test that killed the nearest mutant of the same source (the latest of equals)", function () {
    const k = new NearbyKillers();
    const t = (title: string) => ({ file: "test/a.test.ts", title });
    expect(k.nearest("A.sol", 10)).to.equal(undefined);
    k.add("A.sol", 10, t("ten"));
    k.add("A.sol", 20, t("twenty"));
    k.add("B.sol", 14, t("other source"));
    expect(k.nearest("A.sol", 14)?.title).to.equal("ten");
    expect(k.nearest("A.sol", 16)?.title).to.equal("twenty");
    expect(k.nearest("A.sol", 15)?.title).to.equal("twenty"); // a tie: the latest
    k.add("A.sol", 10, t("ten again"));
    expect(k.nearest("A.sol", 11)?.title).to.equal("ten again");
    expect(k.nearest("B.sol", 1)?.title).to.equal("other source");
    expect(k.nearest("C.sol", 1)).to.equal(undefined);
    // each test that killed alone is checked on the original once
    const solo = [{ solo: t("ten") }, {}, { solo: t("ten") }, { solo: { file: "test/b.test.ts", title: "ten" } }];
    expect(soloKillersToVerify(solo)).to.deep.equal([t("ten"), { file: "test/b.test.ts", title: "ten" }]);
  });

  it("npm run audit's row: the committed run's score, and the contracts whose sources changed since", function () {
    for (const t of TARGETS)
      for (const f of t.files) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.copyFileSync(path.join(PROJECT_ROOT, f), path.join(dir, f));
      }
    expect(describeCommittedRun(dir)).to.match(/^no committed full run/);
    const base = { file: "f", line: 1, operator: "boundary" as const, original: "<", replacement: "<=", ms: 1 };
    const r: Results = {
      generated: "2026-12-07 04:00 UTC",
      wallMs: 1,
      workers: 2,
      contracts: Object.fromEntries(TARGETS.map((t) => [t.name, { sourceHash: sourceHash(dir, t) }])),
      mutants: [
        { ...base, id: "a", contract: "ReserveGuard", status: "killed" },
        { ...base, id: "b", contract: "ReserveGuard", status: "survived" },
      ],
    };
    fs.mkdirSync(path.join(dir, "docs", "mutation"), { recursive: true });
    fs.writeFileSync(path.join(dir, "docs", "mutation", "results.json"), JSON.stringify(r));
    expect(describeCommittedRun(dir)).to.equal(
      "score 50.0% (1 of 2 killed; 0 equivalent, 0 stillborn) over 7 contracts, full run of 2026-12-07 04:00 UTC; " +
        "1 unexplained survivor(s); sources unchanged since",
    );
    // an interrupted run says so: the audit never calls a partial run full
    r.contracts.AssetToken = { ...r.contracts.AssetToken, partial: { ran: 45, total: 443 } };
    fs.writeFileSync(path.join(dir, "docs", "mutation", "results.json"), JSON.stringify(r));
    expect(describeCommittedRun(dir)).to.contain("partial run of 2026-12-07 04:00 UTC");
    expect(describeCommittedRun(dir)).to.contain("INCOMPLETE: AssetToken 45 of 443 mutants");
    fs.appendFileSync(path.join(dir, "contracts/guard/ReserveGuard.sol"), "\n");
    expect(describeCommittedRun(dir)).to.match(/; changed since: ReserveGuard$/);
  });

  it("figures: the score leaves out equivalents (compiler-found or argued) and stillborns; docs list survivors", function () {
    const base = { contract: "C", file: "contracts/C.sol", original: "<", replacement: "<=", ms: 1 };
    const m = (id: string, status: MutantResult["status"], operator = "boundary" as const): MutantResult => ({
      ...base,
      id,
      status,
      operator,
      line: 1,
    });
    const list = [m("k", "killed"), m("t", "timeout"), m("s", "survived"), m("e", "survived"), m("q", "equivalent")];
    const annotations = { e: "equivalent: only the order of two reads changes" };
    const c = countOf([...list, m("b", "stillborn")], annotations);
    expect(c).to.include({ killed: 1, timeout: 1, survived: 1, argued: 1, equivalent: 1, stillborn: 1 });
    expect(score(c)?.toFixed(1)).to.equal("66.7");
    const r: Results = {
      generated: "now",
      wallMs: 60_000,
      workers: 2,
      contracts: { C: { sourceHash: "h" } },
      mutants: list,
    };
    const doc = renderMarkdown(r, annotations, ["C"]);
    expect(doc).to.contain("| `s` | C.sol:1 | `<` → `<=` | **unexplained: survives** |");
    expect(doc).to.contain("| `e` | C.sol:1 | `<` → `<=` | equivalent: only the order of two reads changes |");
    expect(doc).to.contain("Unexplained survivors: 1.");
  });
});
