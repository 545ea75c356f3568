import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { assetIdFrom, documentHashOf, documentName } from "../../src/assets";
import { ASSET_KEY, COUNTRY_KG, deployAssetsFixture, REF, TOTAL_SHARES } from "./fixture";

const DEED = documentName("title-deed");
const APPRAISAL = documentName("appraisal");

describe("AssetToken asset record", function () {
  it("assetInfo returns the declared record", async function () {
    const { token, tokenAdmin, identityRegistry, source } = await loadFixture(deployAssetsFixture);
    const info = await token.assetInfo();
    expect(info.assetId).to.equal(assetIdFrom(ASSET_KEY));
    expect(info.assetClass).to.equal(0);
    expect(info.jurisdiction).to.equal(COUNTRY_KG);
    expect(info.custodian).to.equal(tokenAdmin.address);
    expect(info.totalShares).to.equal(TOTAL_SHARES);
    expect(info.encumbrance).to.equal(0);
    expect(await token.identityRegistry()).to.equal(await identityRegistry.getAddress());
    expect(await token.valuationSource()).to.equal(await source.getAddress());
  });

  describe("documents (ERC-1643 with history)", function () {
    it("setDocument adds, getDocument reads the current version, getAllDocuments lists names", async function () {
      const { token, tokenAdmin } = await loadFixture(deployAssetsFixture);
      const admin = token.connect(tokenAdmin);
      const hash = documentHashOf("deed v1");
      await expect(admin.setDocument(DEED, "ipfs://deed-v1", hash))
        .to.emit(token, "DocumentUpdated")
        .withArgs(DEED, "ipfs://deed-v1", hash);
      const at = await time.latest();
      expect(await token.getDocument(DEED)).to.deep.equal(["ipfs://deed-v1", hash, BigInt(at)]);
      await admin.setDocument(APPRAISAL, "ipfs://appraisal", documentHashOf("appraisal"));
      expect(await token.getAllDocuments()).to.deep.equal([DEED, APPRAISAL]);
    });

    it("keeps every version, removal included, and never erases", async function () {
      const { token, tokenAdmin } = await loadFixture(deployAssetsFixture);
      const admin = token.connect(tokenAdmin);
      const h1 = documentHashOf("deed v1");
      const h2 = documentHashOf("deed v2");
      await admin.setDocument(DEED, "ipfs://deed-v1", h1);
      const t1 = await time.latest();
      await admin.setDocument(APPRAISAL, "ipfs://appraisal", documentHashOf("appraisal"));
      await admin.setDocument(DEED, "ipfs://deed-v2", h2);
      const t2 = await time.latest();
      expect(await token.getAllDocuments()).to.deep.equal([DEED, APPRAISAL]); // a new version is not a new name
      await expect(admin.removeDocument(DEED)).to.emit(token, "DocumentRemoved").withArgs(DEED, "ipfs://deed-v2", h2);
      const t3 = await time.latest();
      expect(await token.getAllDocuments()).to.deep.equal([APPRAISAL]);
      expect(await token.getDocument(DEED)).to.deep.equal(["", ethers.ZeroHash, 0n]);
      const history = await token.documentHistory(DEED);
      expect(history.map((v) => [v.uri, v.documentHash, Number(v.timestamp), v.removed])).to.deep.equal([
        ["ipfs://deed-v1", h1, t1, false],
        ["ipfs://deed-v2", h2, t2, false],
        ["", ethers.ZeroHash, t3, true],
      ]);
      // re-adding after removal appends again
      await admin.setDocument(DEED, "ipfs://deed-v3", h1);
      expect((await token.documentHistory(DEED)).length).to.equal(4);
      expect(await token.getAllDocuments()).to.deep.equal([APPRAISAL, DEED]);
      await admin.removeDocument(DEED); // removing the last name of the list
      await admin.removeDocument(APPRAISAL);
      expect(await token.getAllDocuments()).to.deep.equal([]);
    });

    it("rejects an empty name or URI and removing an absent document", async function () {
      const { token, tokenAdmin } = await loadFixture(deployAssetsFixture);
      const admin = token.connect(tokenAdmin);
      await expect(admin.setDocument(ethers.ZeroHash, "ipfs://x", ethers.ZeroHash))
        .to.be.revertedWithCustomError(token, "AssetTokenInvalidDocument")
        .withArgs(ethers.ZeroHash);
      await expect(admin.setDocument(DEED, "", ethers.ZeroHash))
        .to.be.revertedWithCustomError(token, "AssetTokenInvalidDocument")
        .withArgs(DEED);
      await expect(admin.removeDocument(DEED))
        .to.be.revertedWithCustomError(token, "AssetTokenDocumentNotFound")
        .withArgs(DEED);
      expect(await token.getDocument(DEED)).to.deep.equal(["", ethers.ZeroHash, 0n]);
      expect(await token.documentHistory(DEED)).to.deep.equal([]);
    });
  });

  describe("encumbrance", function () {
    it("appends every status with its reference; assetInfo shows the current one", async function () {
      const { token, tokenAdmin } = await loadFixture(deployAssetsFixture);
      const admin = token.connect(tokenAdmin);
      expect(await token.encumbranceHistory()).to.deep.equal([]);
      await expect(admin.setEncumbrance(1, REF)).to.emit(token, "EncumbranceUpdated").withArgs(0, 1, REF);
      const t1 = await time.latest();
      expect((await token.assetInfo()).encumbrance).to.equal(1);
      const release = ethers.id("release");
      await expect(admin.setEncumbrance(0, release)).to.emit(token, "EncumbranceUpdated").withArgs(1, 0, release);
      const t2 = await time.latest();
      expect((await token.assetInfo()).encumbrance).to.equal(0);
      const history = await token.encumbranceHistory();
      expect(history.map((r) => [Number(r.status), r.ref, Number(r.timestamp)])).to.deep.equal([
        [1, REF, t1],
        [0, release, t2],
      ]);
      await expect(admin.setEncumbrance(3, ethers.ZeroHash)).to.be.revertedWithCustomError(
        token,
        "AssetTokenReferenceRequired",
      );
      await expect(admin.setEncumbrance(5, REF)).to.be.reverted; // not an Encumbrance value
    });
  });

  describe("custodian", function () {
    it("the admin changes the custodian; zero rejected", async function () {
      const { token, tokenAdmin, bob } = await loadFixture(deployAssetsFixture);
      await expect(token.connect(tokenAdmin).setCustodian(bob.address))
        .to.emit(token, "CustodianUpdated")
        .withArgs(tokenAdmin.address, bob.address);
      expect((await token.assetInfo()).custodian).to.equal(bob.address);
      await expect(token.connect(tokenAdmin).setCustodian(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        token,
        "AssetTokenZeroAddress",
      );
    });
  });
});
