/**
 * Claims are tested (issue 29): every test an auditor is pointed to by docs/audit-guide.md or docs/invariants.md
 * exists. A citation is a `test/….ts` path, or a "double-quoted" test title, in one table cell (or, outside
 * tables, one paragraph) that names at least one test path. A quoted title belongs to the last path before it
 * in that cell; a quote before the first path may be in any test file. A title with "…" is a set of fragments
 * that must all occur in the file. The test fails when a cited file does not exist or a quoted title does not
 * occur in the file it is attributed to.
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/cli";

export interface Citation {
  where: string;
  file?: string; // undefined: any test file
  title?: string; // undefined: the file itself
}

/** Splits a markdown document into citation units: table cells and paragraphs, fenced blocks skipped. */
function units(markdown: string, doc: string): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  let fenced = false;
  let para: string[] = [];
  let paraStart = 0;
  const flush = (): void => {
    if (para.length > 0) out.push({ where: `${doc}:${paraStart}`, text: para.join(" ") });
    para = [];
  };
  markdown.split("\n").forEach((line, i) => {
    if (/^\s*```/.test(line)) {
      flush();
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    if (/^\s*\|/.test(line)) {
      flush();
      // Backtick spans may contain "|" (`|new − old|`): blank them, keeping test paths.
      const cleaned = line.replace(/`([^`]*)`/g, (_m, inner: string) =>
        /^test\/\S+\.ts$/.test(inner) ? inner : "`code`",
      );
      cleaned.split("|").forEach((cell) => out.push({ where: `${doc}:${i + 1}`, text: cell }));
      return;
    }
    if (line.trim() === "") {
      flush();
      return;
    }
    if (para.length === 0) paraStart = i + 1;
    para.push(line);
  });
  flush();
  return out;
}

export function citations(markdown: string, doc: string): Citation[] {
  const out: Citation[] = [];
  for (const u of units(markdown, doc)) {
    const tokens = [...u.text.matchAll(/test\/[A-Za-z0-9_./-]+\.ts|"([^"]+)"/g)];
    if (!tokens.some((t) => t[0].startsWith("test/"))) continue;
    let file: string | undefined;
    for (const t of tokens) {
      if (t[1] === undefined) {
        file = t[0];
        out.push({ where: u.where, file });
      } else {
        out.push({ where: u.where, file, title: t[1] });
      }
    }
  }
  return out;
}

function allTestFiles(dir = path.join(PROJECT_ROOT, "test")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? allTestFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/** The fragments of a cited title: split on ellipses, quotes' typographic variants normalised. */
function fragments(title: string): string[] {
  return title
    .split(/…|\.\.\./)
    .map((f) =>
      f
        .trim()
        .replace(/[:;,]$/, "")
        .trim(),
    )
    .filter((f) => f.length > 0);
}

function occursIn(title: string, source: string): boolean {
  return fragments(title).every((f) => source.includes(f));
}

const DOCS = ["docs/audit-guide.md", "docs/invariants.md"];

describe("docs: every test the audit pack cites exists", function () {
  const sources = new Map(allTestFiles().map((f) => [path.relative(PROJECT_ROOT, f), fs.readFileSync(f, "utf8")]));
  const cited = DOCS.flatMap((d) => citations(fs.readFileSync(path.join(PROJECT_ROOT, d), "utf8"), d));

  it("finds citations in both documents (the parser works)", function () {
    for (const d of DOCS)
      expect(cited.filter((c) => c.where.startsWith(d) && c.title === undefined).length, d).to.be.greaterThan(3);
    expect(cited.filter((c) => c.title !== undefined).length).to.be.greaterThan(30);
  });

  it("every cited test file exists", function () {
    const missing = cited
      .filter((c) => c.title === undefined && !sources.has(c.file!))
      .map((c) => `${c.where}: ${c.file}`);
    expect(missing, missing.join("\n")).to.deep.equal([]);
  });

  it("every quoted test title occurs in the file it is cited for (or in some test file)", function () {
    const broken = cited
      .filter((c) => c.title !== undefined)
      .filter((c) => {
        if (c.file !== undefined) return !occursIn(c.title!, sources.get(c.file) ?? "");
        return ![...sources.values()].some((s) => occursIn(c.title!, s));
      })
      .map((c) => `${c.where}: "${c.title}" in ${c.file ?? "any test file"}`);
    expect(broken, broken.join("\n")).to.deep.equal([]);
  });

  it("the checker bites: a title absent from its file and a missing file are reported", function () {
    const md = '| x | `test/docs/claims.test.ts` ("no such test title xyzzy"), `test/docs/nope.test.ts` |\n';
    const c = citations(md, "m.md");
    expect(c.map((x) => [x.file, x.title])).to.deep.equal([
      ["test/docs/claims.test.ts", undefined],
      ["test/docs/claims.test.ts", "no such test title xyzzy"],
      ["test/docs/nope.test.ts", undefined],
    ]);
    expect(
      occursIn("no such test title " + "xyzzy", sources.get("test/docs/claims.test.ts")!.replace(/xyzzy/g, "")),
    ).to.equal(false);
    expect(sources.has("test/docs/nope.test.ts")).to.equal(false);
  });
});

describe("docs: the roles documents name the main job's real accounts", function () {
  it("roles-market.md names the regulator's account of the main job (MARKET_ACCOUNT.regulator)", async function () {
    const { MARKET_ACCOUNT } = await import("../../src/mainjob/market");
    const doc = fs.readFileSync(path.join(PROJECT_ROOT, "docs/roles-market.md"), "utf8");
    const line = doc.split("\n").find((l) => l.includes("**Regulator**"));
    expect(line, "the Regulator row").to.not.equal(undefined);
    expect([...line!.matchAll(/@account:(\d+)/g)].map((m) => Number(m[1]))).to.deep.equal([MARKET_ACCOUNT.regulator]);
  });
});
