/**
 * Every command works right after `npm ci`, before anything is compiled: the project's sources are copied to a
 * temporary folder without artifacts/, cache/ or typechain-types/ (node_modules linked, as `npm ci` would install
 * it), then an offline command (safe:sign never loads generated code: its ReserveGuard ABI is owned,
 * src/guard/contract.ts) and a Hardhat command (deploy --dry-run: Hardhat compiles first, src/chain/hardhat.ts)
 * run there as a user would run them. The offline commands' import graph is also guarded by the require hook of
 * test/custody/sign-cli.test.ts.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/cli";

/** What a fresh clone does not have: generated, installed, local or ignored (.gitignore) files. */
const NOT_IN_A_CLONE = new Set([
  ".git",
  "node_modules",
  "artifacts",
  "cache",
  "typechain-types",
  "coverage",
  "coverage.json",
  "reports",
  "keys",
  "proposals",
  ".env",
  path.join("deployments", "hardhat"),
  path.join("deployments", "localhost"),
  path.join("ignition", "deployments", "hardhat"),
  path.join("ignition", "deployments", "localhost"),
]);

function freshCheckout(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-fresh-checkout-"));
  fs.cpSync(PROJECT_ROOT, dir, {
    recursive: true,
    filter: (src) => !NOT_IN_A_CLONE.has(path.relative(PROJECT_ROOT, src)) && !src.endsWith(".log"),
  });
  fs.symlinkSync(fs.realpathSync(path.join(PROJECT_ROOT, "node_modules")), path.join(dir, "node_modules"));
  return dir;
}

function npmRun(cwd: string, script: string, args: string[]): { status: number | null; out: string } {
  const res = spawnSync("npm", ["run", "-s", script, "--", ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: res.status, out: `${res.stdout}\n${res.stderr}` };
}

/** Every command module (scripts/ import them statically; deploy, report and start import only the kernel). */
const COMMAND_MODULES = [
  "src/custody/cli/propose.ts",
  "src/custody/cli/execute.ts",
  "src/custody/cli/status.ts",
  "src/custody/cli/announce.ts",
  "src/custody/cli/sign.ts",
  "src/custody/cli/keystoreCreate.ts",
  "src/deploy/bitcoin.ts",
  "src/deploy/upgrade.ts",
  "src/attestation/cli.ts",
  "src/chain/index.ts",
  "src/chain/hardhat.ts",
];

describe("foundation: every command works right after npm ci (nothing compiled yet)", function () {
  this.timeout(300_000);

  it("no command module loads generated code before Hardhat compiled it (a require hook refuses typechain-types)", function () {
    const script = [
      'const M = require("module"); const load = M._load;',
      "M._load = function (r, parent, ...a) {",
      "  if (/typechain-types/.test(r)) throw new Error(`${r} loaded by ${parent && parent.filename}`);",
      "  return load.call(this, r, parent, ...a);",
      "};",
      'require("ts-node").register({ transpileOnly: true, swc: true });',
      `for (const m of ${JSON.stringify(COMMAND_MODULES)}) require(require("path").resolve(m));`,
    ].join("\n");
    const res = spawnSync(process.execPath, ["-e", script], { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 120_000 });
    expect(res.status, `${res.stdout}${res.stderr}`).to.equal(0);
  });

  it("safe:sign (offline, no generated code) and deploy --dry-run (compiles first) succeed in a fresh checkout", function () {
    const dir = freshCheckout();
    try {
      expect(fs.existsSync(path.join(dir, "typechain-types"))).to.equal(false);
      expect(fs.existsSync(path.join(dir, "artifacts"))).to.equal(false);
      const sign = npmRun(dir, "safe:sign", ["--help"]);
      expect(sign.status, sign.out).to.equal(0);
      expect(sign.out).to.contain("usage: npm run safe:sign");
      expect(fs.existsSync(path.join(dir, "typechain-types")), "safe:sign compiled").to.equal(false);
      const deploy = npmRun(dir, "deploy", ["--dry-run"]);
      expect(deploy.status, deploy.out).to.equal(0);
      expect(deploy.out).to.contain("Compiling the contracts first (no artifacts or typechain-types/ yet");
      expect(deploy.out).to.contain("Dry-run records were written to a temporary folder");
      expect(fs.existsSync(path.join(dir, "typechain-types", "index.ts"))).to.equal(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
