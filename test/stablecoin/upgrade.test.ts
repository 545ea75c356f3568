import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  DECIMALS, HOLDER_BALANCE, MAX_RESERVE_AGE, NAME, SYMBOL, callPermit, deployStablecoinFixture, inOneHour, role,
} from "./fixture";
import { randomAuthorizationNonce, signPermit, signTransferWithAuthorization } from "../../src/stablecoin/signatures";
import type { SomStablecoinV2Mock } from "../../typechain-types";

/** The message a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error("expected a rejection");
}

const STORAGE_SLOT = "0x563d2db404e75968d1f343ff7a9cae166c594f4d919a5ba405b91dcc44892800";

describe("stablecoin: upgrades", function () {
  it("the implementation's constructor disables initializers; the proxy initializes once", async function () {
    const { token, admin, reserve, feed } = await loadFixture(deployStablecoinFixture);
    const args = [NAME, SYMBOL, DECIMALS, admin.address, 0, reserve.address, await feed.getAddress(), 1] as const;
    const implementation = await upgrades.erc1967.getImplementationAddress(await token.getAddress());
    const impl = await ethers.getContractAt("SomStablecoin", implementation);
    await expect(impl.initialize(...args)).to.be.revertedWithCustomError(impl, "InvalidInitialization");
    await expect(token.initialize(...args)).to.be.revertedWithCustomError(token, "InvalidInitialization");
  });

  it("initialize rejects a zero reserve, feed or max age, and a zero admin", async function () {
    const { admin, reserve, feed } = await loadFixture(deployStablecoinFixture);
    const factory = await ethers.getContractFactory("SomStablecoin");
    const f = await feed.getAddress();
    const deploy = (args: unknown[]) => upgrades.deployProxy(factory, args, { kind: "uups" });
    await expect(deploy([NAME, SYMBOL, 2, admin.address, 0, ethers.ZeroAddress, f, 1])).to.be.revertedWithCustomError(
      factory, "SomStablecoinInvalidReserve");
    await expect(deploy([NAME, SYMBOL, 2, admin.address, 0, reserve.address, ethers.ZeroAddress, 1])).to.be.revertedWithCustomError(
      factory, "SomStablecoinInvalidReserveFeed");
    await expect(deploy([NAME, SYMBOL, 2, admin.address, 0, reserve.address, f, 0])).to.be.revertedWithCustomError(
      factory, "SomStablecoinInvalidMaxReserveAge");
    await expect(deploy([NAME, SYMBOL, 2, ethers.ZeroAddress, 0, reserve.address, f, 1])).to.be.revertedWithCustomError(
      factory, "AccessControlInvalidDefaultAdmin");
  });

  it("upgrading to a compatible V2 keeps balances, roles, nonces, authorizations, freezes, allowances and reserves", async function () {
    const { token, upgrader, alice, bob, carol, relayer, minter, compliance, domain } = await loadFixture(deployStablecoinFixture);
    const args = { owner: alice.address, spender: bob.address, value: 7n, deadline: await inOneHour() };
    await callPermit(token, relayer, args, await signPermit(alice, domain, { ...args, nonce: 0n }), "vrs");
    const auth = {
      from: bob.address, to: carol.address, value: 3n, validAfter: 0n, validBefore: await inOneHour(),
      nonce: randomAuthorizationNonce(),
    };
    const authSig = await signTransferWithAuthorization(bob, domain, auth);
    await token.connect(relayer)[
      "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"
    ](auth.from, auth.to, auth.value, auth.validAfter, auth.validBefore, auth.nonce, authSig.v, authSig.r, authSig.s);
    await token.connect(compliance).freeze(carol.address);
    const before = {
      supply: await token.totalSupply(),
      reserve: await token.balanceOf(await token.reserve()),
      snapshot: await token.reserveSnapshot(),
      minterAllowance: await token.minterAllowance(minter.address),
      separator: await token.DOMAIN_SEPARATOR(),
    };

    const v2 = (await upgrades.upgradeProxy(token, (await ethers.getContractFactory("SomStablecoinV2Mock")).connect(upgrader), {
      kind: "uups",
    })) as unknown as SomStablecoinV2Mock;
    expect(await v2.version()).to.equal("2");
    expect(await v2.getAddress()).to.equal(await token.getAddress());
    expect(await v2.balanceOf(alice.address)).to.equal(HOLDER_BALANCE);
    expect(await v2.balanceOf(carol.address)).to.equal(3n);
    expect(await v2.isFrozen(carol.address)).to.equal(true);
    expect(await v2.totalSupply()).to.equal(before.supply);
    expect(await v2.balanceOf(await v2.reserve())).to.equal(before.reserve);
    expect(await v2.allowance(alice.address, bob.address)).to.equal(7n);
    expect(await v2.nonces(alice.address)).to.equal(1n);
    expect(await v2.authorizationState(bob.address, auth.nonce)).to.equal(true);
    expect(await v2.reserveSnapshot()).to.deep.equal(before.snapshot);
    expect(await v2.minterAllowance(minter.address)).to.equal(before.minterAllowance);
    expect(await v2.DOMAIN_SEPARATOR()).to.equal(before.separator);
    expect(await v2.hasRole(role("UPGRADER_ROLE"), upgrader.address)).to.equal(true);
    expect(await v2.hasRole(role("MINTER_ROLE"), minter.address)).to.equal(true);
    expect(await v2.name()).to.equal(NAME);
    // and it still works
    await v2.connect(minter).mint(1n);
    await v2.connect(alice).transfer(bob.address, 1n);
  });

  it("the upgrades plugin rejects a V2 whose namespaced storage clashes", async function () {
    const { token, upgrader } = await loadFixture(deployStablecoinFixture);
    const bad = (await ethers.getContractFactory("SomStablecoinStorageClashMock")).connect(upgrader);
    const implementation = await upgrades.erc1967.getImplementationAddress(await token.getAddress());
    expect(await rejection(upgrades.validateUpgrade(token, bad, { kind: "uups" }))).to.match(
      /Upgraded `totalSupply` to an incompatible type/,
    );
    expect(await rejection(upgrades.upgradeProxy(token, bad, { kind: "uups" }))).to.match(/New storage layout is incompatible/);
    expect(await upgrades.erc1967.getImplementationAddress(await token.getAddress())).to.equal(implementation);
  });

  describe("storage layout (ERC-7201, namespace som.storage.SomStablecoin)", function () {
    it("the slot constant is the ERC-7201 formula", async function () {
      const inner = BigInt(ethers.id("som.storage.SomStablecoin")) - 1n;
      const outer = BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [inner])));
      expect(ethers.toBeHex(outer & ~0xffn, 32)).to.equal(STORAGE_SLOT);
    });

    it("a balance word holds the balance in its low bits and the frozen flag in bit 255", async function () {
      const { token, compliance, alice } = await loadFixture(deployStablecoinFixture);
      const slot = ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [alice.address, STORAGE_SLOT]));
      const read = async () => BigInt(await ethers.provider.getStorage(await token.getAddress(), slot));
      expect(await read()).to.equal(HOLDER_BALANCE);
      await token.connect(compliance).freeze(alice.address);
      expect(await read()).to.equal((1n << 255n) | HOLDER_BALANCE);
    });

    it("slot +2 packs total supply (128 bits), the pause flag and decimals; +3 is the reserve; +4 caches the reserve report", async function () {
      const { token, pauser } = await loadFixture(deployStablecoinFixture);
      const at = async (offset: bigint) =>
        BigInt(await ethers.provider.getStorage(await token.getAddress(), BigInt(STORAGE_SLOT) + offset));
      await token.connect(pauser).pause();
      const word = await at(2n);
      expect(word & ((1n << 128n) - 1n)).to.equal(await token.totalSupply());
      expect((word >> 128n) & 0xffn).to.equal(1n);
      expect((word >> 136n) & 0xffn).to.equal(BigInt(DECIMALS));
      expect(ethers.getAddress(ethers.toBeHex(await at(3n), 20))).to.equal(await token.reserve());
      const [reserves, asOf, maxAge] = await token.reserveSnapshot();
      expect(await at(4n)).to.equal(reserves | (asOf << 128n) | (maxAge << 192n));
      expect(maxAge).to.equal(BigInt(MAX_RESERVE_AGE));
    });
  });
});
