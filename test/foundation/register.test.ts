/**
 * How every command runs its TypeScript (tools/register.js, tools/transpile.js): the JavaScript is exactly what
 * `ts-node --swc` produced for every file the commands load, a cached transpilation is never served for an edited
 * file, stack traces point at TypeScript lines, and every npm script of scripts/ goes through it.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { create } from "ts-node";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS of the command start-up
const { transpile } = require("../../tools/transpile.js") as {
  transpile: (source: string, filename: string) => string;
};

const tsFiles = (dir: string): string[] =>
  fs
    .readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
    );

const withoutSourceMap = (js: string): string =>
  js
    .split("\n")
    .filter((l) => !l.startsWith("//# sourceMappingURL="))
    .join("\n")
    .trim();

describe("foundation: the commands' TypeScript loader (tools/register.js)", function () {
  this.timeout(120_000);
  const scratch = path.join(PROJECT_ROOT, "test", "foundation", ".register-scratch");
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("transpiles every file of src/, scripts/ and the config exactly as ts-node --swc did", function () {
    const tsNode = create({ swc: true, transpileOnly: true, cwd: PROJECT_ROOT });
    const files = [...tsFiles("src"), ...tsFiles("scripts"), "hardhat.config.ts"];
    expect(files.length).to.be.greaterThan(150);
    const differ = files.filter((f) => {
      const abs = path.join(PROJECT_ROOT, f);
      const source = fs.readFileSync(abs, "utf8");
      return withoutSourceMap(transpile(source, abs)) !== withoutSourceMap(tsNode.compile(source, abs));
    });
    expect(differ).to.deep.equal([]);
  });

  it("an edited file runs as edited (the cache is keyed by content), and its stack trace names TypeScript lines", function () {
    fs.mkdirSync(scratch, { recursive: true });
    const file = path.join(scratch, "edited.ts");
    const run = () => spawnSync(process.execPath, commandArgs(file), { cwd: PROJECT_ROOT, encoding: "utf8" });
    fs.writeFileSync(file, "const n: number = 1;\nconsole.log(`run ${n}`);\n");
    expect(run().stdout).to.equal("run 1\n");
    expect(run().stdout).to.equal("run 1\n"); // from the cache
    fs.writeFileSync(file, "const n: number = 2;\nconsole.log(`run ${n}`);\n");
    expect(run().stdout).to.equal("run 2\n");
    // line 5 of the TypeScript is line 3 of the JavaScript (the type alias and the blank line are gone)
    fs.writeFileSync(
      file,
      'type T = string;\n\nconst t: T = "x";\nfunction f(): void {\n  throw new Error(t);\n}\nf();\n',
    );
    const failed = run();
    expect(failed.status).to.equal(1);
    expect(failed.stderr).to.contain(`${file}:5:`);
  });

  it("every npm script that runs a file of scripts/ runs it through tools/register.js", function () {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const runners = Object.entries(scripts).filter(([, s]) => /\bscripts\/[\w/-]+\.ts\b/.test(s));
    const other = runners.filter(([, s]) => !/^node -r \.\/tools\/register\.js scripts\/[\w/-]+\.ts$/.test(s));
    // hardhat runs its own (gas), audit and the coverage gate type-check with plain ts-node
    expect(other.map(([name]) => name)).to.deep.equal(["coverage", "gas", "gas:check", "audit"]);
    expect(runners.length - other.length).to.equal(17);
  });

  it("a command loads Hardhat without the test-only plugins (chai matchers, solidity-coverage); Hardhat elsewhere has them", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-probe-"));
    const probe = path.join(dir, "probe.js");
    fs.writeFileSync(
      probe,
      `process.on("exit", () => {
        const loaded = (n) => Object.keys(require.cache).some((k) => k.includes("node_modules/" + n + "/"));
        require("fs").writeFileSync(${JSON.stringify(path.join(dir, "out.json"))}, JSON.stringify(
          ["hardhat", "@nomicfoundation/hardhat-chai-matchers", "solidity-coverage"].map(loaded)));
      });`,
    );
    const loadedBy = (args: string[]): boolean[] => {
      spawnSync(process.execPath, ["-r", probe, ...args], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, LOCALHOST_RPC_URL: "http://127.0.0.1:1" },
        encoding: "utf8",
        timeout: 60_000,
      });
      return JSON.parse(fs.readFileSync(path.join(dir, "out.json"), "utf8")) as boolean[];
    };
    try {
      // the deploy command loads Hardhat, then stops: nothing listens on port 1
      expect(loadedBy(commandArgs("scripts/deploy.ts", ["--network", "localhost"]))).to.deep.equal([
        true,
        false,
        false,
      ]);
      expect(
        loadedBy(["-r", path.join(PROJECT_ROOT, "tools", "register.js"), "-e", 'require("hardhat")']),
      ).to.deep.equal([true, true, true]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
