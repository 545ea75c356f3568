/**
 * The reserve guarantees end to end through the real contracts as the deployment wires them (no
 * mocks): the stablecoin reads the real AttestationRegistry, asset valuations need M-of-N.
 */
import { expect } from "chai";
import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { keccak256, toUtf8Bytes } from "ethers";
import { assetIdFrom } from "../../src/assets/ids";
import { SOM_RESERVES, signReport, submitSignedReport } from "../../src/attestation";
import { ReserveAggregatorAdapter__factory } from "../../typechain-types";
import { ACCOUNTS, deploySystemFixture, loadFixtureWithRoot, localWallet } from "../helpers/system";

describe("integration: reserve-backed mints and attested valuations through the deployed system", function () {
  it("the stablecoin refuses to mint over the attested reserves, and after the report goes stale", async function () {
    const { coin, controller, attest, config } = await loadFixtureWithRoot(deploySystemFixture);
    // Before any report the cache is empty, which is stale by definition.
    await expect(controller.mint(1n)).to.be.revertedWithCustomError(coin, "SomStablecoinReserveAttestationStale");

    await attest(SOM_RESERVES, 1_000_00n);
    await controller.mint(1_000_00n);
    await expect(controller.mint(1n)).to.be.revertedWithCustomError(coin, "SomStablecoinMintExceedsReserves").withArgs(1_000_00n, 1n, 1_000_00n);

    await attest(SOM_RESERVES, 5_000_00n);
    const [, asOf] = await coin.reserveSnapshot();
    await time.setNextBlockTimestamp(asOf + BigInt(config.stablecoin.maxReserveAge));
    await controller.mint(1n); // exactly maxReserveAge old: still fresh
    await expect(controller.mint(1n)).to.be.revertedWithCustomError(coin, "SomStablecoinReserveAttestationStale");

    await attest(SOM_RESERVES, 5_000_00n);
    await controller.mint(1_000_00n);
    expect(await coin.totalSupply()).to.equal(2_000_01n);
  });

  it("reserves that fall below the supply stop every mint at once (the registry pushes in the same transaction)", async function () {
    const { coin, controller, attest } = await loadFixtureWithRoot(deploySystemFixture);
    await attest(SOM_RESERVES, 1_000_00n);
    await controller.mint(900_00n);
    await time.increase(10);
    await attest(SOM_RESERVES, 800_00n);
    expect((await coin.reserveSnapshot())[0]).to.equal(800_00n);
    await expect(controller.mint(1n)).to.be.revertedWithCustomError(coin, "SomStablecoinMintExceedsReserves").withArgs(900_00n, 1n, 800_00n);
  });

  it("proof-of-reserve consumers read the same figure through the Chainlink-compatible adapter", async function () {
    const { attest, at, registry } = await loadFixtureWithRoot(deploySystemFixture);
    await attest(SOM_RESERVES, 1_234_56n);
    const adapter = ReserveAggregatorAdapter__factory.connect(at("SomReservesAggregator"), hre.ethers.provider);
    const [roundId, answer, , updatedAt] = await adapter.latestRoundData();
    const [value, asOf] = await registry.latestReport(SOM_RESERVES);
    expect(answer).to.equal(value);
    expect(updatedAt).to.equal(asOf);
    expect(roundId).to.equal(1n);
    expect(await adapter.decimals()).to.equal(2n);
  });

  it("an asset's valuation only moves with M-of-N attestors: M-1 signatures change nothing", async function () {
    const { at, registry, attest, signers, createAssetAsSafe } = await loadFixtureWithRoot(deploySystemFixture);
    const id = assetIdFrom("cadastral:integration-1");
    const token = await createAssetAsSafe("cadastral:integration-1", "Integration Building", "IB1", 10n);
    const report = { chainId: 31337n, registry: at("AttestationRegistry"), report: { subject: id, value: 9_000_000_00n, asOf: BigInt(await time.latest()) - 5n, docHash: keccak256(toUtf8Bytes("appraisal")), uri: "" } };
    const one = await signReport(report, localWallet(ACCOUNTS.attestors[0]));
    await submitSignedReport(report, [one], signers[ACCOUNTS.relayer]).then(
      () => expect.fail("submitted with one signature"),
      (e: Error) => expect(e.message).to.contain("1 signature(s), the registry needs 2"),
    );
    await expect(registry.submitReport(report.report, [one.signer], [one.signature]))
      .to.be.revertedWithCustomError(registry, "AttestationQuorumNotReached")
      .withArgs(1n, 2n);
    // A non-attestor cannot stand in for the missing attestor.
    const outsider = await signReport(report, localWallet(ACCOUNTS.minter));
    const ordered = [one, outsider].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
    await expect(registry.submitReport(report.report, ordered.map((s) => s.signer), ordered.map((s) => s.signature)))
      .to.be.revertedWithCustomError(registry, "AttestationNotAttestor");
    expect((await token.valuation())[0]).to.equal(0n);

    await attest(id, 9_000_000_00n);
    const [value, , fresh] = await token.valuation();
    expect(value).to.equal(9_000_000_00n);
    expect(fresh).to.equal(true);
  });
});
