import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ERC1271WalletMock__factory } from "../../typechain-types";
import { COUNTRY_KG, deployAssetsFixture, HOLDING, REF, YEAR } from "./fixture";

describe("Attacks", function () {
  it("T-REX-like: an account with no KYC cannot receive shares by any path", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const mallory = f.outsider; // never verified
    const t = f.token;
    // 1. plain transfer from a verified holder
    await expect(t.connect(f.alice).transfer(mallory.address, 1n)).to.be.revertedWithCustomError(
      t,
      "ERC7943CannotReceive",
    );
    // 2. mallory as approved spender sends to herself
    await t.connect(f.alice).approve(mallory.address, HOLDING);
    await expect(t.connect(mallory).transferFrom(f.alice.address, mallory.address, 1n)).to.be.revertedWithCustomError(
      t,
      "ERC7943CannotReceive",
    );
    // 3. mallory issues herself a claim (ERC-3643 #101): only the KYC officer writes identities
    const expiry = (await ethers.provider.getBlock("latest"))!.timestamp + YEAR;
    await expect(
      f.identityRegistry.connect(mallory).registerIdentity(mallory.address, COUNTRY_KG, expiry),
    ).to.be.revertedWithCustomError(f.identityRegistry, "AccessControlUnauthorizedAccount");
    // 4. a contract wallet mallory controls, not verified either
    const wallet = await new ERC1271WalletMock__factory(mallory).deploy(mallory.address);
    await expect(t.connect(f.alice).transfer(await wallet.getAddress(), 1n)).to.be.revertedWithCustomError(
      t,
      "ERC7943CannotReceive",
    );
    // 5. the enforcer's paths check the recipient too
    await expect(
      t.connect(f.enforcer)["forcedTransfer(address,address,uint256)"](f.alice.address, mallory.address, 1n),
    ).to.be.revertedWithCustomError(t, "ERC7943CannotReceive");
    await expect(
      t.connect(f.enforcer).recoverWallet(f.alice.address, mallory.address, REF),
    ).to.be.revertedWithCustomError(t, "ERC7943CannotReceive");
    // 6. mint cannot be pointed at her; re-initializing or upgrading the token is refused
    await expect(t.connect(mallory).mint(1n)).to.be.revertedWithCustomError(t, "AccessControlUnauthorizedAccount");
    await expect(
      t.connect(mallory).initialize({ ...f.params, issuer: mallory.address }, mallory.address, mallory.address),
    ).to.be.revertedWithCustomError(t, "InvalidInitialization");
    await expect(upgrades.upgradeBeacon(f.beacon, await ethers.getContractFactory("AssetTokenV2Mock", mallory))).to.be
      .reverted;
    // 7. an expired identity (the ERC-3643 #95 hole) does not receive either
    await expect(t.connect(f.alice).transfer(f.eve.address, 1n)).to.be.revertedWithCustomError(
      t,
      "ERC7943CannotReceive",
    );

    expect(await t.balanceOf(mallory.address)).to.equal(0n);
    expect(await t.balanceOf(await wallet.getAddress())).to.equal(0n);
    expect(await t.balanceOf(f.alice.address)).to.equal(HOLDING);
  });

  it("a removed identity cannot move its shares out through an approved accomplice", async function () {
    const f = await loadFixture(deployAssetsFixture);
    await f.token.connect(f.dave).approve(f.alice.address, HOLDING); // dave: KYC removed, still holds shares
    await expect(f.token.connect(f.alice).transferFrom(f.dave.address, f.alice.address, 1n))
      .to.be.revertedWithCustomError(f.token, "ERC7943CannotSend")
      .withArgs(f.dave.address);
  });
});
