/**
 * The outside review of the asset tokens (issue 15): each weakness it reproduced, now closed.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { encodeBytes32String } from "ethers";
import { assetIdFrom, checkAssetParams, createAsset } from "../../src/assets";
import { AssetsError } from "../../src/assets/errors";
import { assetParams, deployAssetsFixture, HOLDING, MINTED, REF, YEAR } from "./fixture";

const FT3 = "forcedTransfer(address,address,uint256)";
const FT4 = "forcedTransfer(address,address,uint256,bytes32)";
const US = 840;
const KG = 417;

describe("AssetToken and AssetFactory: the outside review's findings", function () {
  describe("transferFrom checks the spender (the USDC 2018 bug)", function () {
    it("USDC 2018 bug: a fully frozen spender cannot spend an allowance given before the freeze", async function () {
      const { token, alice, bob, enforcer } = await loadFixture(deployAssetsFixture);
      await token.connect(alice).approve(bob.address, 100n);
      await token.connect(enforcer).freeze(bob.address);
      await expect(token.connect(bob).transferFrom(alice.address, alice.address, 10n))
        .to.be.revertedWithCustomError(token, "AssetTokenSpenderFrozen")
        .withArgs(bob.address);
      await token.connect(enforcer).unfreeze(bob.address);
      await expect(token.connect(bob).transferFrom(alice.address, bob.address, 10n)).to.emit(token, "Transfer");
    });

    it("USDC 2018 bug: the lost key left behind by recoverWallet cannot spend its old allowances", async function () {
      const { token, alice, bob, enforcer, registry } = await loadFixture(deployAssetsFixture);
      await token.connect(alice).approve(bob.address, 100n);
      const fresh = ethers.Wallet.createRandom().address;
      await registry.registerIdentity(fresh, KG, (await time.latest()) + YEAR);
      await token.connect(enforcer).recoverWallet(bob.address, fresh, REF);
      await expect(token.connect(bob).transferFrom(alice.address, alice.address, 10n))
        .to.be.revertedWithCustomError(token, "AssetTokenSpenderFrozen")
        .withArgs(bob.address);
    });
  });

  describe("separation of powers on the reserve's holdings", function () {
    it("the enforcer cannot move, recover or freeze the reserve's shares", async function () {
      const { token, reserve, enforcer, alice, bob } = await loadFixture(deployAssetsFixture);
      const e = token.connect(enforcer);
      const calls = [
        () => e[FT3](reserve.address, alice.address, 1n),
        () => e[FT4](reserve.address, alice.address, 1n, REF),
        () => e.recoverWallet(reserve.address, alice.address, REF),
        () => e.freeze(reserve.address),
        () => e.unfreeze(reserve.address),
        () => e.setFrozenTokens(reserve.address, 1n),
      ];
      for (const call of calls) {
        await expect(call()).to.be.revertedWithCustomError(token, "AssetTokenReserveOnly").withArgs(enforcer.address);
      }
      // and still does its job between third parties
      await expect(e[FT4](alice.address, bob.address, 1n, REF)).to.emit(token, "ForcedTransfer");
    });

    it("the reserve itself (the Safe) may move its own shares by forced transfer and recovery", async function () {
      const { token, reserve, alice, registry } = await loadFixture(deployAssetsFixture);
      await expect(token.connect(reserve)[FT4](reserve.address, alice.address, 5n, REF)).to.emit(
        token,
        "ForcedTransfer",
      );
      const successor = ethers.Wallet.createRandom().address;
      await registry.registerIdentity(successor, KG, (await time.latest()) + YEAR);
      const balance = await token.balanceOf(reserve.address);
      await expect(token.connect(reserve).recoverWallet(reserve.address, successor, REF)).to.emit(
        token,
        "WalletRecovered",
      );
      expect(await token.balanceOf(successor)).to.equal(balance);
    });

    it("regression: the reserve never inherits frozen state from a recovery or a forced transfer", async function () {
      const { token, reserve, enforcer, alice, bob } = await loadFixture(deployAssetsFixture);
      const e = token.connect(enforcer);
      // alice: a partial freeze; bob: a full freeze (each alone would lock the reserve's shares if inherited)
      await e.setFrozenTokens(alice.address, 3n);
      await e.freeze(bob.address);
      for (const from of [alice.address, bob.address]) {
        await expect(e.recoverWallet(from, reserve.address, REF))
          .to.be.revertedWithCustomError(token, "AssetTokenInvalidRecovery")
          .withArgs(from, reserve.address);
      }
      // a forced transfer into the reserve moves tokens only: the consumed frozen part is unfrozen at the sender
      const aliceBalance = await token.balanceOf(alice.address);
      await expect(e[FT4](alice.address, reserve.address, aliceBalance, REF)).to.emit(token, "ForcedTransfer");
      await expect(e[FT4](bob.address, reserve.address, 1n, REF)).to.emit(token, "ForcedTransfer");
      expect(await token.getFrozenTokens(reserve.address)).to.equal(0n);
      expect(await token.isFrozen(reserve.address)).to.equal(false);
      // a wallet with nothing frozen may still be recovered into the reserve
      await e.unfreeze(bob.address);
      const bobBalance = await token.balanceOf(bob.address);
      const before = await token.balanceOf(reserve.address);
      await expect(e.recoverWallet(bob.address, reserve.address, REF)).to.emit(token, "WalletRecovered");
      expect(await token.balanceOf(reserve.address)).to.equal(before + bobBalance);
      expect(await token.getFrozenTokens(reserve.address)).to.equal(0n);
      expect(await token.isFrozen(reserve.address)).to.equal(false);
    });

    it("a holder other than the reserve still answers to ENFORCER_ROLE, not to the reserve", async function () {
      const { token, reserve, alice, bob } = await loadFixture(deployAssetsFixture);
      await expect(token.connect(reserve)[FT3](alice.address, bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "AccessControlUnauthorizedAccount",
      );
    });
  });

  describe("factory validation", function () {
    it("refuses SOM_RESERVES, a subject already attested, decimals above 18 and non-ISO jurisdictions", async function () {
      const f = await loadFixture(deployAssetsFixture);
      const factory = f.factory.connect(f.creator);
      const base = {
        admin: f.tokenAdmin.address,
        issuer: f.issuer.address,
        enforcer: f.enforcer.address,
        pauser: f.pauser.address,
        custodian: f.tokenAdmin.address,
      };
      const somReserves = encodeBytes32String("SOM_RESERVES");
      await expect(factory.createAsset(assetParams({ ...base, assetId: somReserves })))
        .to.be.revertedWithCustomError(factory, "AssetFactoryReservedAssetId")
        .withArgs(somReserves);
      const used = assetIdFrom("subject:already-attested");
      const now = await time.latest();
      await f.source.connect(f.attestor1).attest(used, 5n, now, ethers.ZeroHash);
      await f.source.connect(f.attestor2).attest(used, 5n, now, ethers.ZeroHash);
      await expect(factory.createAsset(assetParams({ ...base, assetId: used })))
        .to.be.revertedWithCustomError(factory, "AssetFactoryReservedAssetId")
        .withArgs(used);
      await expect(factory.createAsset(assetParams({ ...base, assetId: assetIdFrom("x:1"), decimals: 19 })))
        .to.be.revertedWithCustomError(factory, "AssetFactoryInvalidDecimals")
        .withArgs(19);
      await expect(factory.createAsset(assetParams({ ...base, assetId: assetIdFrom("x:2"), decimals: 255 })))
        .to.be.revertedWithCustomError(factory, "AssetFactoryInvalidDecimals")
        .withArgs(255);
      for (const jurisdiction of [0, 1000, 65535]) {
        await expect(factory.createAsset(assetParams({ ...base, assetId: assetIdFrom("x:3"), jurisdiction })))
          .to.be.revertedWithCustomError(factory, "AssetFactoryInvalidJurisdiction")
          .withArgs(jurisdiction);
      }
      // the library says the same before sending
      for (const [bad, field] of [
        [{ assetId: somReserves }, "assetId"],
        [{ decimals: 19 }, "decimals"],
        [{ jurisdiction: 0 }, "jurisdiction"],
      ] as const) {
        expect(() => checkAssetParams(assetParams({ ...base, ...bad }))).to.throw(AssetsError, field);
      }
      // the chain accepts any code 1..999; the library also wants a country (894 Zambia is the highest assigned code)
      expect(() => checkAssetParams(assetParams({ ...base, jurisdiction: 999 }))).to.throw(
        AssetsError,
        "999 is not an ISO 3166-1 numeric code of any country",
      );
      await expect(
        factory.createAsset(assetParams({ ...base, assetId: assetIdFrom("x:5"), jurisdiction: 999 })),
      ).to.emit(factory, "AssetCreated");
      const ok = await createAsset(
        factory,
        assetParams({ ...base, assetId: assetIdFrom("x:4"), decimals: 18, jurisdiction: 894 }),
      );
      expect(await ok.token.decimals()).to.equal(18n);
      await expect(
        factory.createAsset(assetParams({ ...base, assetId: assetIdFrom("x:4") })),
      ).to.be.revertedWithCustomError(factory, "AssetFactoryAssetExists");
    });
  });

  describe("holder rules per asset", function () {
    async function withForeigner() {
      const f = await deployAssetsFixture();
      const foreigner = (await ethers.getSigners())[19];
      await f.registry.registerIdentity(foreigner.address, US, (await time.latest()) + YEAR);
      return { ...f, foreigner };
    }

    it("only the asset admin sets them, with events", async function () {
      const { token, tokenAdmin, enforcer } = await loadFixture(withForeigner);
      const admin = token.connect(tokenAdmin);
      for (const call of [
        () => token.connect(enforcer).setAllowedCountries([KG]),
        () => token.connect(enforcer).setMaxHolders(3),
        () => token.connect(enforcer).setMaxBalance(3),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount");
      }
      await expect(admin.setAllowedCountries([KG, 398]))
        .to.emit(token, "AllowedCountriesUpdated")
        .withArgs([KG, 398]);
      await expect(admin.setMaxHolders(10)).to.emit(token, "MaxHoldersUpdated").withArgs(0, 10);
      await expect(admin.setMaxBalance(5_000n)).to.emit(token, "MaxBalanceUpdated").withArgs(0, 5_000n);
      expect(await token.holderRules()).to.deep.equal([true, 10n, 5_000n, 7n]);
      expect(await token.isCountryAllowed(KG)).to.equal(true);
      expect(await token.isCountryAllowed(US)).to.equal(false);
      // a new list replaces the old one (mutation testing: AssetToken:delete-write:L347:0e419e62)
      await admin.setAllowedCountries([398]);
      expect(await token.isCountryAllowed(KG)).to.equal(false);
      expect(await token.isCountryAllowed(398)).to.equal(true);
      // every word of the bitmap is cleared, the first (codes 1-255: France, 250) too; 999, the largest code, is a
      // country (mutation testing: AssetToken:constant:L347:515d8dbb, AssetToken:boundary:L350:1edebc0a)
      const FR = 250;
      await admin.setAllowedCountries([FR, 999]);
      expect([await token.isCountryAllowed(FR), await token.isCountryAllowed(999)]).to.deep.equal([true, true]);
      await admin.setAllowedCountries([398]);
      expect([await token.isCountryAllowed(FR), await token.isCountryAllowed(999)]).to.deep.equal([false, false]);
      for (const bad of [0, 1000]) {
        await expect(admin.setAllowedCountries([bad]))
          .to.be.revertedWithCustomError(token, "AssetTokenInvalidCountry")
          .withArgs(bad);
      }
      await admin.setAllowedCountries([]);
      expect(await token.isCountryAllowed(US)).to.equal(true);
      expect((await token.holderRules()).countryRestricted).to.equal(false);
    });

    it("the land rule: a foreign holder cannot be credited by any path, and ERC-7943 views say so", async function () {
      const { token, tokenAdmin, alice, bob, enforcer, reserve, foreigner, registry, issuer } =
        await loadFixture(withForeigner);
      await token.connect(alice).transfer(foreigner.address, 10n); // before the rule
      await token.connect(tokenAdmin).setAllowedCountries([KG]);
      expect(await token.canReceive(foreigner.address)).to.equal(false);
      expect(await token.canTransfer(alice.address, foreigner.address, 1n)).to.equal(false);
      expect(await token.canReceive(bob.address)).to.equal(true);
      expect(await token.canTransfer(alice.address, bob.address, 1n)).to.equal(true);
      const refused = (p: Promise<unknown>) =>
        expect(p).to.be.revertedWithCustomError(token, "AssetTokenCountryNotAllowed").withArgs(foreigner.address, US);
      await refused(token.connect(alice).transfer(foreigner.address, 1n));
      await token.connect(alice).approve(bob.address, 10n);
      await refused(token.connect(bob).transferFrom(alice.address, foreigner.address, 1n));
      await refused(token.connect(enforcer)[FT3](alice.address, foreigner.address, 1n));
      await refused(token.connect(enforcer)[FT4](alice.address, foreigner.address, 1n, REF));
      await refused(token.connect(enforcer).recoverWallet(alice.address, foreigner.address, REF));
      await refused(token.connect(reserve).transfer(foreigner.address, 1n));
      // the foreign holder keeps its shares and may send them to an allowed holder; the reserve is exempt
      await expect(token.connect(foreigner).transfer(bob.address, 5n)).to.emit(token, "Transfer");
      await expect(token.connect(foreigner).transfer(reserve.address, 5n)).to.emit(token, "Transfer");
      expect(await token.canReceive(reserve.address)).to.equal(true);
      // mint credits only the reserve: exempt
      await expect(token.connect(issuer).mint(1n)).to.emit(token, "Transfer");
      // a holder who moves abroad stops receiving
      await registry.updateIdentity(bob.address, US, (await time.latest()) + YEAR);
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.be.revertedWithCustomError(
        token,
        "AssetTokenCountryNotAllowed",
      );
    });

    it("the maximum balance per holder bounds every credit except the reserve's", async function () {
      const { token, tokenAdmin, alice, bob, enforcer, reserve } = await loadFixture(withForeigner);
      await token.connect(tokenAdmin).setMaxBalance(HOLDING + 10n);
      expect(await token.canTransfer(alice.address, bob.address, 10n)).to.equal(true);
      expect(await token.canTransfer(alice.address, bob.address, 11n)).to.equal(false);
      await expect(token.connect(alice).transfer(bob.address, 11n))
        .to.be.revertedWithCustomError(token, "AssetTokenMaxBalanceExceeded")
        .withArgs(bob.address, HOLDING + 11n, HOLDING + 10n);
      await expect(token.connect(enforcer)[FT3](alice.address, bob.address, 11n)).to.be.revertedWithCustomError(
        token,
        "AssetTokenMaxBalanceExceeded",
      );
      await expect(
        token.connect(enforcer).recoverWallet(alice.address, bob.address, REF),
      ).to.be.revertedWithCustomError(token, "AssetTokenMaxBalanceExceeded");
      await token.connect(alice).transfer(bob.address, 10n);
      expect(await token.canReceive(bob.address)).to.equal(false);
      // a self transfer credits nothing: the cap does not apply (as transfer(bob, bob) succeeds)
      expect(await token.canTransfer(bob.address, bob.address, 5n)).to.equal(true);
      await expect(token.connect(bob).transfer(bob.address, 5n)).to.emit(token, "Transfer");
      await expect(token.connect(alice).transfer(reserve.address, 500n)).to.emit(token, "Transfer");
      await token.connect(tokenAdmin).setMaxBalance(0);
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.emit(token, "Transfer");
    });

    it("the maximum number of holders counts accounts with a balance, the reserve included", async function () {
      const { token, tokenAdmin, alice, bob, enforcer, registry, reserve, issuer } = await loadFixture(withForeigner);
      expect((await token.holderRules()).holderCount).to.equal(7n); // reserve + six holders
      await token.connect(tokenAdmin).setMaxHolders(7);
      const newcomer = ethers.Wallet.createRandom().address;
      await registry.registerIdentity(newcomer, KG, (await time.latest()) + YEAR);
      expect(await token.canReceive(newcomer)).to.equal(false);
      expect(await token.canReceive(bob.address)).to.equal(true);
      await expect(token.connect(alice).transfer(newcomer, 1n))
        .to.be.revertedWithCustomError(token, "AssetTokenMaxHoldersReached")
        .withArgs(newcomer, 7);
      await expect(token.connect(enforcer)[FT3](alice.address, newcomer, 1n)).to.be.revertedWithCustomError(
        token,
        "AssetTokenMaxHoldersReached",
      );
      // recovery replaces a holder: allowed at the cap
      await expect(token.connect(enforcer).recoverWallet(alice.address, newcomer, REF)).to.emit(
        token,
        "WalletRecovered",
      );
      expect((await token.holderRules()).holderCount).to.equal(7n);
      // bob leaves entirely: room for one more
      await token.connect(bob).transfer(reserve.address, HOLDING);
      expect((await token.holderRules()).holderCount).to.equal(6n);
      await expect(token.connect(reserve).transfer(bob.address, 1n)).to.emit(token, "Transfer");
      expect((await token.holderRules()).holderCount).to.equal(7n);
      // the reserve burning to zero and minting again keeps the count true
      await token.connect(tokenAdmin).setMaxHolders(0);
      const all = await token.balanceOf(reserve.address);
      await token.connect(reserve).burn(all, REF);
      expect((await token.holderRules()).holderCount).to.equal(6n);
      await token.connect(issuer).mint(1n);
      expect((await token.holderRules()).holderCount).to.equal(7n);
      expect(await token.totalSupply()).to.be.lessThan(MINTED);
    });
  });
});
