import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { IERC7943Fungible__factory } from "../../typechain-types";
import { deployAssetsFixture, HOLDING, PARTIAL_FROZEN } from "./fixture";

/** The fungible interface's functions as the ERC-7943 draft (ethereum/ERCs 0981419f) lists them. */
const SPEC_FUNCTIONS = [
  "forcedTransfer(address,address,uint256)",
  "setFrozenTokens(address,uint256)",
  "canSend(address)",
  "canReceive(address)",
  "getFrozenTokens(address)",
  "canTransfer(address,address,uint256)",
];
const SPEC_INTERFACE_ID = "0x3edbb4c4";

function interfaceIdOf(signatures: string[]): string {
  let id = 0n;
  for (const s of signatures) id ^= BigInt(ethers.id(s).slice(0, 10));
  return "0x" + id.toString(16).padStart(8, "0");
}

describe("AssetToken ERC-7943 (uRWA) interface", function () {
  it("the fungible interface id computed from the draft's functions is 0x3edbb4c4", function () {
    expect(interfaceIdOf(SPEC_FUNCTIONS)).to.equal(SPEC_INTERFACE_ID);
  });

  it("our IERC7943Fungible declares exactly the draft's functions, events and errors", function () {
    const iface = IERC7943Fungible__factory.createInterface();
    const functions: string[] = [];
    iface.forEachFunction((f) => functions.push(f.format("sighash")));
    const own = functions.filter((f) => f !== "supportsInterface(bytes4)");
    expect(own.sort()).to.deep.equal([...SPEC_FUNCTIONS].sort());
    expect(interfaceIdOf(own)).to.equal(SPEC_INTERFACE_ID);
    const events: string[] = [];
    iface.forEachEvent((e) => events.push(e.format("sighash")));
    expect(events.sort()).to.deep.equal(["ForcedTransfer(address,address,uint256)", "Frozen(address,uint256)"]);
    const errors = iface.fragments.filter((f) => f.type === "error").map((f) => f.format("sighash"));
    expect(errors.sort()).to.deep.equal(
      [
        "ERC7943CannotReceive(address)",
        "ERC7943CannotSend(address)",
        "ERC7943CannotTransfer(address,address,uint256)",
        "ERC7943InsufficientUnfrozenBalance(address,uint256,uint256)",
      ].sort(),
    );
  });

  it("supportsInterface: ERC-7943 fungible, ERC-20, ERC-165, AccessControl; not others", async function () {
    const { token } = await loadFixture(deployAssetsFixture);
    expect(await token.supportsInterface(SPEC_INTERFACE_ID)).to.equal(true);
    expect(await token.supportsInterface("0x36372b07")).to.equal(true); // ERC-20
    expect(await token.supportsInterface("0x01ffc9a7")).to.equal(true); // ERC-165
    expect(await token.supportsInterface("0x7965db0b")).to.equal(true); // IAccessControl
    expect(await token.supportsInterface("0xbf1ef5fe")).to.equal(false); // ERC-7943 non-fungible
    expect(await token.supportsInterface("0xffffffff")).to.equal(false);
  });

  it("canSend / canReceive: verified and not fully frozen (the reserve always)", async function () {
    const { token, alice, carol, dave, eve, frank, reserve } = await loadFixture(deployAssetsFixture);
    for (const [who, allowed] of [
      [alice, true],
      [frank, true], // partial freeze is quantitative: canTransfer's business
      [reserve, true],
      [carol, false],
      [dave, false],
      [eve, false],
    ] as const) {
      expect(await token.canSend(who.address)).to.equal(allowed);
      expect(await token.canReceive(who.address)).to.equal(allowed);
    }
  });

  it("canTransfer: false when paused, and above the unfrozen balance", async function () {
    const { token, pauser, alice, bob, frank } = await loadFixture(deployAssetsFixture);
    expect(await token.canTransfer(alice.address, bob.address, HOLDING)).to.equal(true);
    expect(await token.canTransfer(alice.address, bob.address, HOLDING + 1n)).to.equal(false);
    expect(await token.canTransfer(frank.address, bob.address, HOLDING - PARTIAL_FROZEN)).to.equal(true);
    await token.connect(pauser).pause();
    expect(await token.canTransfer(alice.address, bob.address, 1n)).to.equal(false);
  });

  it("setFrozenTokens overwrites, emits Frozen, returns true, and may exceed the balance (draft: MUST allow)", async function () {
    const { token, enforcer, alice, bob } = await loadFixture(deployAssetsFixture);
    const e = token.connect(enforcer);
    expect(await e.setFrozenTokens.staticCall(alice.address, 10n)).to.equal(true);
    await expect(e.setFrozenTokens(alice.address, HOLDING * 3n))
      .to.emit(token, "Frozen")
      .withArgs(alice.address, HOLDING * 3n);
    expect(await token.getFrozenTokens(alice.address)).to.equal(HOLDING * 3n);
    await expect(token.connect(alice).transfer(bob.address, 1n))
      .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
      .withArgs(alice.address, 1n, 0n);
    await expect(e.setFrozenTokens(alice.address, 0n)).to.emit(token, "Frozen").withArgs(alice.address, 0n);
    await token.connect(alice).transfer(bob.address, HOLDING);
    const tooLarge = 1n << 120n;
    await expect(e.setFrozenTokens(alice.address, tooLarge))
      .to.be.revertedWithCustomError(token, "AssetTokenFrozenAmountTooLarge")
      .withArgs(tooLarge);
    await expect(e.setFrozenTokens(alice.address, tooLarge - 1n)).to.emit(token, "Frozen");
  });

  it("a frozen amount above the balance withholds future receipts", async function () {
    const { token, enforcer, alice, bob } = await loadFixture(deployAssetsFixture);
    await token.connect(enforcer).setFrozenTokens(alice.address, HOLDING + 50n);
    await token.connect(bob).transfer(alice.address, 80n);
    // balance 1080, frozen 1050: only 30 spendable
    await expect(token.connect(alice).transfer(bob.address, 31n))
      .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
      .withArgs(alice.address, 31n, 30n);
    await token.connect(alice).transfer(bob.address, 30n);
  });
});
