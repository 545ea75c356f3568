/**
 * The one classification (src/guard/classification.ts) against the compiled code: every state-changing
 * external function of every production contract, of the asset beacon and of the Safe is classified; nothing
 * classified is missing from the ABIs; the guard's protective set is exactly the classification's; no
 * protective selector can be delayed; an ordinary function that shares a delayed selector is acknowledged.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { Interface } from "ethers";
import { CLASSIFICATION, SHARED_DELAYED_SELECTORS, delayedSelectors, protectiveSelectors, selectorOf } from "../../src/guard/classification";
import type { ClassifiedContract } from "../../src/guard/classification";
import { loadSafeArtifact } from "../../src/safe/artifacts";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { guardFixture } from "./fixture";

interface Abi {
  contractName: string;
  abi: unknown[];
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Production contracts: artifacts of contracts/ outside mocks/ and interfaces/, with runtime code. */
function productionArtifacts(): Abi[] {
  const root = path.join(hre.config.paths.artifacts, "contracts");
  return walk(root)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".dbg.json") && !f.includes(`${path.sep}mocks${path.sep}`) && !f.includes(`${path.sep}interfaces${path.sep}`))
    .map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as Abi & { deployedBytecode: string })
    .filter((a) => a.deployedBytecode !== "0x");
}

function stateChanging(abi: unknown[]): string[] {
  const out: string[] = [];
  new Interface(abi as string[]).forEachFunction((fn) => {
    if (fn.stateMutability !== "view" && fn.stateMutability !== "pure") out.push(fn.format("sighash"));
  });
  return out.sort();
}

describe("Guard classification: every state-changing function of the governed contracts is classified", function () {
  const abis = new Map<string, unknown[]>();
  before(async function () {
    await hre.run("compile", { quiet: true });
    for (const a of productionArtifacts()) abis.set(a.contractName, a.abi);
    abis.set("UpgradeableBeacon", (await hre.artifacts.readArtifact("UpgradeableBeacon")).abi);
    abis.set("Safe", loadSafeArtifact("SafeL2").abi as unknown[]);
  });

  it("every production contract's state-changing function has a class, and every classified function exists", function () {
    const unclassified: string[] = [];
    for (const [name, abi] of abis) {
      const table = CLASSIFICATION[name as ClassifiedContract];
      const fns = stateChanging(abi);
      if (!table) {
        // a production contract outside the table must change nothing (DistributionRule, ReserveAggregatorAdapter)
        if (fns.length > 0) unclassified.push(`${name}: ${fns.join(", ")}`);
        continue;
      }
      for (const fn of fns) if (!table[fn]) unclassified.push(`${name}.${fn}`);
      for (const fn of Object.keys(table)) expect(fns, `${name}.${fn} is classified but not in the ABI`).to.include(fn);
    }
    expect(unclassified, "unclassified functions").to.deep.equal([]);
    for (const name of Object.keys(CLASSIFICATION)) expect([...abis.keys()], `${name} has no compiled ABI`).to.include(name);
  });

  it("the Safe's own functions are all delayed (the guard delays every self-call)", function () {
    for (const [fn, [cls]] of Object.entries(CLASSIFICATION.Safe)) expect(cls, `Safe.${fn}`).to.equal("delayed");
    expect(Object.keys(CLASSIFICATION.Safe).sort()).to.deep.equal(stateChanging(loadSafeArtifact("Safe").abi as unknown[]));
  });

  it("the guard's isProtective is exactly the classification's protective selectors, and none of them is delayed", async function () {
    const { guard } = await loadFixture(guardFixture);
    const protective = protectiveSelectors();
    const delayed = new Set(delayedSelectors());
    for (const sel of protective) {
      expect(await guard.isProtective(sel), sel).to.equal(true);
      expect(delayed.has(sel), `protective ${sel} is delayed somewhere`).to.equal(false);
    }
    for (const [name, table] of Object.entries(CLASSIFICATION)) {
      for (const [fn, [cls]] of Object.entries(table)) {
        if (cls !== "protective") expect(await guard.isProtective(selectorOf(fn)), `${name}.${fn} (${cls}) is protective on chain`).to.equal(false);
      }
    }
    console.log(`      classification: ${delayed.size} delayed selectors, ${protective.length} protective selectors`);
  });

  it("an ordinary function sharing a delayed selector is acknowledged (and every acknowledgement is real)", function () {
    const delayed = new Set(delayedSelectors());
    const shared: string[] = [];
    for (const [name, table] of Object.entries(CLASSIFICATION)) {
      if (name === "Safe" || name === "ReserveGuard") continue;
      for (const [fn, [cls]] of Object.entries(table)) if (cls === "ordinary" && delayed.has(selectorOf(fn))) shared.push(`${name}.${fn}`);
    }
    expect(shared.sort()).to.deep.equal(Object.keys(SHARED_DELAYED_SELECTORS).sort());
  });

  it("the delay covers every attack of issue 21's review (upgrades, reserve, minters, attestors, roles)", function () {
    const delayed = new Set(delayedSelectors());
    for (const fn of [
      "setReserve(address)",
      "setReserveFeed(address)",
      "configureMinter(address,uint256,uint256,uint256)",
      "upgradeToAndCall(address,bytes)",
      "upgradeTo(address)",
      "addAttestor(address)",
      "setSupplyController(address)",
      "grantRole(bytes32,address)",
      "wipeFrozen(address,bytes32)",
      "setRateLimit(address,uint256,uint256)",
    ]) {
      expect(delayed.has(selectorOf(fn)), fn).to.equal(true);
    }
  });
});
