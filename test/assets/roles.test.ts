import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { AssetToken } from "../../typechain-types";
import { deployAssetsFixture, REF, type AssetsFixture } from "./fixture";

type TokenCall = (t: AssetToken, f: AssetsFixture) => Promise<unknown>;

describe("Roles", function () {
  it("admin, issuer, KYC officer, enforcer, pauser and upgrader are six distinct roles", async function () {
    const { token, identityRegistry, factory } = await loadFixture(deployAssetsFixture);
    const ids = [
      await token.DEFAULT_ADMIN_ROLE(),
      await token.ISSUER_ROLE(),
      await identityRegistry.KYC_OFFICER_ROLE(),
      await token.ENFORCER_ROLE(),
      await token.PAUSER_ROLE(),
      await identityRegistry.UPGRADER_ROLE(),
    ];
    expect(new Set(ids).size).to.equal(6);
    expect(await factory.UPGRADER_ROLE()).to.equal(ids[5]);
    expect(new Set([...ids, await factory.ASSET_CREATOR_ROLE()]).size).to.equal(7);
  });

  describe("every restricted AssetToken function refuses every other role holder", function () {
    const cases: [string, "DEFAULT_ADMIN_ROLE" | "ISSUER_ROLE" | "ENFORCER_ROLE" | "PAUSER_ROLE", TokenCall][] = [
      ["mint", "ISSUER_ROLE", (t) => t.mint(1n)],
      ["setFrozenTokens", "ENFORCER_ROLE", (t, f) => t.setFrozenTokens(f.alice.address, 1n)],
      ["freeze", "ENFORCER_ROLE", (t, f) => t.freeze(f.alice.address)],
      ["unfreeze", "ENFORCER_ROLE", (t, f) => t.unfreeze(f.carol.address)],
      [
        "forcedTransfer/3",
        "ENFORCER_ROLE",
        (t, f) => t["forcedTransfer(address,address,uint256)"](f.alice.address, f.bob.address, 1n),
      ],
      [
        "forcedTransfer/4",
        "ENFORCER_ROLE",
        (t, f) => t["forcedTransfer(address,address,uint256,bytes32)"](f.alice.address, f.bob.address, 1n, REF),
      ],
      ["recoverWallet", "ENFORCER_ROLE", (t, f) => t.recoverWallet(f.alice.address, f.bob.address, REF)],
      ["pause", "PAUSER_ROLE", (t) => t.pause()],
      // instant for the protective (the pauser), slow for the dangerous (the admin, the Safe)
      ["unpause", "DEFAULT_ADMIN_ROLE", (t) => t.unpause()],
      ["setDocument", "DEFAULT_ADMIN_ROLE", (t) => t.setDocument(REF, "ipfs://x", REF)],
      ["removeDocument", "DEFAULT_ADMIN_ROLE", (t) => t.removeDocument(REF)],
      ["setEncumbrance", "DEFAULT_ADMIN_ROLE", (t) => t.setEncumbrance(1, REF)],
      ["setCustodian", "DEFAULT_ADMIN_ROLE", (t, f) => t.setCustodian(f.bob.address)],
      ["grantRole", "DEFAULT_ADMIN_ROLE", (t, f) => t.grantRole(ethers.ZeroHash, f.bob.address)],
      ["revokeRole", "DEFAULT_ADMIN_ROLE", (t, f) => t.revokeRole(ethers.ZeroHash, f.tokenAdmin.address)],
    ];
    for (const [name, role, call] of cases) {
      it(`${name}: only ${role}`, async function () {
        const f = await loadFixture(deployAssetsFixture);
        const holders: Record<typeof role, HardhatEthersSigner> = {
          DEFAULT_ADMIN_ROLE: f.tokenAdmin,
          ISSUER_ROLE: f.issuer,
          ENFORCER_ROLE: f.enforcer,
          PAUSER_ROLE: f.pauser,
        };
        const roleId = await f.token[role]();
        const others = [
          f.tokenAdmin,
          f.issuer,
          f.enforcer,
          f.pauser,
          f.kycOfficer,
          f.upgrader,
          f.admin,
          f.reserve,
          f.outsider,
        ].filter((s) => s !== holders[role]);
        for (const caller of others) {
          await expect(call(f.token.connect(caller), f), caller.address)
            .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, roleId);
        }
      });
    }
  });

  it("AssetFactory.createAsset: only ASSET_CREATOR_ROLE", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const role = await f.factory.ASSET_CREATOR_ROLE();
    for (const caller of [f.admin, f.upgrader, f.tokenAdmin, f.reserve, f.outsider]) {
      await expect(f.factory.connect(caller).createAsset({ ...f.params, assetId: REF }))
        .to.be.revertedWithCustomError(f.factory, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, role);
    }
  });

  it("slow for the dangerous, instant for the protective: a PAUSER_ROLE holder pauses but cannot unpause; the token admin (the Safe) unpauses", async function () {
    const f = await loadFixture(deployAssetsFixture);
    await expect(f.token.connect(f.pauser).pause()).to.emit(f.token, "Paused").withArgs(f.pauser.address);
    // not even a key that holds every operational role
    for (const r of [await f.token.ISSUER_ROLE(), await f.token.ENFORCER_ROLE()])
      await f.token.connect(f.tokenAdmin).grantRole(r, f.pauser.address);
    await expect(f.token.connect(f.pauser).unpause())
      .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
      .withArgs(f.pauser.address, ethers.ZeroHash);
    expect(await f.token.paused()).to.equal(true);
    await expect(f.token.connect(f.tokenAdmin).unpause()).to.emit(f.token, "Unpaused").withArgs(f.tokenAdmin.address);
    expect(await f.token.paused()).to.equal(false);
  });

  it("role administration: the token admin grants and revokes operational roles", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const issuerRole = await f.token.ISSUER_ROLE();
    await f.token.connect(f.tokenAdmin).grantRole(issuerRole, f.bob.address);
    await f.token.connect(f.bob).mint(1n);
    await f.token.connect(f.tokenAdmin).revokeRole(issuerRole, f.bob.address);
    await expect(f.token.connect(f.bob).mint(1n)).to.be.revertedWithCustomError(
      f.token,
      "AccessControlUnauthorizedAccount",
    );
  });
});
