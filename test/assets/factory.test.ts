import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { AssetFactory__factory, AssetToken__factory, AssetTokenV2Mock__factory } from "../../typechain-types";
import { assetIdFrom, createAsset, documentHashOf, documentName } from "../../src/assets";
import { ADMIN_DELAY, deployAssetsFixture, HOLDING, PARTIAL_FROZEN, REF, type AssetsFixture } from "./fixture";

const BEACON_ABI = [
  "function owner() view returns (address)",
  "function implementation() view returns (address)",
  "error OwnableUnauthorizedAccount(address account)",
];

function goldParams(f: AssetsFixture) {
  return {
    ...f.params,
    assetId: assetIdFrom("custody:gold-bar-lot-2026-001"),
    name: "Reserve Gold Lot 2026-001",
    symbol: "GOLD1",
    decimals: 3,
    assetClass: 1,
    totalShares: 400_000n,
  };
}

describe("AssetFactory", function () {
  it("creates, registers and lists assets in one transaction", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const creator = f.factory.connect(f.creator);
    expect(await f.factory.assetCount()).to.equal(1n);
    const p = goldParams(f);
    const tx = await creator.createAsset(p);
    const token = await f.factory.assetById(p.assetId);
    await expect(tx).to.emit(f.factory, "AssetCreated").withArgs(p.assetId, token, 1, p.totalShares, p.name, p.symbol);
    expect(await f.factory.assets()).to.deep.equal([await f.token.getAddress(), token]);
    expect(await f.factory.assetCount()).to.equal(2n);
    expect(await f.factory.assetById(ethers.ZeroHash)).to.equal(ethers.ZeroAddress);
    const gold = AssetToken__factory.connect(token, f.issuer);
    // the token's first custodian is on its log from its creation
    // (mutation testing: AssetToken:delete-emit:L129:28f52a60, AssetToken:constant:L129:eadb109e)
    await expect(tx).to.emit(gold, "CustodianUpdated").withArgs(ethers.ZeroAddress, p.custodian);
    expect(await gold.decimals()).to.equal(3);
    expect((await gold.assetInfo()).assetClass).to.equal(1);
    expect(await upgrades.erc1967.getBeaconAddress(token)).to.equal(f.beacon);
  });

  it("exposes its wiring; the reserve comes from the identity registry", async function () {
    const f = await loadFixture(deployAssetsFixture);
    expect(await f.factory.beacon()).to.equal(f.beacon);
    expect(await f.factory.identityRegistry()).to.equal(await f.identityRegistry.getAddress());
    expect(await f.factory.valuationSource()).to.equal(await f.source.getAddress());
    expect(await f.factory.reserve()).to.equal(f.reserve.address);
    expect(await f.factory.defaultAdmin()).to.equal(f.admin.address);
    const beacon = await ethers.getContractAt(BEACON_ABI, f.beacon);
    expect(await beacon.owner()).to.equal(f.upgrader.address);
  });

  it("an asset id that already exists reverts", async function () {
    const f = await loadFixture(deployAssetsFixture);
    await expect(f.factory.connect(f.creator).createAsset({ ...goldParams(f), assetId: f.params.assetId }))
      .to.be.revertedWithCustomError(f.factory, "AssetFactoryAssetExists")
      .withArgs(f.params.assetId, await f.token.getAddress());
  });

  it("the token's own checks reject bad parameters", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const creator = f.factory.connect(f.creator);
    const p = goldParams(f);
    await expect(creator.createAsset({ ...p, assetId: ethers.ZeroHash })).to.be.revertedWithCustomError(
      f.token,
      "AssetTokenZeroAssetId",
    );
    await expect(creator.createAsset({ ...p, totalShares: 0n })).to.be.revertedWithCustomError(
      f.token,
      "AssetTokenZeroTotalShares",
    );
    for (const field of ["custodian", "admin", "issuer", "enforcer", "pauser"] as const) {
      await expect(creator.createAsset({ ...p, [field]: ethers.ZeroAddress }), field).to.be.revertedWithCustomError(
        f.token,
        "AssetTokenZeroAddress",
      );
    }
  });

  it("tokens and the implementation cannot be initialized again", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const registry = await f.identityRegistry.getAddress();
    const source = await f.source.getAddress();
    await expect(f.token.initialize(f.params, registry, source)).to.be.revertedWithCustomError(
      f.token,
      "InvalidInitialization",
    );
    const impl = AssetToken__factory.connect(await upgrades.beacon.getImplementationAddress(f.beacon), f.outsider);
    await expect(impl.initialize(f.params, registry, source)).to.be.revertedWithCustomError(
      f.token,
      "InvalidInitialization",
    );
    // a token initialized without a registry or a source is rejected
    const beaconProxy = await ethers.getContractFactory("BeaconProxy");
    for (const [r, s] of [
      [ethers.ZeroAddress, source],
      [registry, ethers.ZeroAddress],
    ]) {
      const data = impl.interface.encodeFunctionData("initialize", [f.params, r, s]);
      await expect(beaconProxy.deploy(f.beacon, data)).to.be.revertedWithCustomError(f.token, "AssetTokenZeroAddress");
    }
  });

  it("the factory cannot be initialized again", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const x = f.outsider.address;
    await expect(f.factory.initialize(x, 0, x, x, x, x, x)).to.be.revertedWithCustomError(
      f.factory,
      "InvalidInitialization",
    );
  });

  it("initialization rejects zero addresses", async function () {
    const [deployer, a] = await ethers.getSigners();
    const factory = new AssetFactory__factory(deployer);
    const z = ethers.ZeroAddress;
    const x = a.address;
    for (const args of [
      [z, x, x, x, x],
      [x, z, x, x, x],
      [x, x, z, x, x],
      [x, x, x, z, x],
      [x, x, x, x, z],
    ]) {
      await expect(
        upgrades.deployProxy(factory, [x, ADMIN_DELAY, ...args], { kind: "uups" }),
      ).to.be.revertedWithCustomError(factory, "AssetFactoryZeroAddress");
    }
  });

  it("only the upgrader upgrades the factory; assets survive", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const proxy = await f.factory.getAddress();
    await expect(upgrades.upgradeProxy(proxy, new AssetFactory__factory(f.admin))).to.be.revertedWithCustomError(
      f.factory,
      "AccessControlUnauthorizedAccount",
    );
    await upgrades.upgradeProxy(proxy, new AssetFactory__factory(f.upgrader), { redeployImplementation: "always" });
    expect(await f.factory.assetById(f.params.assetId)).to.equal(await f.token.getAddress());
  });

  describe("beacon upgrade", function () {
    it("one upgrade of the beacon upgrades every asset token and keeps each one's state", async function () {
      const f = await loadFixture(deployAssetsFixture);
      const { token: gold } = await createAsset(f.factory.connect(f.creator), goldParams(f));
      await gold.connect(f.issuer).mint(5_000n);
      await gold.connect(f.reserve).transfer(f.alice.address, 250n);
      await gold.connect(f.enforcer).setFrozenTokens(f.alice.address, 50n);
      await gold.connect(f.tokenAdmin).setDocument(documentName("assay"), "ipfs://assay", documentHashOf("assay"));
      await f.token.connect(f.tokenAdmin).setDocument(documentName("deed"), "ipfs://deed", documentHashOf("deed"));
      await f.token.connect(f.tokenAdmin).setEncumbrance(2, REF);
      await f.token.connect(f.pauser).pause();
      await f.token.connect(f.alice).approve(f.bob.address, 7n);

      const tokens = [f.token, gold];
      const snapshot = async () =>
        Promise.all(
          tokens.map(async (t) => ({
            name: await t.name(),
            symbol: await t.symbol(),
            decimals: await t.decimals(),
            supply: await t.totalSupply(),
            info: (await t.assetInfo()).toString(),
            balances: await Promise.all(
              [f.reserve, f.alice, f.bob, f.carol, f.frank].map((s) => t.balanceOf(s.address)),
            ),
            frozen: await Promise.all([f.alice, f.frank].map((s) => t.getFrozenTokens(s.address))),
            full: await t.isFrozen(f.carol.address),
            paused: await t.paused(),
            allowance: await t.allowance(f.alice.address, f.bob.address),
            docs: (await t.getAllDocuments()).join(","),
            encumbrances: (await t.encumbranceHistory()).toString(),
            issuer: await t.hasRole(await t.ISSUER_ROLE(), f.issuer.address),
          })),
        );
      const before = await snapshot();

      const beacon = await ethers.getContractAt(BEACON_ABI, f.beacon);
      await expect(upgrades.upgradeBeacon(f.beacon, new AssetTokenV2Mock__factory(f.outsider)))
        .to.be.revertedWithCustomError(beacon, "OwnableUnauthorizedAccount")
        .withArgs(f.outsider.address);
      await upgrades.upgradeBeacon(f.beacon, new AssetTokenV2Mock__factory(f.upgrader));

      for (const t of tokens) {
        const v2 = AssetTokenV2Mock__factory.connect(await t.getAddress(), f.outsider);
        expect(await v2.version()).to.equal("2");
      }
      expect(await snapshot()).to.deep.equal(before);
      expect(before[0].balances[4]).to.equal(HOLDING);
      expect(before[0].frozen[1]).to.equal(PARTIAL_FROZEN);
      // the upgraded tokens still enforce the rules
      await f.token.connect(f.tokenAdmin).unpause();
      await expect(f.token.connect(f.frank).transfer(f.bob.address, HOLDING)).to.be.revertedWithCustomError(
        f.token,
        "ERC7943InsufficientUnfrozenBalance",
      );
      // and a token created after the upgrade starts on V2
      const { token: later } = await createAsset(f.factory.connect(f.creator), {
        ...goldParams(f),
        assetId: assetIdFrom("mining:kumtor-2026-q1"),
        assetClass: 2,
      });
      expect(await AssetTokenV2Mock__factory.connect(await later.getAddress(), f.outsider).version()).to.equal("2");
    });
  });
});
