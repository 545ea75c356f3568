/**
 * The auditor's index of known bugs in the anchor implementations (docs/invariants.md,
 * /work/shared/context/anchors.md), one `describe` per bug, each test named after the anchor and
 * the issue. Some cases are also covered inside test/stablecoin, test/assets and test/attestation;
 * here each is stated once, on the shared fixtures, so a reviewer can tick them off.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { PermitFrontRunVictimMock } from "../../typechain-types";
import {
  randomAuthorizationNonce,
  signPermit,
  signTransferWithAuthorization,
  type StablecoinDomain,
} from "../../src/stablecoin/signatures";
import { signReport } from "../../src/attestation/sign";
import {
  INITIAL_MINT,
  SOM_RESERVES,
  callPermit,
  callTransferWithAuthorization,
  deployFeed,
  deployStablecoinFixture,
  inOneHour,
} from "../stablecoin/fixture";
import { COUNTRY_KG, HOLDING, PARTIAL_FROZEN, REF, YEAR, deployAssetsFixture } from "../assets/fixture";
import { deployRegistry, makeReport, registryFixture, signWith, sortSigners } from "../attestation/fixture";

const OTHER_CHAIN_ID = 11_155_111n; // Sepolia: anything but the test chain's 31337

describe("regressions: known anchor bugs", function () {
  describe("USDC 2018: transferFrom must check the blocklist status of msg.sender (the spender)", function () {
    it("USDC 2018 (issue 8): a frozen spender cannot move an allowance it was given before the freeze", async function () {
      const { token, admin, alice, bob, carol, compliance } = await loadFixture(deployStablecoinFixture);
      await token.connect(alice).approve(bob.address, 100n);
      await token.connect(compliance).freeze(bob.address);
      await expect(token.connect(bob).transferFrom(alice.address, carol.address, 1n))
        .to.be.revertedWithCustomError(token, "SomStablecoinAccountFrozen")
        .withArgs(bob.address);
      // owner and recipient are not frozen: only the spender's flag stops it
      await token.connect(admin).unfreeze(bob.address);
      await expect(token.connect(bob).transferFrom(alice.address, carol.address, 1n)).to.changeTokenBalance(
        token,
        carol,
        1n,
      );
    });
  });

  describe("ERC-3643 #95: an expired KYC stops verifying without revocation", function () {
    it("ERC-3643 #95 (issue 8): nobody revoked eve's identity, yet after kycExpiry she can neither send nor receive", async function () {
      const { token, registry, eve, alice, to } = await loadFixture(deployAssetsFixture);
      // still registered (not revoked): the expiry is in the past
      const id = await registry.identity(eve.address);
      expect(id.kycExpiry).to.be.greaterThan(0n);
      expect(id.kycExpiry).to.be.lessThanOrEqual(BigInt(await time.latest()));
      expect(await registry.isVerified(eve.address)).to.equal(false);
      await expect(token.connect(eve).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(eve.address);
      await expect(token.connect(alice).transfer(to.expired, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(to.expired);
    });

    it("ERC-3643 #95 (issue 8): the expiry is exclusive — verified one second before, not at kycExpiry", async function () {
      const { token, registry, alice, bob } = await loadFixture(deployAssetsFixture);
      // pinned: after a fixture revert late in a long parallel run, the next block's wall-clock
      // timestamp can be more than 1,000 s past the latest block
      const updatedAt = BigInt(await time.latest()) + 1n;
      const expiry = updatedAt + 1_000n;
      await time.setNextBlockTimestamp(updatedAt);
      await registry.updateIdentity(bob.address, COUNTRY_KG, expiry);
      await time.setNextBlockTimestamp(expiry - 1n);
      await expect(token.connect(alice).transfer(bob.address, 1n)).to.changeTokenBalance(token, bob, 1n);
      await time.setNextBlockTimestamp(expiry);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(bob.address);
    });
  });

  describe("ERC-3643 #101: a self-issued claim cannot verify", function () {
    it("ERC-3643 #101 (issue 8): an account cannot register or renew itself; only the KYC officer writes identities", async function () {
      const { token, registry, alice, eve, outsider } = await loadFixture(deployAssetsFixture);
      const farExpiry = BigInt(await time.latest()) + BigInt(YEAR);
      const officerRole = await registry.KYC_OFFICER_ROLE();
      await expect(registry.connect(outsider).registerIdentity(outsider.address, COUNTRY_KG, farExpiry))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, officerRole);
      await expect(registry.connect(eve).updateIdentity(eve.address, COUNTRY_KG, farExpiry))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(eve.address, officerRole);
      expect(await registry.isVerified(outsider.address)).to.equal(false);
      await expect(token.connect(alice).transfer(outsider.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(outsider.address);
    });
  });

  describe("OZ community #244 / CMTAT #380: forcedTransfer(a, a, x) must not unfreeze", function () {
    it("OZ community #244 / CMTAT #380 (issue 8): forcedTransfer(a, a, x) leaves balance and frozen amount unchanged", async function () {
      const { token, enforcer, frank } = await loadFixture(deployAssetsFixture);
      const unfrozen = HOLDING - PARTIAL_FROZEN;
      await token.connect(enforcer)["forcedTransfer(address,address,uint256)"](frank.address, frank.address, unfrozen);
      await token
        .connect(enforcer)
        ["forcedTransfer(address,address,uint256,bytes32)"](frank.address, frank.address, unfrozen, REF);
      expect(await token.getFrozenTokens(frank.address)).to.equal(PARTIAL_FROZEN);
      expect(await token.balanceOf(frank.address)).to.equal(HOLDING);
      // an amount reaching into the frozen part is refused rather than silently unfreezing it
      await expect(
        token.connect(enforcer)["forcedTransfer(address,address,uint256)"](frank.address, frank.address, unfrozen + 1n),
      )
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(frank.address, unfrozen + 1n, unfrozen);
      expect(await token.getFrozenTokens(frank.address)).to.equal(PARTIAL_FROZEN);
    });
  });

  describe("Securitize DS 2025: transferFrom without allowance must revert", function () {
    it("Securitize DS 2025 (issue 8): stablecoin transferFrom with no allowance reverts ERC20InsufficientAllowance", async function () {
      const { token, alice, bob } = await loadFixture(deployStablecoinFixture);
      expect(await token.allowance(alice.address, bob.address)).to.equal(0n);
      await expect(token.connect(bob).transferFrom(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(bob.address, 0n, 1n);
    });

    it("Securitize DS 2025 (issue 8): asset token transferFrom with no allowance reverts, even between verified holders", async function () {
      const { token, alice, bob } = await loadFixture(deployAssetsFixture);
      expect(await token.allowance(alice.address, bob.address)).to.equal(0n);
      await expect(token.connect(bob).transferFrom(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(bob.address, 0n, 1n);
    });
  });

  describe("Chainlink / TrueUSD: feed decimals above token decimals must not revert and must round reserves down", function () {
    for (const feedDecimals of [8, 18]) {
      it(`Chainlink / TrueUSD (issue 8): a ${feedDecimals}-decimal feed against the 2-decimal token rounds down`, async function () {
        const { token, controller, admin, minter } = await loadFixture(deployStablecoinFixture);
        const feed = await deployFeed(feedDecimals);
        const scale = 10n ** BigInt(feedDecimals - 2);
        // reserves = supply + 1 unit + 0.999… of a unit: rounded down to supply + 1
        const reported = (INITIAL_MINT + 1n) * scale + (scale - 1n);
        await feed.setReport(SOM_RESERVES, reported, await time.latest());
        await expect(token.connect(admin).setReserveFeed(await feed.getAddress())).not.to.be.reverted;
        expect((await token.reserveSnapshot())[0]).to.equal(INITIAL_MINT + 1n);
        await expect(controller.connect(minter).mint(2n))
          .to.be.revertedWithCustomError(token, "SomStablecoinMintExceedsReserves")
          .withArgs(INITIAL_MINT, 2n, INITIAL_MINT + 1n);
        await controller.connect(minter).mint(1n);
        expect(await token.totalSupply()).to.equal(INITIAL_MINT + 1n);
      });
    }

    it("Chainlink / TrueUSD (issue 8): 80 feed decimals give reserves 0 instead of the 10**(token - feed) revert", async function () {
      const { token, admin } = await loadFixture(deployStablecoinFixture);
      const feed = await deployFeed(80);
      await feed.setReport(SOM_RESERVES, ethers.MaxUint256, await time.latest());
      await expect(token.connect(admin).setReserveFeed(await feed.getAddress())).not.to.be.reverted;
      expect((await token.reserveSnapshot())[0]).to.equal(0n);
    });
  });

  describe("Signature replay across chains and contracts", function () {
    it("replay (issue 8): a permit signed for another chain id is rejected", async function () {
      const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
      const args = { owner: alice.address, spender: bob.address, value: 5n, deadline: await inOneHour() };
      const foreign: StablecoinDomain = { ...domain, chainId: OTHER_CHAIN_ID };
      const sig = await signPermit(alice, foreign, { ...args, nonce: 0n });
      for (const form of ["vrs", "bytes"] as const) {
        await expect(callPermit(token, relayer, args, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
          .withArgs(alice.address);
      }
      // the same permit signed for this chain works
      await callPermit(token, relayer, args, await signPermit(alice, domain, { ...args, nonce: 0n }), "vrs");
      expect(await token.allowance(alice.address, bob.address)).to.equal(5n);
    });

    it("replay (issue 8): an EIP-3009 authorization signed for another chain id is rejected", async function () {
      const { token, alice, carol, relayer, domain } = await loadFixture(deployStablecoinFixture);
      const auth = {
        from: alice.address,
        to: carol.address,
        value: 3n,
        validAfter: 0n,
        validBefore: await inOneHour(),
        nonce: randomAuthorizationNonce(),
      };
      const sig = await signTransferWithAuthorization(alice, { ...domain, chainId: OTHER_CHAIN_ID }, auth);
      await expect(callTransferWithAuthorization(token, relayer, auth, sig, "bytes"))
        .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
        .withArgs(alice.address);
      expect(await token.authorizationState(alice.address, auth.nonce)).to.equal(false);
    });

    it("replay (issue 8): a permit signed for another token contract is rejected", async function () {
      const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
      const args = { owner: alice.address, spender: bob.address, value: 5n, deadline: await inOneHour() };
      const otherToken = ethers.Wallet.createRandom().address;
      const sig = await signPermit(alice, { ...domain, verifyingContract: otherToken }, { ...args, nonce: 0n });
      await expect(callPermit(token, relayer, args, sig, "vrs"))
        .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
        .withArgs(alice.address);
    });

    it("replay (issue 8): an attestation signed for another chain id is rejected", async function () {
      const f = await loadFixture(registryFixture);
      const report = await makeReport();
      const signers = sortSigners(f.base.slice(0, 2));
      const files = await Promise.all(
        signers.map((s) => signReport({ chainId: OTHER_CHAIN_ID, registry: f.registryAddress, report }, s)),
      );
      await expect(
        f.registry.submitReport(
          report,
          files.map((x) => x.signer),
          files.map((x) => x.signature),
        ),
      )
        .to.be.revertedWithCustomError(f.registry, "AttestationInvalidSignature")
        .withArgs(signers[0].address);
    });

    it("replay (issue 8): an attestation signed for another registry is rejected by this one", async function () {
      const f = await loadFixture(registryFixture);
      // a second registry with the same attestors (e.g. a staging deployment)
      const other = await deployRegistry(
        f.admin.address,
        f.base.map((a) => a.address),
        2,
      );
      await other.connect(f.admin).configureSubject(SOM_RESERVES, 86_400n, 0, ethers.ZeroAddress);
      const otherTarget = { chainId: f.chainId, registryAddress: await other.getAddress() };
      const report = await makeReport();
      const signed = await signWith(otherTarget, report, f.base.slice(0, 2));
      await expect(f.registry.submitReport(report, signed.signers, signed.signatures))
        .to.be.revertedWithCustomError(f.registry, "AttestationInvalidSignature")
        .withArgs(signed.signers[0]);
      // where they were meant to go, the same signatures are accepted
      await other.submitReport(report, signed.signers, signed.signatures);
      expect((await other.latestReport(SOM_RESERVES))[0]).to.equal(report.value);
    });
  });

  describe("Permit front-running griefing: permit then transferFrom must survive an already-used permit", function () {
    async function victimFixture() {
      const base = await deployStablecoinFixture();
      const victim = (await ethers.deployContract("PermitFrontRunVictimMock")) as unknown as PermitFrontRunVictimMock;
      return { ...base, victim };
    }

    it("permit front-running (issue 8): with try/catch the deposit goes through after an attacker used the permit", async function () {
      const { token, alice, relayer, domain, victim } = await loadFixture(victimFixture);
      const value = 50n;
      const args = { owner: alice.address, spender: await victim.getAddress(), value, deadline: await inOneHour() };
      const sig = await signPermit(alice, domain, { ...args, nonce: 0n });
      // the attacker copies the permit from the mempool and submits it first
      await callPermit(token, relayer, args, sig, "vrs");
      const tokenAddress = await token.getAddress();
      await expect(
        victim
          .connect(alice)
          .depositWithPermitNaive(tokenAddress, alice.address, value, args.deadline, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature");
      await expect(
        victim.connect(alice).depositWithPermit(tokenAddress, alice.address, value, args.deadline, sig.v, sig.r, sig.s),
      ).to.changeTokenBalances(token, [alice, victim], [-value, value]);
      expect(await victim.deposits(tokenAddress, alice.address)).to.equal(value);
    });

    it("permit front-running (issue 8): without a front-runner both variants use the permit", async function () {
      const { token, alice, bob, domain, victim } = await loadFixture(victimFixture);
      const tokenAddress = await token.getAddress();
      const spender = await victim.getAddress();
      for (const [who, naive] of [
        [alice, true],
        [bob, false],
      ] as const) {
        const deadline = await inOneHour();
        const sig = await signPermit(who, domain, { owner: who.address, spender, value: 7n, nonce: 0n, deadline });
        const call = naive ? victim.connect(who).depositWithPermitNaive : victim.connect(who).depositWithPermit;
        await call(tokenAddress, who.address, 7n, deadline, sig.v, sig.r, sig.s);
        expect(await victim.deposits(tokenAddress, who.address)).to.equal(7n);
        expect(await token.nonces(who.address)).to.equal(1n);
      }
    });
  });
});
