import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DECIMALS,
  HOLDER_BALANCE,
  MAX_RESERVE_AGE,
  SOM_RESERVES,
  callPermit,
  deployStablecoinFixture,
  inOneHour,
  role,
  tokenSettings,
  NAME,
} from "./fixture";
import { stablecoinInitArgs } from "../../src/stablecoin/deploy";
import {
  randomAuthorizationNonce,
  signCancelAuthorization as signCancel,
  signPermit,
  signTransferWithAuthorization,
} from "../../src/stablecoin/signatures";
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
    const args = stablecoinInitArgs(admin.address, 0, tokenSettings(reserve.address, await feed.getAddress()));
    const implementation = await upgrades.erc1967.getImplementationAddress(await token.getAddress());
    const impl = await ethers.getContractAt("SomStablecoin", implementation);
    await expect(impl.initialize(...args)).to.be.revertedWithCustomError(impl, "InvalidInitialization");
    await expect(token.initialize(...args)).to.be.revertedWithCustomError(token, "InvalidInitialization");
  });

  it("initialize takes the admin, then the delay, then the settings; rejects a zero reserve, feed or max age, and a zero admin", async function () {
    const { admin, reserve, feed } = await loadFixture(deployStablecoinFixture);
    const factory = await ethers.getContractFactory("SomStablecoin");
    const fragment = factory.interface.getFunction("initialize")!;
    expect(fragment.inputs.map((i) => i.name)).to.deep.equal(["admin", "adminTransferDelay", "settings"]);
    const settings = tokenSettings(reserve.address, await feed.getAddress());
    const deploy = (a: string, s: typeof settings) =>
      upgrades.deployProxy(factory, stablecoinInitArgs(a, 0, s), { kind: "uups" });
    await expect(deploy(admin.address, { ...settings, reserve: ethers.ZeroAddress })).to.be.revertedWithCustomError(
      factory,
      "SomStablecoinInvalidReserve",
    );
    await expect(deploy(admin.address, { ...settings, reserveFeed: ethers.ZeroAddress })).to.be.revertedWithCustomError(
      factory,
      "SomStablecoinInvalidReserveFeed",
    );
    await expect(deploy(admin.address, { ...settings, maxReserveAge: 0 })).to.be.revertedWithCustomError(
      factory,
      "SomStablecoinInvalidMaxReserveAge",
    );
    await expect(deploy(ethers.ZeroAddress, settings)).to.be.revertedWithCustomError(
      factory,
      "AccessControlInvalidDefaultAdmin",
    );
  });

  it("upgrading to a compatible V2 keeps balances, roles, nonces, authorizations, freezes, allowances, reserves and the supply controller", async function () {
    const { token, controller, upgrader, alice, bob, carol, relayer, minter, compliance, domain } =
      await loadFixture(deployStablecoinFixture);
    const args = { owner: alice.address, spender: bob.address, value: 7n, deadline: await inOneHour() };
    await callPermit(token, relayer, args, await signPermit(alice, domain, { ...args, nonce: 0n }), "vrs");
    const auth = {
      from: bob.address,
      to: carol.address,
      value: 3n,
      validAfter: 0n,
      validBefore: await inOneHour(),
      nonce: randomAuthorizationNonce(),
    };
    const authSig = await signTransferWithAuthorization(bob, domain, auth);
    await token
      .connect(relayer)
      ["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"](
        auth.from,
        auth.to,
        auth.value,
        auth.validAfter,
        auth.validBefore,
        auth.nonce,
        authSig.v,
        authSig.r,
        authSig.s,
      );
    await token.connect(compliance).freeze(carol.address);
    const before = {
      supply: await token.totalSupply(),
      reserve: await token.balanceOf(await token.reserve()),
      snapshot: await token.reserveSnapshot(),
      separator: await token.DOMAIN_SEPARATOR(),
    };

    const v2 = (await upgrades.upgradeProxy(
      token,
      (await ethers.getContractFactory("SomStablecoinV2Mock")).connect(upgrader),
      {
        kind: "uups",
      },
    )) as unknown as SomStablecoinV2Mock;
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
    expect(await v2.supplyController()).to.equal(await controller.getAddress());
    expect(await v2.DOMAIN_SEPARATOR()).to.equal(before.separator);
    expect(await v2.hasRole(role("UPGRADER_ROLE"), upgrader.address)).to.equal(true);
    expect(await v2.name()).to.equal(NAME);
    // and it still works
    await controller.connect(minter).mint(1n);
    await v2.connect(alice).transfer(bob.address, 1n);
  });

  it("the upgrades plugin rejects a V2 whose namespaced storage clashes", async function () {
    const { token, upgrader } = await loadFixture(deployStablecoinFixture);
    const bad = (await ethers.getContractFactory("SomStablecoinStorageClashMock")).connect(upgrader);
    const implementation = await upgrades.erc1967.getImplementationAddress(await token.getAddress());
    expect(await rejection(upgrades.validateUpgrade(token, bad, { kind: "uups" }))).to.match(
      /Upgraded `totalSupply` to an incompatible type/,
    );
    expect(await rejection(upgrades.upgradeProxy(token, bad, { kind: "uups" }))).to.match(
      /New storage layout is incompatible/,
    );
    expect(await upgrades.erc1967.getImplementationAddress(await token.getAddress())).to.equal(implementation);
  });

  it("the upgrades plugin accepts an upgrade from the layout before postDatedAsOf (packed into the feed slot's unused bytes)", async function () {
    const previous = await ethers.getContractFactory("SomStablecoinPreviousLayoutMock");
    await upgrades.validateUpgrade(previous, await ethers.getContractFactory("SomStablecoin"), { kind: "uups" });
  });

  describe("storage layout (ERC-7201, namespace som.storage.SomStablecoin)", function () {
    it("the slot constant is the ERC-7201 formula", async function () {
      const inner = BigInt(ethers.id("som.storage.SomStablecoin")) - 1n;
      const outer = BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [inner])));
      expect(ethers.toBeHex(outer & ~0xffn, 32)).to.equal(STORAGE_SLOT);
    });

    it("a balance word holds the balance in its low bits and the frozen flag in bit 255", async function () {
      const { token, compliance, alice } = await loadFixture(deployStablecoinFixture);
      const slot = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [alice.address, STORAGE_SLOT]),
      );
      const read = async () => BigInt(await ethers.provider.getStorage(await token.getAddress(), slot));
      expect(await read()).to.equal(HOLDER_BALANCE);
      await token.connect(compliance).freeze(alice.address);
      expect(await read()).to.equal((1n << 255n) | HOLDER_BALANCE);
    });

    it("slot +2 packs the pause flag (bit 0), the reserves (120 bits) and the total supply (128 bits); +3 packs the reserve, as-of, max age and decimals; +4 is the supply controller, +5 packs the feed and the post-dated as-of", async function () {
      const { token, controller, feed, pauser } = await loadFixture(deployStablecoinFixture);
      const at = async (offset: bigint) =>
        BigInt(await ethers.provider.getStorage(await token.getAddress(), BigInt(STORAGE_SLOT) + offset));
      const [reserves, asOf, maxAge] = await token.reserveSnapshot();
      expect(await at(2n)).to.equal(0n | (reserves << 8n) | ((await token.totalSupply()) << 128n));
      await token.connect(pauser).pause();
      expect((await at(2n)) & 0xffn).to.equal(1n);
      const word3 = await at(3n);
      expect(ethers.getAddress(ethers.toBeHex(word3 & ((1n << 160n) - 1n), 20))).to.equal(await token.reserve());
      expect((word3 >> 160n) & ((1n << 40n) - 1n)).to.equal(asOf);
      expect((word3 >> 200n) & ((1n << 40n) - 1n)).to.equal(maxAge);
      expect(word3 >> 240n).to.equal(BigInt(DECIMALS));
      expect(maxAge).to.equal(BigInt(MAX_RESERVE_AGE));
      expect(ethers.getAddress(ethers.toBeHex(await at(4n), 20))).to.equal(await controller.getAddress());
      expect(ethers.getAddress(ethers.toBeHex(await at(5n), 20))).to.equal(await feed.getAddress());
      // a post-dated report: its own as-of in bits 160..223 of the feed slot, the block in the cache
      const postDated = BigInt(await time.latest()) + 120n;
      await feed.setReport(SOM_RESERVES, reserves, postDated);
      await token.syncReserves();
      const word5 = await at(5n);
      expect(ethers.getAddress(ethers.toBeHex(word5 & ((1n << 160n) - 1n), 20))).to.equal(await feed.getAddress());
      expect(word5 >> 160n).to.equal(postDated);
      expect(((await at(3n)) >> 160n) & ((1n << 40n) - 1n)).to.equal(BigInt(await time.latest()));
      // an honest report clears it
      await feed.setReport(SOM_RESERVES, reserves, postDated + 1n);
      await time.setNextBlockTimestamp(postDated + 1n);
      await token.syncReserves();
      expect((await at(5n)) >> 160n).to.equal(0n);
    });

    it("+6 nonces and +7 authorization states are mappings; +8 is the name hash, +9 the name, +10 the symbol", async function () {
      const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
      const address = await token.getAddress();
      const base = BigInt(STORAGE_SLOT);
      const at = async (slot: bigint | string) => BigInt(await ethers.provider.getStorage(address, slot));
      const coder = ethers.AbiCoder.defaultAbiCoder();
      const args = { owner: alice.address, spender: bob.address, value: 7n, deadline: await inOneHour() };
      await callPermit(token, relayer, args, await signPermit(alice, domain, { ...args, nonce: 0n }), "vrs");
      expect(await at(ethers.keccak256(coder.encode(["address", "uint256"], [alice.address, base + 6n])))).to.equal(1n);
      const nonce = randomAuthorizationNonce();
      await token
        .connect(bob)
        ["cancelAuthorization(address,bytes32,bytes)"](
          bob.address,
          nonce,
          (await signCancel(bob, domain, { authorizer: bob.address, nonce })).signature,
        );
      const inner = ethers.keccak256(coder.encode(["address", "uint256"], [bob.address, base + 7n]));
      expect(await at(ethers.keccak256(coder.encode(["bytes32", "bytes32"], [nonce, inner])))).to.equal(1n);
      expect(ethers.toBeHex(await at(base + 8n), 32)).to.equal(ethers.id(NAME));
      // short strings: the bytes left-aligned, the length times two in the last byte
      const short = (text: string) =>
        BigInt(ethers.zeroPadBytes(ethers.toUtf8Bytes(text), 32)) | BigInt(text.length * 2);
      expect(await at(base + 9n)).to.equal(short(NAME));
      expect(await at(base + 10n)).to.equal(short(await token.symbol()));
    });
  });
});
