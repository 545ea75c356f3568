/**
 * The reserve report read from a real deployment on the in-process chain: accounting (circulating vs
 * undistributed, both coverages), history from events (series checked point by point against the
 * chain, flows, monthly table, reports with verified signers), the cached cursor (rerun reads only
 * new blocks, invalidation on a key change and on a reorganised chain), governance (owners, decoded
 * executions, upgrades, announcements of the real ReserveGuard).
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { Contract, Interface, keccak256, toUtf8Bytes } from "ethers";
import { SOM_RESERVES, orderSignatures, signReport, submitSignedReport } from "../../src/attestation";
import { isNewSafe, parseDeployConfig } from "../../src/deploy/config";
import type { DeployConfig } from "../../src/deploy/config";
import { writeRecord } from "../../src/chain/records";
import { buildLabels } from "../../src/report/labels";
import { explorerFor } from "../../src/report/explorer";
import { REPORT_SCHEMA_VERSION } from "../../src/report/model";
import type { ReserveReport } from "../../src/report/model";
import type { ReportSectionProvider } from "../../src/report/sections";
import { renderHtml, renderText } from "../../src/report/render";
import { writeReserveReport } from "../../src/report/run";
import type { ReportRunOptions } from "../../src/report/run";
import { ERC1271WalletMock__factory, ReserveGuard__factory } from "../../typechain-types";
import type { ReserveGuard } from "../../typechain-types";
import { announceCalls, deployReserveGuard, guardCallHash, pendingAnnouncements } from "../../src/guard";
import { readRecords } from "../../src/chain/records";
import { announcementStatus } from "../../src/report/governance";
import { proposeSignExecute } from "../../src/custody/flow";
import { createReserveSafe, resolveSafeInfrastructure, saltNonceFor } from "../../src/safe/deploy";
import { ACCOUNTS, localWallet } from "../helpers/system";
import { K, reportFixture, runOptions } from "./fixture";

async function chainState(
  coin: Awaited<ReturnType<typeof reportFixture>>["coin"],
  registry: Awaited<ReturnType<typeof reportFixture>>["registry"],
  safe: string,
  block: number,
) {
  const [supply, held, latest] = await Promise.all([
    coin.totalSupply({ blockTag: block }),
    coin.balanceOf(safe, { blockTag: block }),
    registry.latestReport(SOM_RESERVES, { blockTag: block }),
  ]);
  return { supply, held, reserves: latest[0] };
}

function multiSendOf(root: string): string {
  const r = readRecords(root, "hardhat").find((x) => x.name === "MultiSendCallOnly");
  if (!r) throw new Error("no MultiSendCallOnly record");
  return r.address;
}

/** Records a ReserveGuard deployed by src/guard (record name `ReserveGuard`, its TypeChain ABI). */
async function recordGuard(root: string, guard: ReserveGuard): Promise<void> {
  const receipt = await guard.deploymentTransaction()?.wait();
  writeRecord(root, "hardhat", {
    name: "ReserveGuard",
    contract: "ReserveGuard",
    address: await guard.getAddress(),
    abi: ReserveGuard__factory.abi,
    transactionHash: receipt?.hash ?? "",
    blockNumber: receipt?.blockNumber ?? 0,
    args: [],
    compiler: "test",
    gitCommit: "test",
    chainId: 31337,
    deployedAt: new Date().toISOString(),
  });
}

/**
 * A second 1-of-1 Safe (the project's Safe creation) owned by `owner`, a proxy of the singleton the
 * deployment put on this chain (config `reserveSafe.singleton`, as src/deploy/system.ts chooses it).
 */
async function deployOtherSafe(config: DeployConfig, owner: string): Promise<string> {
  const infra = await resolveSafeInfrastructure(
    hre.ethers.provider,
    isNewSafe(config.reserveSafe) ? config.reserveSafe.singleton : "Safe",
  );
  return (
    await createReserveSafe(await hre.ethers.provider.getSigner(0), infra, {
      owners: [owner],
      threshold: 1,
      saltNonce: saltNonceFor("report-test-other-safe"),
    })
  ).address;
}

describe("report: the reserve report", function () {
  it("accounts circulating vs undistributed, labels both coverages, and keeps property out of the backing", async function () {
    const { root, config, coin, deployed } = await loadFixture(reportFixture);
    const out = await writeReserveReport(runOptions(root, config));
    const r = out.report;
    expect(r.schemaVersion).to.equal(REPORT_SCHEMA_VERSION);
    expect(r.generatedAt).to.equal("2030-01-02T03:04:05.000Z");
    expect(r.asOf.blockNumber).to.equal(await hre.ethers.provider.getBlockNumber());
    expect(r.supply.total.raw).to.equal((await coin.totalSupply()).toString());
    expect(r.supply.total.formatted).to.equal("1,300,000.00 KGSC");
    expect(r.supply.undistributed.formatted).to.equal("800,000.00 KGSC");
    expect(r.supply.undistributed.raw).to.equal((await coin.balanceOf(deployed.safe)).toString());
    expect(r.supply.circulating.formatted).to.equal("500,000.00 KGSC");
    expect(r.backing.attestedReserves.formatted).to.equal("2,050,000.00 som");
    expect(r.backing.coverageOfCirculating).to.be.closeTo(2_050_000 / 500_000, 1e-6);
    expect(r.backing.coverageOfTotalSupply).to.be.closeTo(2_050_000 / 1_300_000, 1e-6);
    expect(r.tokenizedProperty.totalValueHeld.formatted).to.equal("800,000,000.00 som");
    expect(r.tokenizedProperty.assets[0].valuationReport?.signers.map((s) => s.method)).to.deep.equal([
      "eip712-signature",
      "eip712-signature",
    ]);
    // No figure adds the undistributed KGSC or the property to the backing.
    expect(JSON.stringify(r)).to.not.contain("totalValueSom");
    expect(r.warnings).to.deep.equal([]);
    expect(JSON.parse(fs.readFileSync(out.jsonFile, "utf8"))).to.deep.equal(JSON.parse(JSON.stringify(r)));
    expect(out.text)
      .to.contain("coverage of circulating supply     410.00%")
      .and.contain("coverage of total supply           157.69%");
    expect(out.text).to.contain("(undistributed: not backing)");
  });

  it("lists every reserve report with document and verified signers (signatures from calldata, on-chain approvals), named from the config", async function () {
    const { root, config } = await loadFixture(reportFixture);
    const r = (await writeReserveReport(runOptions(root, config))).report;
    const reps = r.history.reserveReports;
    expect(reps.map((x) => x.roundId)).to.deep.equal([3, 2, 1]);
    expect(reps[0].uri).to.equal("https://reserve.example.kg/3.pdf");
    expect(reps[0].signers.map((s) => [s.address, s.method])).to.deep.equal([
      [localWallet(5).address, "onchain-approval"],
      [localWallet(6).address, "onchain-approval"],
    ]);
    expect(reps[1].signers.map((s) => s.address).sort()).to.deep.equal(
      [localWallet(4).address, localWallet(6).address].sort(),
    );
    expect(reps[1].signers.every((s) => s.method === "eip712-signature")).to.equal(true);
    expect(reps[2].signers.find((s) => s.address === localWallet(4).address)?.label).to.equal("Ala-Too Audit LLC");
    expect(reps[2].signers.find((s) => s.address === localWallet(5).address)?.label).to.equal(
      "attestor 2 (deploy config)",
    );
    expect(reps[2].docHash).to.equal(keccak256(toUtf8Bytes(`doc ${SOM_RESERVES} ${K(2_000_000n)}`)));
    expect(r.backing.currentReport?.roundId).to.equal(3);
    expect(r.backing.attestorSet.threshold).to.equal(2);
    expect(r.backing.attestorSet.attestors.map((a) => a.label)).to.include("Ala-Too Audit LLC");
  });

  it("names a contract attestor's signature as ERC-1271, and a submission through another contract as NOT verified", async function () {
    const { root, config, registry, asSafe, signers, deployed } = await loadFixture(reportFixture);
    const owner = signers[13];
    const wallet = await new ERC1271WalletMock__factory(owner).deploy(owner.address);
    const walletAddress = await wallet.getAddress();
    await (await registry.connect(await asSafe()).addAttestor(walletAddress)).wait();
    await hre.network.provider.send("hardhat_stopImpersonatingAccount", [deployed.safe]);
    const registryAddress = await registry.getAddress();
    const make = async (value: bigint) => ({
      chainId: 31337n,
      registry: registryAddress,
      report: {
        subject: SOM_RESERVES,
        value,
        asOf: BigInt(await time.latest()) - 5n,
        docHash: keccak256(toUtf8Bytes(`s ${value}`)),
        uri: "",
      },
    });
    await time.increase(60);
    const a = await make(K(2_060_000n));
    await submitSignedReport(
      a,
      [await signReport(a, owner, walletAddress), await signReport(a, localWallet(4))],
      signers[ACCOUNTS.relayer],
    );
    await time.increase(60);
    const b = await make(K(2_070_000n));
    const ordered = orderSignatures(b, [await signReport(b, localWallet(4)), await signReport(b, localWallet(5))]);
    const call = registry.interface.encodeFunctionData("submitReport", [b.report, ordered.signers, ordered.signatures]);
    await (await wallet.connect(owner).execute(registryAddress, call)).wait();
    const r = (await writeReserveReport(runOptions(root, config))).report;
    const [viaContract, withContract] = r.history.reserveReports;
    expect(withContract.signers.map((x) => [x.address, x.method])).to.have.deep.members([
      [walletAddress, "erc1271-contract"],
      [localWallet(4).address, "eip712-signature"],
    ]);
    expect(viaContract.signers).to.have.length(1);
    expect(viaContract.signers[0].method).to.equal("unverified");
    expect(viaContract.signers[0].note).to.contain(`submitted through ${walletAddress}`);
    expect(renderHtml(r)).to.contain("NOT verified");
  });

  it("builds the history from events: series points match the chain at their blocks; minted, burned, wiped; monthly table", async function () {
    const { root, config, coin, registry, deployed } = await loadFixture(reportFixture);
    const r = (await writeReserveReport(runOptions(root, config))).report;
    const s = r.history.series;
    expect(s.length).to.be.greaterThan(5);
    for (const p of s) {
      const c = await chainState(coin, registry, deployed.safe, p.blockNumber);
      expect(p.totalSupply, `supply at ${p.blockNumber}`).to.equal(c.supply.toString());
      expect(p.circulating, `circulating at ${p.blockNumber}`).to.equal((c.supply - c.held).toString());
      expect(p.reserves, `reserves at ${p.blockNumber}`).to.equal(c.reserves.toString());
      expect(p.timestamp).to.equal((await hre.ethers.provider.getBlock(p.blockNumber))?.timestamp);
    }
    expect(s[s.length - 1].blockNumber).to.equal(r.asOf.blockNumber);
    const f7 = r.history.flows.find((f) => f.days === 7);
    expect(f7?.minted.formatted).to.equal("1,500,000.00 KGSC");
    expect(f7?.burned.formatted).to.equal("100,000.00 KGSC");
    expect(f7?.wiped.formatted).to.equal("100,000.00 KGSC");
    expect(r.history.flows.map((f) => f.days)).to.deep.equal([7, 30, 365]);
    const months = r.history.monthly;
    expect(months.reduce((a, m) => a + BigInt(m.minted.raw), 0n)).to.equal(K(1_500_000n));
    expect(months.reduce((a, m) => a + m.reserveReports, 0)).to.equal(3);
    expect(months[0].circulating.formatted).to.equal("500,000.00 KGSC");
  });

  it("caches the scan: a rerun reads only the new blocks, with the same figures", async function () {
    const { root, config, coin, signers } = await loadFixture(reportFixture);
    fs.rmSync(path.join(root, "reports", "hardhat", "history-cache.json"), { force: true });
    const first = (await writeReserveReport(runOptions(root, config))).report;
    expect(first.history.scan.blocksScanned).to.equal(first.asOf.blockNumber - first.history.scan.fromBlock + 1);
    await (await coin.connect(signers[9]).transfer(signers[12].address, K(1n))).wait();
    await mine(4);
    const second = (await writeReserveReport(runOptions(root, config))).report;
    expect(second.history.scan.cachedToBlock).to.equal(first.asOf.blockNumber);
    expect(second.history.scan.blocksScanned).to.equal(5);
    expect(second.history.scan.logs, "a holder-to-holder transfer is not kept").to.equal(first.history.scan.logs);
    expect(second.history.reserveReports).to.deep.equal(first.history.reserveReports);
    const fresh = (
      await writeReserveReport(
        runOptions(root, config, { noCache: true, outDir: path.join(root, "reports", "nocache") }),
      )
    ).report;
    expect({ ...second.history, scan: null }).to.deep.equal({ ...fresh.history, scan: null });
  });

  it("splits the scan into bounded ranges with the same result", async function () {
    const { root, config } = await loadFixture(reportFixture);
    const big = (await writeReserveReport(runOptions(root, config, { noCache: true }))).report;
    const small = (
      await writeReserveReport(
        runOptions(root, config, {
          noCache: true,
          collect: { rangeSize: 7, now: () => new Date("2030-01-02T03:04:05Z") },
        }),
      )
    ).report;
    expect(small.history.scan.rangeSize).to.equal(7);
    expect(small.history.scan.rpcCalls).to.be.greaterThan(big.history.scan.rpcCalls);
    expect({ ...small.history, scan: null }).to.deep.equal({ ...big.history, scan: null });
  });

  it("discards the cache when the chain was reorganised or restarted (same chain id, other blocks)", async function () {
    const { root, config, coin, signers } = await loadFixture(reportFixture);
    const snap = (await hre.network.provider.send("evm_snapshot", [])) as string;
    await (await coin.connect(signers[9]).transfer(signers[12].address, K(7n))).wait();
    const before = (await writeReserveReport(runOptions(root, config))).report;
    await hre.network.provider.send("evm_revert", [snap]);
    await mine(3); // same height, other blocks
    const after = (await writeReserveReport(runOptions(root, config))).report;
    expect(after.asOf.blockNumber).to.be.greaterThanOrEqual(before.asOf.blockNumber);
    expect(after.history.scan.cachedToBlock).to.equal(after.history.scan.fromBlock - 1);
    expect(after.warnings).to.deep.equal([]);
  });

  it("keeps the last blocks below the head out of the cache (reorg depth) and reads them again", async function () {
    const { root, config } = await loadFixture(reportFixture);
    fs.rmSync(path.join(root, "reports", "hardhat", "history-cache.json"), { force: true });
    const opts = (): ReportRunOptions =>
      runOptions(root, config, { collect: { reorgDepth: 3, now: () => new Date("2030-01-02T03:04:05Z") } });
    const first = (await writeReserveReport(opts())).report;
    expect(first.history.scan.reorgDepth).to.equal(3);
    await mine(2);
    const second = (await writeReserveReport(opts())).report;
    expect(second.history.scan.cachedToBlock).to.equal(first.asOf.blockNumber - 3);
    expect(second.history.scan.blocksScanned).to.equal(5);
    expect(second.history.reserveReports).to.deep.equal(first.history.reserveReports);
  });

  it("reads optional labels from the deploy config, checking their addresses", function () {
    const raw = JSON.parse(
      fs.readFileSync(path.join(__dirname, "..", "..", "deploy", "config", "hardhat.json"), "utf8"),
    ) as Record<string, unknown>;
    const cfg = parseDeployConfig({ ...raw, labels: { "@account:4": "Ala-Too Audit LLC" } }, "hardhat.json", "hardhat");
    expect(cfg.labels).to.deep.equal({ "@account:4": "Ala-Too Audit LLC" });
    expect(parseDeployConfig(raw, "hardhat.json", "hardhat").labels).to.equal(undefined);
    expect(() => parseDeployConfig({ ...raw, labels: { "0x12": "x" } }, "hardhat.json", "hardhat")).to.throw(
      /labels\.0x12/,
    );
    expect(() => parseDeployConfig({ ...raw, labels: { "@account:4": "" } }, "hardhat.json", "hardhat")).to.throw(
      /labels/,
    );
  });

  it("discards the cache when the scanned contracts change (a new record)", async function () {
    const { root, config } = await loadFixture(reportFixture);
    await writeReserveReport(runOptions(root, config));
    await recordGuard(
      root,
      await deployReserveGuard(await hre.ethers.provider.getSigner(0), {
        multiSendCallOnly: multiSendOf(root),
        delaySeconds: 86400,
      }),
    );
    const r = (await writeReserveReport(runOptions(root, config))).report;
    expect(r.history.scan.cachedToBlock).to.equal(r.history.scan.fromBlock - 1);
  });

  it("shows governance: labelled owners, threshold, decoded executions, implementation history", async function () {
    const { root, config, deployed } = await loadFixture(reportFixture);
    // written by other tests
    fs.rmSync(path.join(root, "deployments", "hardhat", "ReserveGuard.json"), { force: true });
    const r = (await writeReserveReport(runOptions(root, config))).report;
    const g = r.governance;
    expect(g.safe.address.address).to.equal(deployed.safe);
    expect(g.safe.threshold).to.equal(2);
    expect(g.safe.owners.map((o) => o.label)).to.deep.equal([
      "Ministry of Finance custodian",
      "custodian 2 (deploy config)",
      "custodian 3 (deploy config)",
    ]);
    expect(g.safe.guard, JSON.stringify(g.safe.guard)).to.equal(null);
    const burn = g.executed.find((e) => e.headline.startsWith("Burn"));
    expect(burn?.headline).to.equal(
      'Burn 100,000.00 KGSC (raw 10000000) held by the reserve Safe, reference "REDEMPTION-1" ' +
        "(0x524544454d5054494f4e2d310000000000000000000000000000000000000000)",
    );
    expect(burn?.success).to.equal(true);
    const names = g.upgrades.map((u) => u.contract);
    expect(names).to.include.members(["SomStablecoin", "AttestationRegistry", "AssetTokenBeacon"]);
    expect(g.upgrades.every((u) => u.initial)).to.equal(true);
    expect(g.reserveGuard).to.equal(null);
  });

  it("lists pending ReserveGuard announcements of the real guard, decoded; cancelled, executed and other Safes' ones are not pending", async function () {
    const { root, config, deployed, signers, asSafe } = await loadFixture(reportFixture);
    const safe = deployed.safe;
    const guard = await deployReserveGuard(signers[0], {
      multiSendCallOnly: multiSendOf(root),
      delaySeconds: 86400,
      expiryWindowSeconds: 2 * 86400,
    });
    const guardAddress = await guard.getAddress();
    await recordGuard(root, guard);
    // owner #1 (labelled in the config) announces two self-calls of the Safe
    const owner = localWallet(ACCOUNTS.custodians[0]).connect(hre.ethers.provider);
    const safeSelf = new Interface(["function changeThreshold(uint256 threshold)", "function setGuard(address guard)"]);
    const raise = {
      to: safe,
      value: 0n,
      operation: 0 as const,
      data: safeSelf.encodeFunctionData("changeThreshold", [3]),
    };
    const lower = {
      to: safe,
      value: 0n,
      operation: 0 as const,
      data: safeSelf.encodeFunctionData("changeThreshold", [1]),
    };
    await announceCalls(owner, guardAddress, safe, [raise, lower]);
    // the Safe installs the guard (its first guard: no announcement needed) and cancels one announcement
    const asReserve = await asSafe();
    await (await new Contract(safe, safeSelf, asReserve).getFunction("setGuard")(guardAddress)).wait();
    await (await guard.connect(asReserve).cancel(guardCallHash(safe, lower))).wait();
    await hre.network.provider.send("hardhat_stopImpersonatingAccount", [safe]);
    // another Safe's announcement on the same guard (an owner of a second Safe) is not this Safe's
    const other = await deployOtherSafe(config, owner.address);
    await announceCalls(owner, guardAddress, other, [
      { to: other, value: 0n, operation: 0, data: safeSelf.encodeFunctionData("changeThreshold", [1]) },
    ]);

    const r = (await writeReserveReport(runOptions(root, config))).report;
    const rg = r.governance.reserveGuard;
    expect(rg?.address.address).to.equal(guardAddress);
    expect(rg?.installed).to.equal(true);
    expect(r.governance.safe.guard?.address).to.equal(guardAddress);
    expect(rg?.delaySeconds).to.equal(86400);
    expect(rg?.callRule).to.equal(null);
    expect(rg?.pending.map((p) => p.callHash)).to.deep.equal([guardCallHash(safe, raise)]);
    const [executableAt, expiresAt] = await guard.announcement(safe, guardCallHash(safe, raise));
    expect(rg?.pending[0]).to.include({
      to: safe,
      value: "0",
      data: raise.data,
      operation: 0,
      executableAt: Number(executableAt),
      expiresAt: Number(expiresAt),
      status: "waiting",
    });
    expect(rg?.pending[0].headline).to.match(/threshold/i);
    expect(rg?.pending[0].announcer.label).to.equal("Ministry of Finance custodian");
    // the same list as src/guard's pendingAnnouncements reads from the chain
    const fromGuard = await pendingAnnouncements(hre.ethers.provider, guardAddress, safe);
    expect(rg?.pending.map((p) => [p.callHash, p.status, p.executableAt, p.expiresAt])).to.deep.equal(
      fromGuard.map((p) => [p.hash, p.state, Number(p.executableAt), Number(p.expiresAt)]),
    );
    expect(renderHtml(r)).to.contain('data-testid="announcement"');

    // executable from executableAt through expiresAt (its last second), as the guard decides
    await time.increaseTo(executableAt);
    const later = (await writeReserveReport(runOptions(root, config))).report;
    expect(later.governance.reserveGuard?.pending[0].status).to.equal("executable");
    expect(announcementStatus(expiresAt, executableAt, expiresAt)).to.equal("executable");
    expect(announcementStatus(expiresAt + 1n, executableAt, expiresAt)).to.equal("expired");

    // the custodians execute the announced call through the guarded Safe: no longer pending
    await proposeSignExecute({
      provider: hre.ethers.provider,
      executor: signers[0],
      safe,
      records: readRecords(root, "hardhat"),
      calls: [{ fn: "changeThreshold", contract: "ReserveSafe", args: ["3"] }],
      custodians: [localWallet(ACCOUNTS.custodians[0]), localWallet(ACCOUNTS.custodians[1])],
      allow: ["self-call"],
    });
    const done = (await writeReserveReport(runOptions(root, config))).report;
    expect(done.governance.safe.threshold).to.equal(3);
    expect(done.governance.reserveGuard?.pending).to.deep.equal([]);
    expect(done.governance.executed[0].headline).to.match(/threshold/i);

    // an announcement left to expire is shown as expired until the Safe cancels it
    await announceCalls(owner, guardAddress, safe, [lower]);
    await time.increase(4 * 86400);
    const expired = (await writeReserveReport(runOptions(root, config))).report;
    expect(expired.governance.reserveGuard?.pending.map((p) => [p.callHash, p.status])).to.deep.equal([
      [guardCallHash(safe, lower), "expired"],
    ]);
  });

  it("warns about a stale report, circulating supply above reserves, paused contracts and expired valuations", async function () {
    const { root, config, coin, signers, attest } = await loadFixture(reportFixture);
    await time.increase(60);
    await attest(SOM_RESERVES, K(400_000n), [4, 6], 1n);
    const low = (await writeReserveReport(runOptions(root, config))).report;
    expect(low.warnings.join("\n")).to.contain("circulating supply is ABOVE the attested som reserves");
    expect(low.backing.coverageOfCirculating).to.be.closeTo(0.8, 1e-6);
    expect(renderHtml(low)).to.contain('<span class="fig bad" data-testid="coverage-circulating">80.00%<');
    await time.increase(400 * 86400);
    await (await coin.connect(signers[ACCOUNTS.officer]).pause()).wait();
    const r = (await writeReserveReport(runOptions(root, config))).report;
    expect(r.backing.fresh).to.equal(false);
    expect(r.warnings.join("\n"))
      .to.match(/som reserve report .* is stale/)
      .and.match(/KGSC is paused/)
      .and.match(/RTB: valuation .* has expired/);
  });

  it("carries extra sections from providers (the extension point), scanning their events through the same cache", async function () {
    const { root, config, controller } = await loadFixture(reportFixture);
    const minted = controller.interface.getEvent("Minted").topicHash;
    const provider: ReportSectionProvider = {
      id: "mints",
      events: (records) => ({
        addresses: records.filter((x) => x.name === "SomSupplyController").map((x) => x.address),
        topics: [minted],
      }),
      collect: async (ctx) => {
        const logs = ctx.logs.filter((l) => l.topics[0] === minted);
        return {
          id: "mints",
          title: "Mints",
          blockNumber: ctx.blockNumber,
          columns: ["Block", "Amount"],
          rows: logs.map((l) => [
            String(l.blockNumber),
            controller.interface.decodeEventLog("Minted", l.data, l.topics).amount.toString(),
          ]),
          warnings: logs.length > 0 ? ["1 mint seen"] : [],
        };
      },
    };
    const r = (await writeReserveReport(runOptions(root, config, { noCache: true, collect: { sections: [provider] } })))
      .report;
    expect(r.sections).to.have.length(1);
    expect(r.sections[0].rows.map((x) => x[1])).to.deep.equal([K(1_500_000n).toString()]);
    expect(r.warnings).to.deep.equal(["1 mint seen"]);
    expect(renderHtml(r)).to.contain('<h2 id="section-mints">Mints</h2>');
  });

  it("documents every field of the JSON and its schema version (docs/report.md)", async function () {
    const { root, config } = await loadFixture(reportFixture);
    const r = (await writeReserveReport(runOptions(root, config))).report;
    const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "report.md"), "utf8");
    expect(doc).to.contain(`## The JSON shape (schemaVersion ${REPORT_SCHEMA_VERSION})`);
    const keys = (o: object): string[] => Object.keys(o);
    const nested = [
      r,
      r.supply,
      r.backing,
      r.tokenizedProperty,
      r.tokenizedProperty.assets[0],
      r.history.scan,
      r.history.series[0],
      r.history.flows[0],
      r.history.monthly[0],
      r.history.reserveReports[0],
      r.history.reserveReports[0].signers[0],
      r.governance,
      r.governance.safe,
      r.governance.executed[0],
      r.governance.upgrades[0],
      r.asOf,
    ];
    const missing = nested.flatMap(keys).filter((k) => !new RegExp(`[\`{ ,(]${k}[\` },?)]`).test(doc));
    expect(missing).to.deep.equal([]);
  });

  it("shows addresses short, label first, the full address one tap away (<details>); the JSON keeps them whole", async function () {
    const { root, config, deployed } = await loadFixture(reportFixture);
    const out = await writeReserveReport(runOptions(root, config));
    const html = fs.readFileSync(out.htmlFile, "utf8");
    const json = JSON.parse(fs.readFileSync(out.jsonFile, "utf8")) as ReserveReport;
    expect(json.governance.safe.address.address).to.equal(deployed.safe);
    expect(json.backing.attestorSet.attestors.every((a) => /^0x[0-9a-fA-F]{40}$/.test(a.address))).to.equal(true);
    const short = `${deployed.safe.slice(0, 6)}…${deployed.safe.slice(-4)}`;
    expect(html).to.contain(
      `<details class="addr"><summary>reserve Safe <code>${short}</code></summary>` +
        `<code class="full" data-testid="safe-address">${deployed.safe}</code></details>`,
    );
    // Outside the <details> bodies (one tap away) no full address or hash is written out.
    const lines = html.replace(/<details\b[\s\S]*?<\/details>/g, "").replace(/<svg\b[\s\S]*?<\/svg>/g, "");
    expect(lines.match(/0x[0-9a-fA-F]{40,}/g) ?? []).to.deep.equal([]);
    // Each signer on one line: the name, then the check.
    const signer = json.backing.currentReport?.signers[0];
    expect(signer?.label).to.be.a("string");
    expect(html).to.contain(
      `<summary>${signer?.label} <span class="nw ok">✓ approved on chain</span></summary>` +
        `<code class="full">${signer?.address}</code>`,
    );
  });

  it("labels every data cell of every table with its column's header, for the narrow layout", async function () {
    const { root, config } = await loadFixture(reportFixture);
    const html = renderHtml((await writeReserveReport(runOptions(root, config))).report);
    const tables = html.match(/<table class="rt[^"]*"[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).to.be.greaterThan(10);
    for (const t of tables) {
      const head = [...t.matchAll(/<th scope="col" role="columnheader">([^<]*)<\/th>/g)].map((m) => m[1]);
      for (const [, attrs, inner] of t
        .slice(t.indexOf("<tbody"))
        .matchAll(/<td role="cell"([^>]*)>([\s\S]*?)<\/td>/g)) {
        if (inner === "" || attrs.includes(`colspan="${head.length}"`)) continue;
        const label = /^<span class="lbl" aria-hidden="true">([^<]*)<\/span><div class="v">/.exec(inner)?.[1];
        expect(head, inner.slice(0, 100)).to.include(label);
      }
    }
    expect(html).to.match(
      /<td role="cell" class="num"><span class="lbl" aria-hidden="true">Amount<\/span><div class="v"><span class="fig" data-testid="supply-total">/,
    );
  });

  it("links to the explorers of Sepolia and BNB Smart Chain testnet, none on local chains", function () {
    expect(explorerFor(11155111)?.address("0xabc")).to.equal("https://sepolia.etherscan.io/address/0xabc");
    expect(explorerFor(97)?.tx("0x12")).to.equal("https://testnet.bscscan.com/tx/0x12");
    expect(explorerFor(97)?.block(5)).to.equal("https://testnet.bscscan.com/block/5");
    expect(explorerFor(31337)).to.equal(null);
  });

  it("labels addresses from records over the config, and the config's labels over its roles", async function () {
    const { records, config, deployed } = await loadFixture(reportFixture);
    const labels = buildLabels(records, config, deployed.safe);
    expect(labels.get(localWallet(4).address.toLowerCase())).to.equal("Ala-Too Audit LLC");
    expect(labels.get(localWallet(7).address.toLowerCase())).to.equal("minter 1 (deploy config)");
    expect(labels.get(deployed.safe.toLowerCase())).to.equal("reserve Safe");
  });

  it("renders every figure with its block, and the generated-at wall clock beside the block time", async function () {
    const { root, config } = await loadFixture(reportFixture);
    const r: ReserveReport = (await writeReserveReport(runOptions(root, config))).report;
    const text = renderText(r);
    expect(text).to.contain(
      `Generated at 2030-01-02T03:04:05.000Z, as of block ${r.asOf.blockNumber} (${r.asOf.time})`,
    );
    for (const sec of [r.supply, r.backing, r.tokenizedProperty, r.governance, r.stablecoin])
      expect(sec.blockNumber).to.equal(r.asOf.blockNumber);
    const none = { ...r, backing: { ...r.backing, coverageOfCirculating: null } };
    expect(renderText(none)).to.contain("coverage of circulating supply     n/a (nothing circulates)");
    expect(renderHtml(none)).to.contain('data-testid="kpi-coverage-circulating">n/a (nothing circulates)<');
  });
});
