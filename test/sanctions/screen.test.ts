/**
 * `sanctions:screen` on the deployed system (src/custody/cli/sanctions.ts, src/sanctions/): the diff against the
 * frozen set, the holders and the counterparty registry; --apply with the officer's key (freezes in chunks, each
 * carrying its legal reference), with the regulator's (suspensions), and with a key that holds neither (the Safe's
 * proposals, reviewed with the reference shown); a rerun sends nothing; a listed counterparty can neither receive a
 * distribution nor redeem; SANCTIONS-LISTED in the custodian summary; the report's section.
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { SOM_RESERVES } from "../../src/attestation";
import { readRecords } from "../../src/chain/records";
import { writeKeystore } from "../../src/chain/keystore";
import { runCommand } from "../../src/chain/cli";
import { SANCTIONS_COMMAND, sanctionsScreen } from "../../src/custody/cli/sanctions";
import { decodeReference, withReference } from "../../src/sanctions/reference";
import { readProposal } from "../../src/custody/proposal";
import { signAndExecute } from "../../src/custody/flow";
import { counterpartyLines } from "../../src/custody/counterparties";
import { decodeCall } from "../../src/custody/decode";
import { loadProposalContext } from "../../src/custody/actions";
import { writeReserveReport } from "../../src/report/run";
import { CounterpartyRegistry__factory } from "../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory";
import { RedemptionDesk__factory } from "../../typechain-types/factories/contracts/market/RedemptionDesk__factory";
import { DistributionRule__factory } from "../../typechain-types/factories/contracts/market/DistributionRule__factory";
import { ACCOUNTS, deploySystemFixture, localWallet } from "../helpers/system";
import { localAccountWallet } from "../../src/chain/localKeys";

const FIXTURES = path.join(__dirname, "fixtures");
const BANK = 9;
const REGULATOR = 14;
const NOBODY = 12;
const K = (som: bigint) => som * 100n;

async function screeningFixture() {
  // the shipped local config with its market: the bank @account:9 is licensed, the DistributionRule installed
  const sys = await deploySystemFixture((c) => c);
  const { signers, coin, controller, asSafe, root } = sys;
  await sys.attest(SOM_RESERVES, K(10_000_000n));
  await (await controller.mint(K(1_000_000n))).wait();
  const safe = await asSafe();
  const bank = signers[BANK];
  await (await coin.connect(safe).transfer(bank.address, K(100_000n))).wait();
  await hre.network.provider.send("hardhat_stopImpersonatingAccount", [sys.safe]);
  // two holders the lists name (fixtures 1 and 4), and one the lists name that never held anything (fixture 2)
  const holder1 = "0x98d1Fd3D35B5E04201927B11906A2A2b565a91A3";
  const holder4 = "0xDfDbb2Ff281F8A5863F16FC69bC459198ac9Ff30";
  await (await coin.connect(bank).transfer(holder1, K(1_000n))).wait();
  await (await coin.connect(bank).transfer(holder4, K(250n))).wait();
  // a national list that also names the licensed bank
  const dir = fs.mkdtempSync(path.join(root, "lists-"));
  const national = path.join(dir, "kg.csv");
  fs.writeFileSync(
    national,
    [
      "address,list,entryId,date",
      `${holder4},KG national list,KG-2026-014,2026-11-02`,
      `${bank.address},KG national list,KG-2026-020,2026-11-30`,
    ].join("\n"),
  );
  const keys: Record<string, string> = {};
  for (const [name, i] of [
    ["officer", ACCOUNTS.officer],
    ["regulator", REGULATOR],
    ["nobody", NOBODY],
  ] as const) {
    keys[name] = path.join(dir, `${name}.json`);
    await writeKeystore(keys[name], localAccountWallet(i), "pw", true);
  }
  return { ...sys, national, keys, holder1, holder4, bank, dir };
}

type Fixture = Awaited<ReturnType<typeof screeningFixture>>;

/** Runs the command in this process on the in-process chain, its records in the fixture's root. */
async function screenCmd(f: Fixture, args: string[]): Promise<{ lines: string[]; errors: string[] }> {
  const saved = { root: process.env.SOM_DEPLOYMENTS_ROOT, pw: process.env.SANCTIONS_KEYSTORE_PASSWORD };
  process.env.SOM_DEPLOYMENTS_ROOT = f.root;
  process.env.SANCTIONS_KEYSTORE_PASSWORD = "pw";
  const lines: string[] = [];
  const errors: string[] = [];
  try {
    await runCommand(
      SANCTIONS_COMMAND,
      (o) => sanctionsScreen(o, (l) => lines.push(l)),
      ["--network", "hardhat", ...args],
      (l) => errors.push(l),
    );
  } finally {
    process.exitCode = undefined;
    for (const [k, v] of [
      ["SOM_DEPLOYMENTS_ROOT", saved.root],
      ["SANCTIONS_KEYSTORE_PASSWORD", saved.pw],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
  return { lines, errors };
}

const ofac = path.join(FIXTURES, "ofac-sdn-advanced.xml");

describe("sanctions: screening and applying lists on the deployed system", function () {
  this.timeout(300_000);

  it("diffs deterministically: to freeze, balances, contracts, listed counterparties; nothing sent without --apply", async function () {
    const f = await loadFixture(screeningFixture);
    const before = await hre.ethers.provider.getBlockNumber();
    const out = path.join(f.dir, "diff.json");
    const r = await screenCmd(f, ["--list", ofac, "--list", f.national, "--out", out]);
    expect(r.errors).to.deep.equal([]);
    const diff = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(diff.toFreeze.map((s: { address: string }) => s.address)).to.deep.equal(
      [
        f.holder1,
        "0xC1f8B587253d3fe6Fe1C75e344F1871749C06664",
        "0x6211C9748199bA869d947006e1C8839965A3dc37",
        f.holder4,
        f.bank.address,
      ].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    );
    const one = diff.toFreeze.find((s: { address: string }) => s.address === f.holder1);
    expect(one).to.deep.include({ balance: String(K(1_000n)), contract: false });
    expect(one.entries).to.deep.equal(["OFAC SDN:90001"]);
    expect(diff.counterparties).to.deep.equal([
      {
        address: f.bank.address,
        name: "Demir Commercial Bank",
        status: "Active",
        eligible: true,
        entries: ["KG national list:KG-2026-020"],
      },
    ]);
    expect(diff.affectedBalance).to.equal(String(K(100_000n)));
    expect(r.lines.join("\n")).to.contain("To freeze: 5").and.contain("Listed counterparties: 1");
    expect(await hre.ethers.provider.getBlockNumber()).to.equal(before);
    // deterministic: the same lists, the same diff
    const again = path.join(f.dir, "diff-2.json");
    await screenCmd(f, ["--list", ofac, "--list", f.national, "--out", again]);
    expect(JSON.parse(fs.readFileSync(again, "utf8"))).to.deep.equal(diff);
  });

  it("--apply: the officer freezes with the reference, the regulator suspends, a rerun sends nothing; the bank can neither receive nor redeem", async function () {
    const f = await loadFixture(screeningFixture);
    const out = path.join(f.dir, "d.json");
    const lists = ["--list", ofac, "--list", f.national, "--out", out];
    const officer = await screenCmd(f, [...lists, "--apply", "--keystore", f.keys.officer]);
    expect(officer.errors).to.deep.equal([]);
    for (const a of [f.holder1, f.holder4, f.bank.address]) expect(await f.coin.isFrozen(a)).to.equal(true);
    const sent = officer.lines.find((l) => /^freezeBatch 1\/1 \(5 addresses, legal reference: /.test(l));
    expect(sent, officer.lines.join("\n")).to.not.equal(undefined);
    const hash = /sent (0x[0-9a-f]{64})/.exec(sent ?? "")?.[1] ?? "";
    const tx = await hre.ethers.provider.getTransaction(hash);
    const diff = JSON.parse(fs.readFileSync(out, "utf8"));
    const ref = decodeReference(`0x${(tx?.data ?? "").slice(10 + 64 * 2 + 64 * 5)}`);
    expect(ref?.listHash).to.equal(diff.listHash);
    expect(ref?.entryIds).to.have.members([
      "OFAC SDN:90001",
      "OFAC SDN:90002",
      "OFAC SDN:90002",
      "KG national list:KG-2026-014",
      "KG national list:KG-2026-020",
    ]);
    expect(officer.lines.join("\n")).to.contain("Left for the regulator (REGULATOR_ROLE");
    const registry = CounterpartyRegistry__factory.connect(f.at("CounterpartyRegistry"), hre.ethers.provider);
    expect(await registry.isEligible(f.bank.address)).to.equal(true);
    const regulator = await screenCmd(f, [...lists, "--apply", "--keystore", f.keys.regulator]);
    expect(regulator.errors).to.deep.equal([]);
    expect(regulator.lines.join("\n")).to.contain("To freeze: 0").and.contain(`suspend ${f.bank.address}: sent`);
    expect(await registry.isEligible(f.bank.address)).to.equal(false);
    expect((await registry.counterparty(f.bank.address)).status).to.equal(2n);
    // a rerun sends nothing
    const block = await hre.ethers.provider.getBlockNumber();
    const rerun = await screenCmd(f, [...lists, "--apply", "--keystore", f.keys.regulator]);
    expect(rerun.errors).to.deep.equal([]);
    expect(await hre.ethers.provider.getBlockNumber()).to.equal(block);
    // neither a distribution (the rule) nor a redemption (the desk) for the listed bank
    const rule = DistributionRule__factory.connect(f.at("DistributionRule"), hre.ethers.provider);
    const data = f.coin.interface.encodeFunctionData("transfer", [f.bank.address, 1n]);
    await expect(rule.checkCall(f.safe, await f.coin.getAddress(), 0n, data)).to.be.revertedWithCustomError(
      rule,
      "DistributionRuleNotEligible",
    );
    const desk = RedemptionDesk__factory.connect(f.at("RedemptionDesk"), f.bank);
    await expect(desk.requestRedemption(1n, `0x${"00".repeat(31)}01`)).to.be.reverted;
    // the records keep the applied lists: the custodian summary marks a listed recipient
    const records = readRecords(f.root, "hardhat");
    expect(records.find((r) => r.name === "SomStablecoin")?.sanctions?.how).to.equal("applied");
    const context = await loadProposalContext(hre.ethers.provider, records, f.safe);
    const call = decodeCall(
      { chainId: 31337, context, safe: f.safe },
      {
        to: await f.coin.getAddress(),
        value: 0n,
        operation: 0,
        data: f.coin.interface.encodeFunctionData("transfer", [f.holder4, 5n]),
      },
    );
    const lines = counterpartyLines(call, { records }, f.safe, Math.floor(Date.now() / 1000));
    expect(lines.join("\n")).to.match(
      new RegExp(
        `recipient ${f.holder4}: SANCTIONS-LISTED \\(KG national list:KG-2026-014; .* applied at block \\d+\\)`,
      ),
    );
    // the report shows the applied lists beside the frozen state on chain
    const report = await writeReserveReport({
      provider: hre.ethers.provider,
      network: "hardhat",
      root: f.root,
      outDir: path.join(f.dir, "report"),
      assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi,
    });
    const section = report.report.sections.find((s) => s.id === "sanctions");
    expect(section?.description).to.contain("On chain at block").and.contain("5 of them frozen");
    expect(section?.rows.map((r) => r[0])).to.deep.equal(["OFAC SDN", "KG national list"]);
    // a later list that no longer names them: listed as delisted, never unfrozen
    const later = path.join(f.dir, "later.json");
    const d = await screenCmd(f, ["--list", ofac, "--out", later]);
    expect(JSON.parse(fs.readFileSync(later, "utf8")).delisted).to.deep.equal(
      [f.holder4, f.bank.address].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    );
    expect(d.lines.join("\n")).to.contain("never automatic");
    expect(await f.coin.isFrozen(f.holder4)).to.equal(true);
  });

  it("a key without the roles the Safe holds: the Safe's proposals (freezes with the reference shown, suspension); executed, they act", async function () {
    const f = await loadFixture(screeningFixture);
    const dir = path.join(f.dir, "proposals");
    // this deployment's Safe also holds REGULATOR_ROLE (granted by it, the registry's admin)
    const registry = CounterpartyRegistry__factory.connect(f.at("CounterpartyRegistry"), await f.asSafe());
    await (await registry.grantRole(await registry.REGULATOR_ROLE(), f.safe)).wait();
    await hre.network.provider.send("hardhat_stopImpersonatingAccount", [f.safe]);
    const r = await screenCmd(f, [
      "--list",
      f.national,
      "--out",
      path.join(f.dir, "n.json"),
      "--apply",
      "--keystore",
      f.keys.nobody,
      "--dir",
      dir,
    ]);
    expect(r.errors).to.deep.equal([]);
    const file = fs.readdirSync(dir).find((x) => x.startsWith("sanctions-freeze-"));
    expect(file, r.lines.join("\n")).to.not.equal(undefined);
    expect(await f.coin.isFrozen(f.holder4)).to.equal(false);
    const proposal = readProposal(path.join(dir, file ?? ""));
    const result = await signAndExecute({
      provider: hre.ethers.provider,
      executor: f.signers[ACCOUNTS.custodians[2]],
      proposal,
      records: readRecords(f.root, "hardhat"),
      custodians: ACCOUNTS.custodians.slice(0, 2).map(localWallet),
      guard: f.guard,
    });
    expect(result.reviewed.join("\n")).to.contain("legal reference: sanctions list KG national list of 2026-11-30");
    expect(result.reviewed.join("\n")).to.not.contain("CANNOT DECODE");
    expect(await f.coin.isFrozen(f.holder4)).to.equal(true);
    expect(await f.coin.isFrozen(f.bank.address)).to.equal(true);
    const suspend = fs.readdirSync(dir).find((x) => x.startsWith("sanctions-suspend-"));
    expect(suspend, r.lines.join("\n")).to.not.equal(undefined);
    const second = readProposal(path.join(dir, suspend ?? ""));
    expect(second.nonce).to.equal(proposal.nonce + 1n);
    await signAndExecute({
      provider: hre.ethers.provider,
      executor: f.signers[ACCOUNTS.custodians[2]],
      proposal: second,
      records: readRecords(f.root, "hardhat"),
      custodians: ACCOUNTS.custodians.slice(0, 2).map(localWallet),
      guard: f.guard,
    });
    expect(await registry.isEligible(f.bank.address)).to.equal(false);
  });

  it("the custodian's decoder shows a reference only on freezeBatch and only when it is exact; other trailing bytes stay refused", async function () {
    const f = await loadFixture(screeningFixture);
    const records = readRecords(f.root, "hardhat");
    const context = await loadProposalContext(hre.ethers.provider, records, f.safe);
    const env = { chainId: 31337, context, safe: f.safe };
    const to = await f.coin.getAddress();
    const ref = { listHash: `0x${"ab".repeat(32)}`, lists: "KG national list", date: "2026-11-02", entryIds: ["KG:1"] };
    const freeze = f.coin.interface.encodeFunctionData("freezeBatch", [[f.holder1]]);
    const shown = decodeCall(env, { to, value: 0n, operation: 0, data: withReference(freeze, ref) });
    expect(shown.error).to.equal(undefined);
    expect(shown.reference).to.contain("legal reference: sanctions list KG national list of 2026-11-02");
    const tampered = decodeCall(env, { to, value: 0n, operation: 0, data: `${withReference(freeze, ref)}00` });
    expect(tampered.reference).to.equal(undefined);
    expect(tampered.error).to.match(/carries \d+ byte\(s\) after the encoded arguments of freezeBatch/);
    const transfer = f.coin.interface.encodeFunctionData("transfer", [f.holder1, 1n]);
    const elsewhere = decodeCall(env, { to, value: 0n, operation: 0, data: withReference(transfer, ref) });
    expect(elsewhere.reference).to.equal(undefined);
    expect(elsewhere.error).to.match(/after the encoded arguments of transfer/);
  });

  it("user errors are one line, nothing sent: a malformed list, --apply without a key, no list, no --out folder", async function () {
    const f = await loadFixture(screeningFixture);
    const block = await hre.ethers.provider.getBlockNumber();
    const out = path.join(f.dir, "e.json");
    const cases: [string[], RegExp][] = [
      [
        ["--list", path.join(FIXTURES, "ofac-malformed.xml"), "--out", out],
        /^error: .*ofac-malformed\.xml:\d+:\d+: malformed XML/,
      ],
      [["--list", f.national, "--out", out, "--apply"], /^error: --apply needs --keystore/],
      [["--out", out], /^error: no --list given/],
      [["--list", f.national, "--out", path.join(f.dir, "missing", "x.json")], /^error: --out .*does not exist/],
    ];
    for (const [args, pattern] of cases) {
      const r = await screenCmd(f, args);
      expect(r.errors, args.join(" ")).to.have.length(1);
      expect(r.errors[0]).to.match(pattern);
    }
    expect(await hre.ethers.provider.getBlockNumber()).to.equal(block);
  });
});
