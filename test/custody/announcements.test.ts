/**
 * The custodian tooling knows the guard: propose prints the announcement step and the earliest execution,
 * status lists pending announcements and records them for the custodian, sign (offline, a separate process)
 * shows "announced at …, executable from …" from those records or refuses with `unannounced-call`.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { writeRecord } from "../../src/chain/records";
import { readProposal } from "../../src/custody/proposal";
import { GuardError, announceCalls, callsNeedingAnnouncement, delaySelectorsCall } from "../../src/guard";
import {
  UNANNOUNCED_RISK_CODE,
  announcementPlan,
  describeAnnouncements,
  guardFromRecords,
  guardSignReview,
  readAnnouncementRecords,
  recordAnnouncements,
} from "../../src/custody/announcements";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";
import {
  CUSTODIANS,
  PASSWORD,
  completedRecords,
  keystoreOf,
  proposeToFile,
  recordOf,
  reserveEnv,
  writeCustodianKeystores,
} from "./fixtures";
import type { ReserveEnv } from "./fixtures";
import { DELAY, bareGuardFixture, execCalls } from "../guard/fixture";
import { ReserveGuard__factory } from "../../typechain-types";

function cli(script: string, args: string[]): { status: number | null; out: string } {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CUSTODIAN_KEYSTORE_PASSWORD: PASSWORD,
  };
  const res = spawnSync(process.execPath, commandArgs(script, args), {
    cwd: PROJECT_ROOT,
    env,
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: res.status, out: `${res.stdout}\n${res.stderr}` };
}

async function guardedEnv(): Promise<ReserveEnv & { guard: string }> {
  // wired before the delayed set is installed, as the deployment's creation batch does
  const fx = await loadFixture(bareGuardFixture);
  const env = await reserveEnv(fx.safe23, fx.infra);
  await (await execCalls(fx, [delaySelectorsCall(fx.guardAddress)])).wait();
  env.records.push(
    recordOf("ReserveGuard", "ReserveGuard", fx.guardAddress, ReserveGuard__factory.abi as readonly unknown[]),
  );
  return { ...env, guard: fx.guardAddress };
}

describe("ReserveGuard in the custodian tooling", function () {
  before(writeCustodianKeystores);

  it("propose: the announcement plan names each call and the earliest execution time; nothing for ordinary proposals", async function () {
    const env = await loadFixture(guardedEnv);
    expect(guardFromRecords(env.records)).to.equal(env.guard);
    expect(guardFromRecords([])).to.equal(undefined);
    const file = await proposeToFile(env, [
      { fn: "changeThreshold", contract: "ReserveSafe", args: { _threshold: "3" } },
    ]);
    const plan = announcementPlan(readProposal(file), env.guard, BigInt(DELAY), 1_800_000_000n, "hardhat", file);
    expect(plan.join("\n"))
      .to.contain("1 call(s)")
      .and.contain("self-call")
      .and.contain(`--proposal ${file}`)
      .and.contain("2027-01-15 09:00:00 UTC");
    const plain = await proposeToFile(env, [{ action: "pause", contract: "SomStablecoin" }]);
    expect(announcementPlan(readProposal(plain), env.guard, 1n, 0n, "hardhat", plain)).to.deep.equal([]);
    expect(announcementPlan(readProposal(file), undefined, 1n, 0n, "hardhat", file)).to.deep.equal([]);
  });

  it("status records pending announcements from the chain; offline sign trusts only those records", async function () {
    const env = await loadFixture(guardedEnv);
    const file = await proposeToFile(env, [
      { fn: "changeThreshold", contract: "ReserveSafe", args: { _threshold: "3" } },
    ]);
    const p = readProposal(file);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "custodian-records-"));
    // before the announcement: the records show nothing, sign refuses with the new risk code
    const empty = await recordAnnouncements(hre.ethers.provider, env.guard, env.safe.address, dir);
    expect(describeAnnouncements(env.guard, empty.pending).join("\n")).to.contain("no pending announcement");
    const refused = guardSignReview(p, env.guard, readAnnouncementRecords(empty.file));
    expect(refused.findings.map((f) => f.code)).to.deep.equal([UNANNOUNCED_RISK_CODE]);
    expect(guardSignReview(p, env.guard, undefined).findings[0].message).to.contain("run safe:status first");
    // a claim carried by the proposal file is not a witness: extra fields are ignored
    const claimed = { ...p, announcements: [{ hash: callsNeedingAnnouncement(p.safe, env.guard, p.safeTx)[0].hash }] };
    expect(guardSignReview(claimed, env.guard, undefined).findings).to.have.length(1);
    // announce, then status again
    await announceCalls(
      CUSTODIANS[1].connect(hre.ethers.provider),
      env.guard,
      p.safe,
      callsNeedingAnnouncement(p.safe, env.guard, p.safeTx),
    );
    const after = await recordAnnouncements(hre.ethers.provider, env.guard, env.safe.address, dir);
    expect(after.pending).to.have.length(1);
    expect(after.pending[0].state).to.equal("waiting");
    expect(describeAnnouncements(env.guard, after.pending).join("\n"))
      .to.contain("WAITING")
      .and.contain(CUSTODIANS[1].address);
    const ok = guardSignReview(p, env.guard, readAnnouncementRecords(after.file));
    expect(ok.findings).to.deep.equal([]);
    expect(ok.lines.join("\n")).to.match(/announced at .* executable from .* until /);
    await time.increase(DELAY);
    expect(
      (await recordAnnouncements(hre.ethers.provider, env.guard, env.safe.address, dir)).pending[0].state,
    ).to.equal("executable");
    // records of another Safe are refused
    const other = { ...readAnnouncementRecords(after.file), safe: env.holder };
    expect(() => guardSignReview(p, env.guard, other)).to.throw(GuardError, /announcement records are for/);
    fs.writeFileSync(path.join(dir, "bad.json"), "{}");
    expect(() => readAnnouncementRecords(path.join(dir, "bad.json"))).to.throw(GuardError);
    expect(() => readAnnouncementRecords(path.join(dir, "missing.json"))).to.throw(GuardError);
  });

  it("sign CLI (offline, separate process): refuses an unannounced self-call with unannounced-call; with the custodian's records it shows the times and signs", async function () {
    const env = await loadFixture(guardedEnv);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "custodian-deployments-"));
    // the custodian's records as the deploy writes them: token metadata and the ReserveSafe's owners/threshold
    for (const r of await completedRecords(env)) writeRecord(root, "hardhat", r);
    const recordsDir = path.join(root, "deployments", "hardhat");
    const file = await proposeToFile(env, [
      { fn: "changeThreshold", contract: "ReserveSafe", args: { _threshold: "3" } },
    ]);
    const refused = cli("scripts/custodian/sign.ts", [
      "--proposal",
      file,
      "--keystore",
      keystoreOf(0),
      "--records",
      recordsDir,
      "--allow-risk",
      "self-call",
    ]);
    expect(refused.status, refused.out).to.not.equal(0);
    expect(refused.out).to.contain("[unannounced-call]");
    const p = readProposal(file);
    await announceCalls(
      CUSTODIANS[0].connect(hre.ethers.provider),
      env.guard,
      p.safe,
      callsNeedingAnnouncement(p.safe, env.guard, p.safeTx),
    );
    const { file: records } = await recordAnnouncements(hre.ethers.provider, env.guard, p.safe, root);
    const signed = cli("scripts/custodian/sign.ts", [
      "--proposal",
      file,
      "--keystore",
      keystoreOf(0),
      "--records",
      recordsDir,
      "--allow-risk",
      "self-call",
      "--announcements",
      records,
    ]);
    expect(signed.status, signed.out).to.equal(0);
    expect(signed.out)
      .to.match(/announced at .* executable from /)
      .and.contain(`Signed by ${CUSTODIANS[0].address}`);
  });

  it("safe:announce CLI: a proposal without self-calls sends nothing; no guard record is a one-line error", async function () {
    const env = await loadFixture(guardedEnv);
    const plain = await proposeToFile(env, [{ action: "pause", contract: "SomStablecoin" }]);
    const nothing = cli("scripts/guard/announce.ts", [
      "--network",
      "hardhat",
      "--proposal",
      plain,
      "--keystore",
      keystoreOf(0),
      "--guard",
      env.guard,
    ]);
    expect(nothing.status, nothing.out).to.equal(0);
    expect(nothing.out).to.contain("no call needs an announcement; nothing sent");
    const noRecord = cli("scripts/guard/announce.ts", [
      "--network",
      "nowhere",
      "--proposal",
      plain,
      "--keystore",
      keystoreOf(0),
    ]);
    expect(noRecord.status, noRecord.out).to.equal(1);
    expect(noRecord.out).to.contain("no ReserveGuard record in deployments/nowhere/");
  });

  it("safe:announce CLI: --help, and a one-line error for a missing option", function () {
    const help = cli("scripts/guard/announce.ts", ["--help"]);
    expect(help.status).to.equal(0);
    expect(help.out).to.contain("npm run safe:announce --");
    const missing = cli("scripts/guard/announce.ts", ["--network", "hardhat"]);
    expect(missing.status).to.equal(1);
    expect(missing.out.trim().split("\n")).to.have.length(1);
    expect(missing.out).to.contain("--proposal");
  });
});
