/**
 * Liveness through a guarded Safe: every named action and batch of the custodian tooling (the same tables as
 * test/custody/flows.test.ts) passes the ReserveGuard; self-calls pass after announcement + delay; guard
 * configuration and guard removal go through the same tooling; no sequence leaves the Safe unable to act.
 */
import { expect } from "chai";
import hre from "hardhat";
import { Wallet, ZeroAddress, id } from "ethers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ALL_ACTION_CASES, snapshot } from "../custody/actions.behavior";
import {
  CUSTODIANS,
  executeFile,
  proposeToFile,
  recordOf,
  reserveEnv,
  runThroughSafe,
  signFile,
  writeCustodianKeystores,
} from "../custody/fixtures";
import type { ReserveEnv } from "../custody/fixtures";
import { readProposal } from "../../src/custody/proposal";
import { PolicyError } from "../../src/custody/policy";
import type { RiskCode } from "../../src/custody/policy";
import {
  announceCalls,
  callsNeedingAnnouncement,
  delaySelectorsCall,
  guardOf,
  pendingAnnouncements,
} from "../../src/guard";
import { DELAY, bareGuardFixture, execCalls } from "./fixture";
import type { GuardFixture } from "./fixture";
import { ReserveGuard__factory } from "../../typechain-types";

interface GuardedEnv extends ReserveEnv {
  fx: GuardFixture;
}

async function guardedEnv(): Promise<GuardedEnv> {
  // the system is wired (admin acceptances, an asset) before the delayed set is installed, as the deployment's
  // creation batch does; from then on the Safe's delayed calls wait out the delay
  const fx = await loadFixture(bareGuardFixture);
  const env = await reserveEnv(fx.safe23, fx.infra);
  await (await execCalls(fx, [delaySelectorsCall(fx.guardAddress)])).wait();
  env.records.push(
    recordOf("ReserveGuard", "ReserveGuard", fx.guardAddress, ReserveGuard__factory.abi as readonly unknown[]),
  );
  return { ...env, fx };
}

/** The risk codes (each once) the tooling refuses `step` with when no --allow-risk is given. */
async function refusal(step: () => Promise<unknown>): Promise<string[]> {
  try {
    await step();
  } catch (e) {
    if (e instanceof PolicyError) return [...new Set(e.findings.map((f) => f.code))];
    throw e;
  }
  return expect.fail("a self-call went through without --allow-risk self-call");
}

/**
 * propose -> announce (owner #0) -> wait the delay -> sign x2 -> execute, through the tooling's files. A self-call
 * that is announced and due is still a self-call: sign and execute both require the explicit
 * `--allow-risk self-call` (docs/custodian.md, docs/guard.md); the announcement is the guard's second condition, not
 * a substitute for the custodians' override.
 */
async function announcedThroughSafe(env: GuardedEnv, requests: Parameters<typeof proposeToFile>[1]): Promise<string> {
  const file = await proposeToFile(env, requests);
  const p = readProposal(file);
  const calls = callsNeedingAnnouncement(p.safe, env.fx.guardAddress, p.safeTx);
  expect(calls.length).to.be.greaterThan(0);
  await announceCalls(CUSTODIANS[0].connect(hre.ethers.provider), env.fx.guardAddress, p.safe, calls);
  await time.increase(DELAY);
  // self-calls need the override at sign and execute; a call to the guard's configuration needs only the announcement
  const allow: RiskCode[] = calls.some((c) => c.kind === "self-call") ? ["self-call"] : [];
  if (allow.length > 0) expect(await refusal(() => signFile(file, 0))).to.deep.equal(["self-call"]);
  for (const i of [0, 1]) await signFile(file, i, allow);
  if (allow.length > 0) expect(await refusal(() => executeFile(file))).to.deep.equal(["self-call"]);
  const result = await executeFile(file, allow);
  expect(result.success).to.equal(true);
  return file;
}

describe("ReserveGuard liveness: the custodian tooling through a guarded 2-of-3 Safe", function () {
  before(writeCustodianKeystores);

  for (const [domain, cases] of ALL_ACTION_CASES) {
    for (const c of cases) {
      it(`${domain}: ${c.name}`, async function () {
        const env = await loadFixture(guardedEnv);
        expect(await guardOf(hre.ethers.provider, env.safe.address)).to.equal(env.fx.guardAddress);
        const file = await proposeToFile(env, await c.requests(env));
        const needed = callsNeedingAnnouncement(env.safe.address, env.fx.guardAddress, readProposal(file).safeTx);
        if (needed.length > 0) {
          // upgrades, role grants, reserve and minter settings: announced, then the delay (never a self-call here)
          expect(needed.map((x) => x.kind)).to.deep.equal(needed.map(() => "delayed"));
          await announceCalls(
            CUSTODIANS[0].connect(hre.ethers.provider),
            env.fx.guardAddress,
            env.safe.address,
            needed,
          );
          await time.increase(DELAY);
        }
        const before = await snapshot(env);
        for (const custodian of [2, 0]) await signFile(file, custodian);
        const result = await executeFile(file);
        expect(result.success).to.equal(true);
        await c.expectEffect(env, before);
      });
    }
  }

  it("owner management through the tooling: unannounced it cannot execute; announced and waited out, addOwner, then changeThreshold + removeOwner (batch) pass; the Safe still acts", async function () {
    const env = await loadFixture(guardedEnv);
    const newcomer = new Wallet(id("new-custodian")).address;
    const addOwner = [
      { fn: "addOwnerWithThreshold", contract: "ReserveSafe", args: { owner: newcomer, _threshold: "2" } },
    ];
    const early = await proposeToFile(env, addOwner);
    for (const i of [0, 1]) await signFile(early, i, ["self-call"]);
    let refused = false;
    try {
      await executeFile(early, ["self-call"]);
    } catch (e) {
      refused = /simulation failed/.test((e as Error).message);
    }
    expect(refused).to.equal(true);
    await announcedThroughSafe(env, addOwner);
    const safe = await hre.ethers.getContractAt("ISafeOwners", env.safe.address);
    expect(await safe.isOwner(newcomer)).to.equal(true);
    // batch: raise the threshold and remove the newcomer again (prevOwner = sentinel: the newest owner is first)
    await announcedThroughSafe(env, [
      { fn: "changeThreshold", contract: "ReserveSafe", args: { _threshold: "3" } },
      {
        fn: "removeOwner",
        contract: "ReserveSafe",
        args: { prevOwner: "0x0000000000000000000000000000000000000001", owner: newcomer, _threshold: "2" },
      },
    ]);
    expect(await safe.isOwner(newcomer)).to.equal(false);
    const result = await runThroughSafe(env, [
      { action: "distribute", contract: "SomStablecoin", args: { to: env.holder, value: "1.00" } },
    ]);
    expect(result.success).to.equal(true);
    expect(await pendingAnnouncements(hre.ethers.provider, env.fx.guardAddress, env.safe.address)).to.deep.equal([]);
  });

  it("guard removal only by an announced, delayed setGuard through the tooling; afterwards the Safe acts unguarded", async function () {
    const env = await loadFixture(guardedEnv);
    const remove = [{ fn: "setGuard", contract: "ReserveSafe", args: { guard: ZeroAddress } }];
    await announcedThroughSafe(env, remove);
    expect(await guardOf(hre.ethers.provider, env.safe.address)).to.equal(ZeroAddress);
    const result = await runThroughSafe(env, [{ action: "pause", contract: "SomStablecoin" }]);
    expect(result.success).to.equal(true);
  });

  it("guard configuration through the tooling: the Safe shortens its delay (announced), then cancels an announcement without delay", async function () {
    const env = await loadFixture(guardedEnv);
    await announcedThroughSafe(env, [{ fn: "setDelay", contract: "ReserveGuard", args: { newDelay: "60" } }]);
    const guard = ReserveGuard__factory.connect(env.fx.guardAddress, hre.ethers.provider);
    expect(await guard.delayOf(env.safe.address)).to.equal(60n);
    const file = await proposeToFile(env, [
      { fn: "changeThreshold", contract: "ReserveSafe", args: { _threshold: "1" } },
    ]);
    const [a] = await announceCalls(
      CUSTODIANS[1].connect(hre.ethers.provider),
      env.fx.guardAddress,
      env.safe.address,
      callsNeedingAnnouncement(env.safe.address, env.fx.guardAddress, readProposal(file).safeTx),
    );
    expect(a.executableAt - BigInt(await time.latest())).to.equal(60n);
    const cancel = await runThroughSafe(env, [{ fn: "cancel", contract: "ReserveGuard", args: { hash: a.hash } }]);
    expect(cancel.success).to.equal(true);
    expect(await pendingAnnouncements(hre.ethers.provider, env.fx.guardAddress, env.safe.address)).to.deep.equal([]);
  });
});
