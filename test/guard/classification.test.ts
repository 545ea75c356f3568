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
import { Interface, Wallet, id } from "ethers";
import {
  CLASSIFICATION,
  DELAYED_ROLES,
  SHARED_DELAYED_SELECTORS,
  classificationMarkdown,
  delayedSelectors,
  protectiveSelectors,
  selectorOf,
} from "../../src/guard/classification";
import { parseDeployConfig } from "../../src/deploy/config";
import { PROJECT_ROOT } from "../helpers/cli";
import type { ClassifiedContract } from "../../src/guard/classification";
import { loadSafeArtifact } from "../../src/safe/artifacts";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { guardFixture } from "./fixture";

interface Abi {
  contractName: string;
  abi: unknown[];
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Production contracts: artifacts of contracts/ outside mocks/ and interfaces/, with runtime code. */
function productionArtifacts(): Abi[] {
  const root = path.join(hre.config.paths.artifacts, "contracts");
  return walk(root)
    .filter(
      (f) =>
        f.endsWith(".json") &&
        !f.endsWith(".dbg.json") &&
        !f.includes(`${path.sep}mocks${path.sep}`) &&
        !f.includes(`${path.sep}interfaces${path.sep}`),
    )
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
    for (const name of Object.keys(CLASSIFICATION))
      expect([...abis.keys()], `${name} has no compiled ABI`).to.include(name);
  });

  it("the Safe's own functions are all delayed (the guard delays every self-call)", function () {
    for (const [fn, [cls]] of Object.entries(CLASSIFICATION.Safe)) expect(cls, `Safe.${fn}`).to.equal("delayed");
    expect(Object.keys(CLASSIFICATION.Safe).sort()).to.deep.equal(
      stateChanging(loadSafeArtifact("Safe").abi as unknown[]),
    );
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
        if (cls !== "protective")
          expect(await guard.isProtective(selectorOf(fn)), `${name}.${fn} (${cls}) is protective on chain`).to.equal(
            false,
          );
      }
    }
    console.log(`      classification: ${delayed.size} delayed selectors, ${protective.length} protective selectors`);
  });

  it("an ordinary function sharing a delayed selector is acknowledged (and every acknowledgement is real)", function () {
    const delayed = new Set(delayedSelectors());
    const shared: string[] = [];
    for (const [name, table] of Object.entries(CLASSIFICATION)) {
      if (name === "Safe" || name === "ReserveGuard") continue;
      for (const [fn, [cls]] of Object.entries(table))
        if (cls === "ordinary" && delayed.has(selectorOf(fn))) shared.push(`${name}.${fn}`);
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

  it("DELAYED_ROLES is exactly the set of roles whose modifiers gate a delayed function (read from the sources)", function () {
    const derived = new Set<string>();
    const gates: string[] = [];
    for (const file of walk(path.join(PROJECT_ROOT, "contracts")).filter(
      (f) =>
        f.endsWith(".sol") &&
        !f.includes(`${path.sep}mocks${path.sep}`) &&
        !f.includes(`${path.sep}interfaces${path.sep}`),
    )) {
      const src = fs.readFileSync(file, "utf8");
      const contract = path.basename(file, ".sol") as ClassifiedContract;
      const table = CLASSIFICATION[contract];
      if (!table) continue;
      // function headers up to their body: `function name(...) ... onlyRole(ROLE) ... {`
      for (const m of src.matchAll(/function\s+(\w+)\s*\(([^{;]*?)\{/gs)) {
        const role = /onlyRole\((\w+)\)/.exec(m[2])?.[1];
        if (!role || !/\b(external|public)\b/.test(m[2])) continue;
        const classes = Object.entries(table)
          .filter(([sig]) => sig.startsWith(`${m[1]}(`))
          .map(([, [cls]]) => cls);
        expect(classes.length, `${contract}.${m[1]} is classified`).to.be.greaterThan(0);
        if (classes.includes("delayed") && role !== "DEFAULT_ADMIN_ROLE") {
          derived.add(role);
          gates.push(`${contract}.${m[1]}: ${role}`);
        }
      }
      // UUPS: _authorizeUpgrade checks the upgrader role (upgradeToAndCall is delayed)
      if (/_authorizeUpgrade[^}]*UPGRADER_ROLE/s.test(src)) derived.add("UPGRADER_ROLE");
    }
    expect([...derived].sort(), gates.join("; ")).to.deep.equal(Object.keys(DELAYED_ROLES).sort());
  });

  it("a public network's config gives a delayed role only to the Safe, and waits at least the guard's delay for an admin transfer", function () {
    // the example with its placeholders ("0x<custodian 1>", …) filled with distinct addresses
    const text = fs
      .readFileSync(path.join(PROJECT_ROOT, "deploy", "config", "sepolia.example.json"), "utf8")
      .replace(/"0x<([^>]*)>"/g, (_, name: string) => `"${new Wallet(id(name)).address}"`);
    const raw = (): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;
    const roles = (c: Record<string, unknown>) => c.roles as Record<string, Record<string, string[]>>;
    expect(() => parseDeployConfig(raw(), "sepolia.json", "sepolia")).not.to.throw();
    for (const [section, role] of [
      ["stablecoin", "UPGRADER_ROLE"],
      ["stablecoin", "RESCUER_ROLE"],
      ["supplyController", "MINTER_ADMIN_ROLE"],
      ["identity", "UPGRADER_ROLE"],
    ]) {
      const c = raw();
      roles(c)[section][role] = ["@safe", "0x1000000000000000000000000000000000000001"];
      expect(() => parseDeployConfig(c, "sepolia.json", "sepolia"), `${section}.${role}`).to.throw(
        new RegExp(
          `roles\\.${section}\\.${role}: 0x1000000000000000000000000000000000000001: ${role} gates delayed functions`,
        ),
      );
    }
    // protective and ordinary roles may be held by other keys (an officer freezes and pauses at once)
    const ok = raw();
    roles(ok).stablecoin.COMPLIANCE_ROLE = ["@safe", "0x1000000000000000000000000000000000000001"];
    roles(ok).stablecoin.PAUSER_ROLE = ["0x1000000000000000000000000000000000000001"];
    expect(() => parseDeployConfig(ok, "sepolia.json", "sepolia")).not.to.throw();
    const short = raw();
    short.adminTransferDelay = 3600;
    expect(() => parseDeployConfig(short, "sepolia.json", "sepolia")).to.throw(
      /adminTransferDelay: is 3600 s, below the reserve guard's delay of 172800 s/,
    );
    const longer = raw();
    (longer.reserveSafe as Record<string, unknown>).guard = { delaySeconds: 259200 };
    expect(() => parseDeployConfig(longer, "sepolia.json", "sepolia")).to.throw(
      /below the reserve guard's delay of 259200 s/,
    );
  });

  it("docs/guard.md shows the classification table rendered from the code (UPDATE_DOCS=1 rewrites it)", function () {
    const file = path.join(PROJECT_ROOT, "docs", "guard.md");
    const doc = fs.readFileSync(file, "utf8");
    const start = "<!-- classification:start -->\n";
    const end = "<!-- classification:end -->";
    expect(doc).to.include(start).and.to.include(end);
    const rendered = `${start}${classificationMarkdown()}\n${end}`;
    const current = doc.slice(doc.indexOf(start), doc.indexOf(end) + end.length);
    if (process.env.UPDATE_DOCS === "1") fs.writeFileSync(file, doc.replace(current, rendered));
    else expect(current, "run UPDATE_DOCS=1 npx hardhat test test/guard/classification.test.ts").to.equal(rendered);
  });
});
