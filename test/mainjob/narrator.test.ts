import { expect } from "chai";
import hre from "hardhat";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MainJobError, accountsNeeded, runLifecycle } from "../../src/mainjob/lifecycle";
import { Narrator, StepFailedError } from "../../src/mainjob/narrator";
import { spawnSync } from "node:child_process";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";
import { expectRejects } from "../helpers/rejects";

const runTs = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, commandArgs(script, args), {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HARDHAT_NETWORK: "", ...env },
    encoding: "utf8",
    timeout: 240_000,
  });

describe("main job: narration and failure", function () {
  it("numbers the deployment 0 and the lifecycle steps from 1, and prints each check", function () {
    const lines: string[] = [];
    const n = new Narrator((l) => lines.push(l));
    n.step("Deploy");
    n.step("Attest");
    n.expect(true, "reserves cached");
    expect(lines).to.deep.equal(["", "0. Deploy", "", "1. Attest", "   ok: reserves cached"]);
  });

  it("a step without its expected effect throws, naming the step", function () {
    const n = new Narrator(() => undefined);
    n.step("A minter mints into the reserve");
    expect(() => n.expect(false, "the reserve holds 0")).to.throw(
      StepFailedError,
      'step "A minter mints into the reserve" did not have its expected effect: the reserve holds 0',
    );
    expect(() => n.tx("mint", null)).to.throw(StepFailedError, "mint: no receipt");
  });

  it("a node with too few unlocked accounts (anvil's default 10) is one line naming how many and how to start one", async function () {
    expect(accountsNeeded()).to.equal(18);
    expect((await hre.ethers.getSigners()).length).to.be.at.least(accountsNeeded());
    const ten = (await hre.ethers.getSigners()).slice(0, 10);
    const node = {
      network: { name: "localhost" },
      ethers: { getSigners: async () => ten },
    } as unknown as HardhatRuntimeEnvironment;
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-main-accounts-"));
    const lines: string[] = [];
    const run = runLifecycle({ hre: node, root, out: (l) => lines.push(l) });
    const err = await expectRejects(run, /^the main job signs with 18 local accounts/, MainJobError);
    expect(err.message).to.equal(
      "the main job signs with 18 local accounts and the node of network localhost unlocks 10: " +
        "start it with `npx hardhat node` (20 accounts) or `anvil --accounts 20`",
    );
    expect(lines).to.deep.equal([]);
    expect(fs.readdirSync(root)).to.deep.equal([]);
  });

  it("the npm start script exits 1 with the reason on one line when the job cannot run", function () {
    const res = runTs("scripts/main.ts", ["--network", "sepolia"], { SEPOLIA_RPC_URL: "http://127.0.0.1:9" });
    expect(res.status).to.equal(1);
    expect(res.stderr)
      .to.contain("MAIN JOB FAILED")
      .and.contain("error: the main job uses local test accounts; run it on hardhat or localhost, not sepolia");
    expect(res.stderr).to.not.match(/\n\s+at /);
  });

  it("the npm start script explains itself with --help, @account:N included", function () {
    const res = runTs("scripts/main.ts", ["--help"]);
    expect(res.status).to.equal(0);
    expect(res.stdout).to.contain("usage: npm start -- [--network hardhat|localhost]").and.contain("@account:N");
  });
});
