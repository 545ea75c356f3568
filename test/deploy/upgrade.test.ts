/**
 * The upgrade command's library: a new implementation validated and deployed by the upgrades plugin,
 * then a Safe proposal the custodians sign and execute; never an upgrade from a hot key.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { SOM_RESERVES } from "../../src/attestation";
import { UpgradeError, prepareUpgradeProposal } from "../../src/deploy/upgrade";
import { readRecords, syncRecordsWithChain, writeRecord } from "../../src/deploy/records";
import { signAndExecute } from "../../src/safe/flow";
import { readProposal } from "../../src/safe/proposal";
import { ACCOUNTS, deploySystemFixture, loadFixtureWithRoot, localWallet } from "../helpers/system";
import { expectRejects } from "../helpers/rejects";

describe("deploy: upgrades go through a Safe proposal", function () {
  const out = (): string => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "som-upgrade-")), "upgrade.json");
  const custodians = ACCOUNTS.custodians.slice(0, 2).map(localWallet);

  it("UUPS: validates, deploys the implementation, writes a proposal; custodians execute it; state is kept", async function () {
    const { root, coin, controller, attest, safe, guard } = await loadFixtureWithRoot(deploySystemFixture);
    await attest(SOM_RESERVES, 1_000_00n);
    await controller.mint(700_00n);
    const file = out();
    const before = await hre.upgrades.erc1967.getImplementationAddress(await coin.getAddress());
    const res = await prepareUpgradeProposal({ hre, root, target: "SomStablecoin", implementation: "SomStablecoinV2Mock", out: file });
    expect(res.kind).to.equal("uups");
    expect(res.newImplementation).to.not.equal(before);
    expect(await hre.upgrades.erc1967.getImplementationAddress(await coin.getAddress())).to.equal(before); // nothing upgraded yet
    const proposal = readProposal(file);
    expect(proposal.summary.join("\n")).to.match(/upgrade/i).and.contain(res.newImplementation);

    const [deployer] = await hre.ethers.getSigners();
    await signAndExecute({ provider: hre.ethers.provider, executor: deployer, proposal, proposalFile: file, records: readRecords(root, "hardhat"), custodians, guard });
    expect(await hre.upgrades.erc1967.getImplementationAddress(await coin.getAddress())).to.equal(res.newImplementation);
    expect(await coin.balanceOf(safe)).to.equal(700_00n);
    const v2 = await hre.ethers.getContractAt("SomStablecoinV2Mock", await coin.getAddress());
    expect(await v2.version()).to.equal("2");

    // The records follow the executed upgrade: implementation, ABI, history (and verification uses them).
    expect(await syncRecordsWithChain(hre.ethers.provider, root, "hardhat")).to.deep.equal(["SomStablecoin"]);
    const record = readRecords(root, "hardhat").find((r) => r.name === "SomStablecoin");
    expect(record?.implementation).to.equal(res.newImplementation);
    expect(record?.proxy?.implementation).to.equal(res.newImplementation);
    expect(record?.contract).to.equal("SomStablecoinV2Mock");
    expect(JSON.stringify(record?.abi)).to.contain('"version"');
    expect(record?.implementationHistory?.map((h) => [h.implementation, h.contract])).to.deep.equal([
      [before, "SomStablecoin"],
      [res.newImplementation, "SomStablecoinV2Mock"],
    ]);
    expect(record?.pendingUpgrade).to.equal(undefined);
    expect(await syncRecordsWithChain(hre.ethers.provider, root, "hardhat")).to.deep.equal([]);
  });

  it("a storage-layout clash is refused by the upgrades plugin and no proposal is written", async function () {
    const { root } = await loadFixtureWithRoot(deploySystemFixture);
    const file = out();
    await expectRejects(prepareUpgradeProposal({ hre, root, target: "SomStablecoin", implementation: "SomStablecoinStorageClashMock", out: file }), /layout|incompatible|storage/i);
    expect(fs.existsSync(file)).to.equal(false);
  });

  it("beacon: one proposal upgrades every asset token", async function () {
    const { root, guard } = await loadFixtureWithRoot(deploySystemFixture);
    const file = out();
    const res = await prepareUpgradeProposal({ hre, root, target: "AssetTokenBeacon", implementation: "AssetTokenV2Mock", out: file });
    expect(res.kind).to.equal("beacon");
    const [deployer] = await hre.ethers.getSigners();
    await signAndExecute({ provider: hre.ethers.provider, executor: deployer, proposal: readProposal(file), proposalFile: file, records: readRecords(root, "hardhat"), custodians, guard });
    const beacon = readRecords(root, "hardhat").find((r) => r.name === "AssetTokenBeacon")?.address ?? "";
    expect(await hre.upgrades.beacon.getImplementationAddress(beacon)).to.equal(res.newImplementation);
    await syncRecordsWithChain(hre.ethers.provider, root, "hardhat");
    const record = readRecords(root, "hardhat").find((r) => r.name === "AssetTokenBeacon");
    expect(record?.proxy?.implementation).to.equal(res.newImplementation);
    expect(record?.implementationHistory?.at(-1)?.contract).to.equal("AssetTokenV2Mock");
  });

  it("SomSupplyController: the new implementation is built with the live token; one serving another token is refused, no proposal written", async function () {
    const { records, coin } = await loadFixtureWithRoot(deploySystemFixture);
    // The fixture's records as deployed (earlier tests' implementation records in its folder outlived the chain revert).
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-upgrade-records-"));
    for (const r of records) writeRecord(root, "hardhat", r);
    const file = out();
    const res = await prepareUpgradeProposal({ hre, root, target: "SomSupplyController", implementation: "SomSupplyController", out: file });
    const impl = await hre.ethers.getContractAt("SomSupplyController", res.newImplementation);
    expect(await impl.token()).to.equal(await coin.getAddress());
    expect(fs.existsSync(file)).to.equal(true);

    const [, other] = await hre.ethers.getSigners();
    const refused = out();
    await expectRejects(
      prepareUpgradeProposal({ hre, root, target: "SomSupplyController", implementation: "SomSupplyController", out: refused, constructorArgs: [other.address] }),
      new RegExp(`serves token ${other.address}, but SomSupplyController serves ${await coin.getAddress()}: an upgrade must keep the token`),
      UpgradeError,
    );
    expect(fs.existsSync(refused)).to.equal(false);
  });

  it("refuses what is not a proxy, unknown records and an existing output file", async function () {
    const { root } = await loadFixtureWithRoot(deploySystemFixture);
    await expectRejects(prepareUpgradeProposal({ hre, root, target: "SomReservesAggregator", implementation: "SomStablecoinV2Mock", out: out() }), /not a UUPS proxy or a beacon/, UpgradeError);
    await expectRejects(prepareUpgradeProposal({ hre, root, target: "Nope", implementation: "SomStablecoinV2Mock", out: out() }), /no record "Nope"/, UpgradeError);
    const file = out();
    fs.writeFileSync(file, "{}");
    await expectRejects(prepareUpgradeProposal({ hre, root, target: "SomStablecoin", implementation: "SomStablecoinV2Mock", out: file }), /exists/, UpgradeError);
  });
});
