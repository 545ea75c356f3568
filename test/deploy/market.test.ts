/**
 * The primary market in the deployment plan (deploy config `market`, docs/market.md "Deployment"): the registry, desk
 * and rule deployed with records, roles and settings read back by the final check, the initial licences, and the
 * DistributionRule installed the guard's way: announced, delayed and executed by the Safe on a local chain; a
 * proposal the custodians execute, reported pending until then, when the deployment cannot sign for the owners.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { getAddress, keccak256, toUtf8Bytes } from "ethers";
import { CounterpartyRegistry__factory } from "../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory";
import { DistributionRule__factory } from "../../typechain-types/factories/contracts/market/DistributionRule__factory";
import { RedemptionDesk__factory } from "../../typechain-types/factories/contracts/market/RedemptionDesk__factory";
import { ReserveGuard__factory } from "../../typechain-types/factories/contracts/guard/ReserveGuard__factory";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import type { DeployConfig } from "../../src/deploy/config";
import { DeployConfigError, loadDeployConfig, parseDeployConfig } from "../../src/deploy/config";
import { deploySystem } from "../../src/deploy/system";
import { RULE_INSTALL_STEP, ruleProposalFile } from "../../src/deploy/marketRule";
import { licenceExpiryOf } from "../../src/market/plan";
import { readRecords } from "../../src/chain/records";
import { readProposal } from "../../src/custody/proposal";
import { signAndExecute } from "../../src/custody/flow";
import { waitForChainTime } from "../../src/guard/wait";
import { DeployError } from "../../src/chain/plan";
import { PROJECT_ROOT } from "../helpers/cli";
import { localWallet } from "../helpers/system";
import { expectRejects } from "../helpers/rejects";
import { createSafeWalletStyleSafe } from "../helpers/safe-wallet";

const REGULATOR = 14;
const BANK = 9;

/** deploy/config/hardhat.json with its own Safe salt (a Safe of its own) and records folder. */
function fresh(
  salt: string,
  change: (c: DeployConfig) => DeployConfig = (c) => c,
): { config: DeployConfig; root: string } {
  const loaded = loadDeployConfig(PROJECT_ROOT, "hardhat");
  if (!("owners" in loaded.reserveSafe)) throw new Error("hardhat.json creates a Safe");
  return {
    config: change({ ...loaded, reserveSafe: { ...loaded.reserveSafe, saltNonce: salt } }),
    root: fs.mkdtempSync(path.join(os.tmpdir(), "som-market-deploy-")),
  };
}

function at(root: string, name: string): string {
  const r = readRecords(root, "hardhat").find((x) => x.name === name);
  if (!r) throw new Error(`no record ${name}`);
  return r.address;
}

describe("deploy: the primary market in the plan", function () {
  this.timeout(300_000);

  it("deploys registry, desk and rule with records; roles, settings and licences as configured; the rule installed the guard's way", async function () {
    const { config, root } = fresh("8101");
    const lines: string[] = [];
    const result = await deploySystem({ hre, config, root, log: (l) => lines.push(l) });
    const signers = await hre.ethers.getSigners();
    const provider = hre.ethers.provider;
    const registry = CounterpartyRegistry__factory.connect(at(root, "CounterpartyRegistry"), provider);
    const desk = RedemptionDesk__factory.connect(at(root, "RedemptionDesk"), provider);
    const rule = DistributionRule__factory.connect(at(root, "DistributionRule"), provider);
    const coin = SomStablecoin__factory.connect(at(root, "SomStablecoin"), provider);
    const guard = ReserveGuard__factory.connect(at(root, "ReserveGuard"), provider);
    const safe = result.safe;
    // records: the registry is a UUPS proxy; desk and rule are plain contracts with their constructor arguments
    const records = readRecords(root, "hardhat");
    expect(records.find((r) => r.name === "CounterpartyRegistry")?.proxy?.kind).to.equal("uups");
    expect(records.find((r) => r.name === "RedemptionDesk")?.args).to.deep.equal([
      await coin.getAddress(),
      await registry.getAddress(),
      safe,
      "259200",
    ]);
    // roles: the Safe administers and upgrades the registry, the configured regulator licenses; the deployer: nothing
    expect(await registry.defaultAdmin()).to.equal(safe);
    expect(await registry.hasRole(await registry.REGULATOR_ROLE(), signers[REGULATOR].address)).to.equal(true);
    expect(await registry.hasRole(await registry.UPGRADER_ROLE(), safe)).to.equal(true);
    for (const role of [
      await registry.REGULATOR_ROLE(),
      await registry.UPGRADER_ROLE(),
      await registry.DEFAULT_ADMIN_ROLE(),
    ])
      expect(await registry.hasRole(role, result.deployer)).to.equal(false);
    // the admin delay restored by the Safe's setup (OpenZeppelin schedules the increase)
    expect((await registry.pendingDefaultAdminDelay())[0]).to.equal(BigInt(config.adminTransferDelay));
    const matrix = result.matrix.find((m) => m.name === "CounterpartyRegistry");
    expect(matrix?.roles.find((r) => r.role === "REGULATOR_ROLE")?.holders).to.deep.equal([signers[REGULATOR].address]);
    // the desk burns settled escrow; its reserve is the Safe; the rule reads the same three contracts
    expect(await coin.hasRole(await coin.BURNER_ROLE(), await desk.getAddress())).to.equal(true);
    expect(await desk.reserve()).to.equal(safe);
    expect(await desk.settlementWindow()).to.equal(259200n);
    expect([await rule.token(), await rule.registry(), await rule.desk()]).to.deep.equal([
      await coin.getAddress(),
      await registry.getAddress(),
      await desk.getAddress(),
    ]);
    // minimum capital and the initial licence (valid through 2030-12-31, UTC)
    expect(await registry.minimumCapital(0)).to.equal(10_000_000_000n);
    expect(await registry.minimumCapital(1)).to.equal(0n);
    expect(await registry.minimumCapital(2)).to.equal(5_000_000_000n);
    const bank = await registry.counterparty(signers[BANK].address);
    expect(bank.name).to.equal("Demir Commercial Bank");
    expect(bank.category).to.equal(2n);
    expect(bank.licenceExpiry).to.equal(BigInt(Date.UTC(2030, 11, 31, 23, 59, 59) / 1000));
    expect(await registry.isEligible(signers[BANK].address)).to.equal(true);
    // the rule: announced by an owner, executed by the Safe after the guard's delay
    expect(await guard.callRuleOf(safe)).to.equal(await rule.getAddress());
    const announced = await guard.queryFilter(guard.filters.CallAnnounced(safe));
    expect(announced).to.have.length(1);
    const executed = await guard.queryFilter(guard.filters.AnnouncedCallExecuted(safe));
    expect(executed.map((e) => e.args.callHash)).to.deep.equal(announced.map((e) => e.args.callHash));
    expect(lines.join("\n")).to.contain(`+ ${RULE_INSTALL_STEP}`);
    expect(lines.join("\n")).to.contain("final check: DistributionRule");
    expect(lines.join("\n")).to.contain("installed as the reserve Safe's call rule");
    // a rerun sends nothing and finds everything in place
    const rerun = await deploySystem({ hre, config, root, log: () => undefined });
    expect(rerun.alreadyComplete).to.equal(true);
    expect(rerun.transactions).to.equal(0);
  });

  it("owners the deployment cannot sign for: the rule waits as a proposal, reported pending; the custodians' execution installs it", async function () {
    const signers = await hre.ethers.getSigners();
    // the same local owners, written as addresses: the deployment holds no key it may sign for them with
    const { config, root } = fresh("8102", (c) => ({
      ...c,
      reserveSafe: { ...c.reserveSafe, owners: [1, 2, 3].map((i) => getAddress(signers[i].address)) },
    }));
    const lines: string[] = [];
    const result = await deploySystem({ hre, config, root, log: (l) => lines.push(l) });
    const text = lines.join("\n");
    const file = ruleProposalFile(root, "hardhat");
    expect(fs.existsSync(file)).to.equal(true);
    expect(text).to.contain(`! ${RULE_INSTALL_STEP}: pending`);
    expect(text).to.match(
      /not announced yet: executable 60 s after an owner announces it \(`npm run safe:announce -- --network hardhat --proposal /,
    );
    expect(text).to.match(/final check: DistributionRule 0x[0-9a-fA-F]{40}: pending/);
    const guard = ReserveGuard__factory.connect(at(root, "ReserveGuard"), hre.ethers.provider);
    const rule = at(root, "DistributionRule");
    expect(await guard.callRuleOf(result.safe)).to.equal("0x0000000000000000000000000000000000000000");
    // the proposal is the Safe's setCallRule(rule) on its guard, nothing else
    const proposal = readProposal(file);
    expect(proposal.safe).to.equal(result.safe);
    expect(proposal.safeTx.to).to.equal(await guard.getAddress());
    expect(proposal.safeTx.data).to.equal(guard.interface.encodeFunctionData("setCallRule", [rule]));
    // the custodians announce, wait out the delay, sign and execute
    const provider = hre.ethers.provider;
    await signAndExecute({
      provider,
      executor: signers[3],
      proposal,
      records: readRecords(root, "hardhat"),
      custodians: [1, 2].map(localWallet),
      guard: {
        address: await guard.getAddress(),
        announcer: signers[1],
        passDelay: (when) => waitForChainTime(provider, when, { advanceLocalClock: true }),
      },
    });
    expect(await guard.callRuleOf(result.safe)).to.equal(rule);
    const again: string[] = [];
    const rerun = await deploySystem({ hre, config, root, log: (l) => again.push(l) });
    expect(rerun.transactions).to.equal(0);
    expect(again.join("\n")).to.contain("installed as the reserve Safe's call rule");
    expect(again.join("\n")).to.not.contain("pending");
  });

  it("an existing Safe: its hand-over first (the guard installed by it), then the rule as the custodians' proposal", async function () {
    const signers = await hre.ethers.getSigners();
    const owners = [1, 2, 3].map((i) => localWallet(i).address);
    const existing = await createSafeWalletStyleSafe(owners, 2, 8105n);
    const loaded = loadDeployConfig(PROJECT_ROOT, "hardhat");
    const config: DeployConfig = {
      ...loaded,
      reserveSafe: { address: existing.address },
      reserveGuard: { delaySeconds: 60 },
    };
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-market-existing-"));
    const lines: string[] = [];
    await expectRejects(deploySystem({ hre, config, root, log: (l) => lines.push(l) }), /still holds/, DeployError);
    // no guard on the Safe yet: nothing to propose for the rule until the hand-over installs it
    expect(lines.join("\n")).to.contain("the reserve Safe has no ReserveGuard (yet)");
    expect(fs.existsSync(ruleProposalFile(root, "hardhat"))).to.equal(false);
    const handoverFile = path.join(root, "deployments", "hardhat", ".som", "handover-proposal.json");
    const handover = readProposal(handoverFile);
    // the hand-over accepts the registry's admin with the others'
    expect(handover.summary.join("\n")).to.match(
      /CounterpartyRegistry[^]*acceptDefaultAdminTransfer|acceptDefaultAdminTransfer[^]*CounterpartyRegistry/,
    );
    await signAndExecute({
      provider: hre.ethers.provider,
      executor: signers[0],
      proposal: handover,
      proposalFile: handoverFile,
      records: readRecords(root, "hardhat"),
      custodians: [localWallet(1), localWallet(3)],
      allow: ["self-call"],
    });
    const again: string[] = [];
    await deploySystem({ hre, config, root, log: (l) => again.push(l) });
    expect(again.join("\n")).to.match(/final check: DistributionRule 0x[0-9a-fA-F]{40}: pending/);
    const rule = readProposal(ruleProposalFile(root, "hardhat"));
    expect(rule.nonce).to.equal(handover.nonce + 1n);
    const registry = CounterpartyRegistry__factory.connect(at(root, "CounterpartyRegistry"), hre.ethers.provider);
    expect(await registry.defaultAdmin()).to.equal(existing.address);
  });

  it("without a ReserveGuard the rule is deployed, not installed, and the final check says so", async function () {
    const { config, root } = fresh("8103", (c) => ({ ...c, reserveGuard: undefined }));
    const lines: string[] = [];
    await deploySystem({ hre, config, root, log: (l) => lines.push(l) });
    expect(lines.join("\n")).to.contain("not installed (the reserve Safe has no ReserveGuard)");
    expect(fs.existsSync(ruleProposalFile(root, "hardhat"))).to.equal(false);
  });

  it("the final check fails when the market on chain differs from the configuration (the desk's window, an extra regulator)", async function () {
    const { config, root } = fresh("8104");
    const { safe } = await deploySystem({ hre, config, root, log: () => undefined });
    const signers = await hre.ethers.getSigners();
    await hre.network.provider.send("hardhat_impersonateAccount", [safe]);
    await hre.network.provider.send("hardhat_setBalance", [safe, "0x56BC75E2D63100000"]);
    const asSafe = await hre.ethers.getSigner(safe);
    await (await RedemptionDesk__factory.connect(at(root, "RedemptionDesk"), asSafe).setSettlementWindow(86400)).wait();
    const registry = CounterpartyRegistry__factory.connect(at(root, "CounterpartyRegistry"), asSafe);
    await (await registry.grantRole(await registry.REGULATOR_ROLE(), signers[15].address)).wait();
    await hre.network.provider.send("hardhat_stopImpersonatingAccount", [safe]);
    const err = await expectRejects(
      deploySystem({ hre, config, root, log: () => undefined }),
      /differs from/,
      DeployError,
    );
    expect(err.message).to.contain("RedemptionDesk.settlementWindow is 86400, expected 259200");
    expect(err.message).to.match(/CounterpartyRegistry\.REGULATOR_ROLE: holders .*configuration says/);
  });

  it("a licence expiry must be a real date", function () {
    expect(licenceExpiryOf("2030-12-31")).to.equal(BigInt(Date.UTC(2030, 11, 31, 23, 59, 59) / 1000));
    expect(() => licenceExpiryOf("2030-02-30")).to.throw(DeployError, /not a date/);
  });
});

describe("deploy: configuration of the market", function () {
  const raw = (): Record<string, unknown> & {
    market: Record<string, unknown> & { counterparties: Record<string, unknown>[] };
  } => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", "hardhat.json"), "utf8")) as never;

  const cases: [string, (c: ReturnType<typeof raw>) => void, string, RegExp][] = [
    ["the Safe as regulator", (c) => (c.market.regulator = "@safe"), "market.regulator", /a key of its own/],
    ["a zero window", (c) => (c.market.settlementWindow = 0), "market.settlementWindow", /from 1 to 31536000/],
    ["an unknown category", (c) => (c.market.minimumCapital = { Broker: "1" }), "market.minimumCapital", /Broker/],
    [
      "capital below the category's minimum",
      (c) => (c.market.counterparties[0].declaredCapital = "1"),
      "market.counterparties[0].declaredCapital",
      /below the minimum capital of Bank \(5000000000\)/,
    ],
    [
      "an impossible date",
      (c) => (c.market.counterparties[0].licenceExpiry = "2030-02-30"),
      "market.counterparties[0].licenceExpiry",
      /YYYY-MM-DD/,
    ],
    [
      "a zero capital document hash",
      (c) => (c.market.counterparties[0].capitalDocHash = `0x${"0".repeat(64)}`),
      "market.counterparties[0].capitalDocHash",
      /non-zero 32-byte hash/,
    ],
    [
      "the same counterparty twice",
      (c) => c.market.counterparties.push({ ...c.market.counterparties[0] }),
      "market.counterparties[1].address",
      /duplicate counterparty/,
    ],
    ["an unknown field", (c) => (c.market.regulatr = "@account:14"), "market", /regulatr/],
  ];
  for (const [what, mutate, field, message] of cases) {
    it(`refuses ${what}, naming ${field}`, function () {
      const c = raw();
      mutate(c);
      try {
        parseDeployConfig(c, "cfg.json", "hardhat");
      } catch (e) {
        expect(e).to.be.instanceOf(DeployConfigError);
        expect((e as DeployConfigError).field.startsWith(field), (e as Error).message).to.equal(true);
        expect((e as Error).message).to.match(message);
        return;
      }
      expect.fail(`no error for ${what}`);
    });
  }

  it("every shipped configuration has a market section (local ones license the commercial bank the main job pays)", function () {
    for (const file of ["hardhat.json", "localhost.json", "sepolia.example.json", "bscTestnet.example.json"]) {
      const c = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", file), "utf8")) as {
        market?: { counterparties: { capitalDocHash: string; name: string }[] };
      };
      expect(c.market, file).to.not.equal(undefined);
      for (const cp of c.market?.counterparties ?? [])
        expect(cp.capitalDocHash).to.equal(keccak256(toUtf8Bytes(`audited capital statement, ${cp.name}, 2026`)));
    }
  });
});
