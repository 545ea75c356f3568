import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { deployAssetsFixture, HOLDING, PARTIAL_FROZEN, type AssetsFixture } from "./fixture";

type State = "verified" | "unverified" | "expired" | "frozenFull" | "frozenPartial";
const STATES: State[] = ["verified", "unverified", "expired", "frozenFull", "frozenPartial"];
/** States in which an account may neither send nor receive. */
const BLOCKED: ReadonlySet<State> = new Set<State>(["unverified", "expired", "frozenFull"]);
const AMOUNT = 100n; // within the unfrozen part of a partially frozen holder

function sender(f: AssetsFixture, state: State): HardhatEthersSigner {
  return { verified: f.alice, unverified: f.dave, expired: f.eve, frozenFull: f.carol, frozenPartial: f.frank }[state];
}

describe("AssetToken transfer matrix (sender state × recipient state)", function () {
  for (const fromState of STATES) {
    for (const toState of STATES) {
      const outcome = BLOCKED.has(fromState)
        ? "ERC7943CannotSend"
        : BLOCKED.has(toState)
          ? "ERC7943CannotReceive"
          : "succeeds";
      it(`${fromState} → ${toState}: ${outcome}`, async function () {
        const f = await loadFixture(deployAssetsFixture);
        const from = sender(f, fromState);
        const to = f.to[toState];
        expect(await f.token.canTransfer(from.address, to, AMOUNT)).to.equal(outcome === "succeeds");
        const tx = f.token.connect(from).transfer(to, AMOUNT);
        if (outcome === "succeeds") {
          await expect(tx).to.changeTokenBalances(f.token, [from.address, to], [-AMOUNT, AMOUNT]);
        } else if (outcome === "ERC7943CannotSend") {
          await expect(tx).to.be.revertedWithCustomError(f.token, outcome).withArgs(from.address);
        } else {
          await expect(tx).to.be.revertedWithCustomError(f.token, outcome).withArgs(to);
        }
      });
    }
  }

  it("the same matrix holds for transferFrom (spender approved, checks on from and to)", async function () {
    const f = await loadFixture(deployAssetsFixture);
    for (const fromState of STATES) {
      const from = sender(f, fromState);
      await f.token.connect(from).approve(f.outsider.address, HOLDING);
      for (const toState of STATES) {
        const to = f.to[toState];
        const tx = f.token.connect(f.outsider).transferFrom(from.address, to, 1n);
        if (BLOCKED.has(fromState)) await expect(tx).to.be.revertedWithCustomError(f.token, "ERC7943CannotSend");
        else if (BLOCKED.has(toState)) await expect(tx).to.be.revertedWithCustomError(f.token, "ERC7943CannotReceive");
        else await expect(tx).to.emit(f.token, "Transfer").withArgs(from.address, to, 1n);
      }
    }
  });

  it("a partially frozen sender can move exactly its unfrozen balance and not one share more", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const unfrozen = HOLDING - PARTIAL_FROZEN;
    expect(await f.token.canTransfer(f.frank.address, f.bob.address, unfrozen + 1n)).to.equal(false);
    await expect(f.token.connect(f.frank).transfer(f.bob.address, unfrozen + 1n))
      .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
      .withArgs(f.frank.address, unfrozen + 1n, unfrozen);
    expect(await f.token.canTransfer(f.frank.address, f.bob.address, unfrozen)).to.equal(true);
    await expect(f.token.connect(f.frank).transfer(f.bob.address, unfrozen)).to.changeTokenBalances(
      f.token,
      [f.frank, f.bob],
      [-unfrozen, unfrozen],
    );
    await expect(f.token.connect(f.frank).transfer(f.bob.address, 1n))
      .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
      .withArgs(f.frank.address, 1n, 0n);
    expect(await f.token.balanceOf(f.frank.address)).to.equal(PARTIAL_FROZEN);
    expect(await f.token.getFrozenTokens(f.frank.address)).to.equal(PARTIAL_FROZEN);
  });

  it("an amount above the whole balance reverts with the ERC-20 error, not the frozen one", async function () {
    const f = await loadFixture(deployAssetsFixture);
    await expect(f.token.connect(f.frank).transfer(f.bob.address, HOLDING + 1n))
      .to.be.revertedWithCustomError(f.token, "ERC20InsufficientBalance")
      .withArgs(f.frank.address, HOLDING, HOLDING + 1n);
  });

  it("a KYC that expires while holding stops both directions without any revocation (ERC-3643 #95)", async function () {
    const f = await loadFixture(deployAssetsFixture);
    expect(await f.registry.isVerified(f.eve.address)).to.equal(false);
    expect((await f.registry.identity(f.eve.address)).kycExpiry).to.not.equal(0n); // still registered
    expect(await f.token.canSend(f.eve.address)).to.equal(false);
    expect(await f.token.canReceive(f.eve.address)).to.equal(false);
    await expect(f.token.connect(f.eve).transfer(f.bob.address, 1n))
      .to.be.revertedWithCustomError(f.token, "ERC7943CannotSend")
      .withArgs(f.eve.address);
    await expect(f.token.connect(f.bob).transfer(f.eve.address, 1n))
      .to.be.revertedWithCustomError(f.token, "ERC7943CannotReceive")
      .withArgs(f.eve.address);
  });

  it("a self transfer by a verified holder leaves its balance and frozen amount", async function () {
    const f = await loadFixture(deployAssetsFixture);
    await expect(f.token.connect(f.frank).transfer(f.frank.address, 400n)).to.changeTokenBalance(f.token, f.frank, 0n);
    expect(await f.token.getFrozenTokens(f.frank.address)).to.equal(PARTIAL_FROZEN);
  });
});
