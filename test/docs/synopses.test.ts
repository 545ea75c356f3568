/**
 * Inline command lines: every `npm run <script> …` / `npm start …` written in backticks in README.md and
 * docs/*.md (usage synopses and examples with placeholders such as `<network>`, which cannot run verbatim;
 * the ```bash blocks are run by commands.test.ts) names a script of package.json, and every `--option` it
 * shows is one the command's own `--help` lists. A renamed option or parameter in the code, or a typo in a
 * doc, breaks this test (the review of issue 12 found `--arg newAge` documented for `newMaxAge`).
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/cli";

interface InlineCommand {
  where: string;
  script: string;
  options: string[];
}

/** `npm run x -- …`, `npm start -- …` spans in backticks, outside fenced blocks. */
export function inlineCommands(markdown: string, file: string): InlineCommand[] {
  const out: InlineCommand[] = [];
  let fenced = false;
  markdown.split("\n").forEach((line, i) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    for (const m of line.matchAll(/`(npm (?:run ([a-z:-]+)|start)(?: ([^`]*))?)`/g)) {
      const script = m[2] ?? "start";
      const options = [...(m[3] ?? "").matchAll(/(?:^|\s|\[)(--[a-z][a-z-]*)/g)].map((o) => o[1]);
      out.push({ where: `${file}:${i + 1}: ${m[1]}`, script, options });
    }
  });
  return out;
}

function docFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(PROJECT_ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => path.join("docs", f));
  return ["README.md", ...docs];
}

describe("docs: every inline command line names a real script and only options its --help lists", function () {
  const commands = docFiles().flatMap((f) => inlineCommands(fs.readFileSync(path.join(PROJECT_ROOT, f), "utf8"), f));
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
  ).scripts;

  it("the reader finds synopses with their options and skips fenced blocks", function () {
    const found = inlineCommands(
      "a `npm run safe:sign -- --proposal <file> [--out <f>]` b\n```bash\n`npm run x -- --y`\n```\n`npm start`",
      "t.md",
    );
    expect(found.map((c) => [c.where, c.script, c.options])).to.deep.equal([
      ["t.md:1: npm run safe:sign -- --proposal <file> [--out <f>]", "safe:sign", ["--proposal", "--out"]],
      ["t.md:5: npm start", "start", []],
    ]);
    expect(commands.length).to.be.greaterThan(50);
  });

  it("every script named exists in package.json", function () {
    const missing = commands.filter((c) => c.script !== "start" && !(c.script in scripts)).map((c) => c.where);
    expect(missing).to.deep.equal([]);
  });

  const withOptions = [...new Set(commands.filter((c) => c.options.length > 0).map((c) => c.script))].sort();
  for (const script of withOptions) {
    it(`npm run ${script}: every option the docs show is listed by its --help`, function () {
      const res = spawnSync("npm", ["run", "-s", script, "--", "--help"], {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(res.status, `${script} --help: ${res.stdout}${res.stderr}`).to.equal(0);
      const listed = new Set([...res.stdout.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]));
      const unknown = commands
        .filter((c) => c.script === script)
        .flatMap((c) => c.options.filter((o) => !listed.has(o)).map((o) => `${c.where}: ${o}`));
      expect(unknown, `options not in \`npm run ${script} -- --help\``).to.deep.equal([]);
    });
  }
});
