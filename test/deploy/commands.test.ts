/**
 * The deployer's commands as a user runs them (child processes, clean temp folder): each has --help,
 * a usage mistake is one line with exit 1, and the dry run keeps nothing it says it does not keep.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, commandArgs(script, args), {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HARDHAT_NETWORK: "", ...env },
    encoding: "utf8",
    timeout: 240_000,
  });
}

describe("deploy: commands (deploy, upgrade, start, report)", function () {
  this.timeout(300_000);

  it("each explains itself with --help and exits 0", function () {
    const cases: [string, string][] = [
      ["scripts/deploy.ts", "usage: npm run deploy -- [--network"],
      [
        "scripts/upgrade.ts",
        "usage: npm run upgrade -- --network <name> --target <record> --implementation <Contract>" +
          " --out <proposal.json>",
      ],
      ["scripts/main.ts", "usage: npm start -- [--network hardhat|localhost]"],
      ["scripts/report.ts", "usage: npm run report -- --network <name>"],
    ];
    const helps = new Map<string, string>();
    for (const [script, usage] of cases) {
      const res = run(script, ["--help"]);
      expect(res.status, `${script}: ${res.stderr}`).to.equal(0);
      expect(res.stdout, script).to.contain(usage);
      helps.set(script, res.stdout);
    }
    expect(helps.get("scripts/deploy.ts")).to.contain("DEPLOYER_KEYSTORE_PASSWORD");
  });

  it("a usage mistake is one line and exit 1", function () {
    for (const [script, args, message] of [
      ["scripts/deploy.ts", ["--netwrok", "localhost"], "error: Unknown option '--netwrok'"],
      ["scripts/upgrade.ts", ["--target", "SomStablecoin"], "error: missing --implementation"],
      ["scripts/deploy.ts", ["--network", "nowhere"], "error: HH100: Network nowhere doesn't exist"],
    ] as const) {
      const res = run(script, [...args]);
      expect(res.status, `${script}: ${res.stdout}${res.stderr}`).to.equal(1);
      expect(res.stderr.trim().split("\n"), script).to.have.length(1);
      expect(res.stderr, script).to.contain(message);
    }
  });

  it("the dry run prints the plan and leaves no temporary folder behind", function () {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "som-dry-tmp-"));
    const res = run("scripts/deploy.ts", ["--network", "localhost", "--dry-run"], { TMPDIR: tmp });
    expect(res.status, `${res.stdout}\n${res.stderr}`).to.equal(0);
    expect(res.stdout)
      .to.match(/Plan: \d+ transactions/)
      .and.contain("(not kept)")
      .and.match(/\[\s*1\/\d+\]/);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith("som-dry-run-"))).to.deep.equal([]);
  });
});
