/**
 * Inline command lines: every `npm run <script> …` / `npm start …` written in backticks in README.md and
 * docs/*.md (usage synopses and examples with placeholders such as `<network>`, which cannot run verbatim;
 * the ```bash blocks are run by commands.test.ts) names a script of package.json, and every `--option` it
 * shows is one the command's own `--help` lists. A renamed option or parameter in the code, or a typo in a
 * doc, breaks this test (the review of issue 12 found `--arg newAge` documented for `newMaxAge`).
 */
import { expect } from "chai";
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

/** The script file a package.json script runs (`node -r ./tools/register.js scripts/x.ts`). */
function scriptFile(command: string): string {
  const file = /\bscripts\/[\w/-]+\.ts\b/.exec(command)?.[0];
  if (!file) throw new Error(`no scripts/*.ts in the package.json script "${command}"`);
  return path.join(PROJECT_ROOT, file);
}

/**
 * What `npm run <script> -- --help` prints, read in this process: the script is loaded with the argument `--help`
 * (the command runner prints the usage before anything else runs). Same text, without a Node and npm
 * start-up per script (~1.2 s of CPU each); the README and guide `--help` lines run as processes in commands.test.ts.
 */
function helpOf(file: string): string {
  const [argv, log] = [process.argv, console.log];
  let out = "";
  process.argv = [argv[0], file, "--help"];
  console.log = (...parts: unknown[]) => void (out += `${parts.join(" ")}\n`);
  try {
    delete require.cache[require.resolve(file)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the script runs as it loads (its --help)
    require(file);
  } finally {
    process.argv = argv;
    console.log = log;
  }
  return out;
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
      const help = helpOf(scriptFile(scripts[script]));
      expect(help, `${script} --help`).to.match(/^usage: npm (run|start)/);
      const listed = new Set([...help.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]));
      const unknown = commands
        .filter((c) => c.script === script)
        .flatMap((c) => c.options.filter((o) => !listed.has(o)).map((o) => `${c.where}: ${o}`));
      expect(unknown, `options not in \`npm run ${script} -- --help\``).to.deep.equal([]);
    });
  }
});
