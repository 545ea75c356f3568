import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployRedemptionDesk } from "../../src/market/deploy";
import {
  burnReferenceOf,
  collectRedemptions,
  rejectRedemption,
  requestRedemption,
  requesterOf,
  settleRedemption,
} from "../../src/market/redemptions";
import { WINDOW, deployMarketFixture } from "./fixture";

const REF = ethers.encodeBytes32String("KG-BANK-ACC-0001");

async function requestFixture() {
  const f = await deployMarketFixture();
  await f.token.connect(f.exchange).approve(await f.desk.getAddress(), ethers.MaxUint256);
  return f;
}

describe("market: RedemptionDesk", function () {
  it("an eligible counterparty escrows its tokens and gets a request with a deadline; the event carries every detail", async function () {
    const f = await loadFixture(requestFixture);
    const desk = await f.desk.getAddress();
    const amount = 1_234_56n;
    const id = (1n << 160n) | BigInt(f.exchange.address);
    const tx = f.desk.connect(f.exchange).requestRedemption(amount, REF);
    await expect(tx).to.changeTokenBalances(f.token, [f.exchange, desk], [-amount, amount]);
    const deadline = BigInt(await time.latest()) + BigInt(WINDOW);
    await expect(tx).to.emit(f.desk, "RedemptionRequested").withArgs(id, f.exchange.address, amount, REF, deadline);
    expect(await f.desk.request(id)).to.deep.equal([f.exchange.address, amount, deadline, true]);
    expect(await f.desk.openRequestsOf(f.exchange.address)).to.deep.equal([id]);
    expect(requesterOf(id)).to.equal(f.exchange.address.toLowerCase());
  });

  it("settle burns exactly the escrow at par with the request id as the burn's reference", async function () {
    const f = await loadFixture(requestFixture);
    const amount = 50_000_00n;
    const { id } = await requestRedemption(
      f.desk.connect(f.exchange),
      f.token.connect(f.exchange),
      amount,
      "KG-BANK-ACC-0001",
    );
    const supply = await f.token.totalSupply();
    const tx = f.desk.connect(f.reserve).settle(id);
    await expect(tx).to.emit(f.desk, "RedemptionSettled").withArgs(id, amount);
    await expect(tx)
      .to.emit(f.token, "Burned")
      .withArgs(await f.desk.getAddress(), amount, burnReferenceOf(id));
    expect(await f.token.totalSupply()).to.equal(supply - amount);
    expect(await f.token.balanceOf(await f.desk.getAddress())).to.equal(0n);
    expect((await f.desk.request(id))[3]).to.equal(false);
    await expect(f.desk.connect(f.reserve).settle(id))
      .to.be.revertedWithCustomError(f.desk, "RedemptionDeskNotOpen")
      .withArgs(id);
    await expect(f.desk.connect(f.reserve).reject(id, 1)).to.be.revertedWithCustomError(
      f.desk,
      "RedemptionDeskNotOpen",
    );
  });

  it("reject refunds the whole escrow with a reason code", async function () {
    const f = await loadFixture(requestFixture);
    const amount = 777n;
    const { id } = await requestRedemption(f.desk.connect(f.exchange), f.token.connect(f.exchange), amount, "ACC");
    const tx = f.desk.connect(f.reserve).reject(id, 2);
    await expect(tx).to.emit(f.desk, "RedemptionRejected").withArgs(id, amount, 2);
    await expect(tx).to.changeTokenBalances(f.token, [f.exchange, await f.desk.getAddress()], [amount, -amount]);
    expect(await f.desk.openRequestsOf(f.exchange.address)).to.deep.equal([]);
  });

  it("two open requests per counterparty, in two lanes; ids stay unique as lanes are reused", async function () {
    const f = await loadFixture(requestFixture);
    const d = f.desk.connect(f.exchange);
    const t = f.token.connect(f.exchange);
    const a = await requestRedemption(d, t, 10n, "A");
    const b = await requestRedemption(d, t, 20n, "B");
    await expect(d.requestRedemption(30n, REF))
      .to.be.revertedWithCustomError(f.desk, "RedemptionDeskTooManyOpenRequests")
      .withArgs(f.exchange.address);
    expect(await f.desk.openRequestsOf(f.exchange.address)).to.deep.equal([a.id, b.id]);
    await settleRedemption(f.desk.connect(f.reserve), a.id);
    const c = await requestRedemption(d, t, 30n, "C"); // lane 0 again
    expect(c.id >> 160n).to.equal(3n);
    expect(await f.desk.openRequestsOf(f.exchange.address)).to.deep.equal([c.id, b.id]);
    await rejectRedemption(f.desk.connect(f.reserve), b.id, "Other");
    const e = await requestRedemption(d, t, 40n, "E"); // lane 1 again
    expect(e.id >> 160n).to.equal(4n);
    // a closed request whose lane was reused reads as unknown; the open ones read back
    expect(await f.desk.request(a.id)).to.deep.equal([f.exchange.address, 0n, 0n, false]);
    expect((await f.desk.request(e.id))[1]).to.equal(40n);
    expect((await f.desk.request(c.id))[1]).to.equal(30n);
    expect(await f.desk.request(f.exchange.address)).to.deep.equal([f.exchange.address, 0n, 0n, false]); // nonce 0
    const ids = new Set([a.id, b.id, c.id, e.id]);
    expect(ids.size).to.equal(4);
  });

  it("the second lane: closed once only, and an unknown id never closes it; at most two open requests", async function () {
    // (mutation testing: RedemptionDesk:comparison:L171:c07b5126, RedemptionDesk:constant:L171:7055fe3c,
    // RedemptionDesk:constant:L26:cee1977e)
    const f = await loadFixture(requestFixture);
    expect(await f.desk.MAX_OPEN_PER_REQUESTER()).to.equal(2n);
    const d = f.desk.connect(f.exchange);
    const t = f.token.connect(f.exchange);
    const a = await requestRedemption(d, t, 10n, "A"); // lane 0
    const b = await requestRedemption(d, t, 20n, "B"); // lane 1
    const unknown = (9n << 160n) | BigInt(f.exchange.address);
    await expect(f.desk.connect(f.reserve).settle(unknown))
      .to.be.revertedWithCustomError(f.desk, "RedemptionDeskNotOpen")
      .withArgs(unknown);
    expect(await f.desk.openRequestsOf(f.exchange.address)).to.deep.equal([a.id, b.id]);
    await settleRedemption(f.desk.connect(f.reserve), b.id);
    for (const again of [() => f.desk.connect(f.reserve).settle(b.id), () => f.desk.connect(f.reserve).reject(b.id, 1)])
      await expect(again()).to.be.revertedWithCustomError(f.desk, "RedemptionDeskNotOpen").withArgs(b.id);
    expect((await f.desk.request(a.id))[1]).to.equal(10n);
  });

  it("bounds are inclusive: the largest amount passes the desk's check, the longest window is accepted", async function () {
    // (mutation testing: RedemptionDesk:boundary:L73:bc10b1d7, RedemptionDesk:boundary:L182:f33dc7bc)
    const f = await loadFixture(requestFixture);
    const largest = (1n << 64n) - 1n; // more than anyone holds: the token refuses it, not the desk
    await expect(f.desk.connect(f.exchange).requestRedemption(largest, REF)).to.be.revertedWithCustomError(
      f.token,
      "ERC20InsufficientBalance",
    );
    const max = await f.desk.MAX_SETTLEMENT_WINDOW();
    await expect(f.desk.connect(f.reserve).setSettlementWindow(max)).to.emit(f.desk, "SettlementWindowSet");
    expect(await f.desk.settlementWindow()).to.equal(max);
  });

  it("overdue: visible by view once the deadline has passed, and in collectRedemptions", async function () {
    const f = await loadFixture(requestFixture);
    const a = await requestRedemption(f.desk.connect(f.exchange), f.token.connect(f.exchange), 100n, "A");
    const view0 = await collectRedemptions(f.desk);
    expect(view0.open.map((r) => r.id)).to.deep.equal([a.id]);
    expect(view0.overdue).to.deep.equal([]);
    expect(view0.openTotal).to.equal(100n);
    expect(await f.desk.isOverdue(a.id)).to.equal(false);
    const [, , deadline] = await f.desk.request(a.id);
    await time.increaseTo(deadline);
    expect(await f.desk.isOverdue(a.id)).to.equal(false);
    await time.increase(1);
    expect(await f.desk.isOverdue(a.id)).to.equal(true);
    const b = await requestRedemption(f.desk.connect(f.exchanger), f.token.connect(f.exchanger), 5n, "B");
    const view = await collectRedemptions(f.desk);
    expect(view.open.map((r) => [r.id, r.overdue])).to.deep.equal([
      [a.id, true],
      [b.id, false],
    ]);
    expect(view.overdue.map((r) => r.id)).to.deep.equal([a.id]);
    expect(view.overdue[0].bankAccountRef).to.equal(ethers.encodeBytes32String("A"));
    await settleRedemption(f.desk.connect(f.reserve), a.id);
    expect(await f.desk.isOverdue(a.id)).to.equal(false);
    expect((await collectRedemptions(f.desk)).open.map((r) => r.id)).to.deep.equal([b.id]);
  });

  it("only eligible counterparties may request: unlicensed, suspended and expired are refused", async function () {
    const f = await loadFixture(requestFixture);
    await f.token.connect(f.reserve).transfer(f.stranger.address, 1000n);
    await f.token.connect(f.stranger).approve(await f.desk.getAddress(), 1000n);
    await expect(f.desk.connect(f.stranger).requestRedemption(10n, REF))
      .to.be.revertedWithCustomError(f.desk, "RedemptionDeskNotEligible")
      .withArgs(f.stranger.address);
    await f.registry.suspend(f.exchange.address, ethers.ZeroHash);
    await expect(f.desk.connect(f.exchange).requestRedemption(10n, REF)).to.be.revertedWithCustomError(
      f.desk,
      "RedemptionDeskNotEligible",
    );
    await f.registry.reinstate(f.exchange.address, ethers.ZeroHash);
    await time.increaseTo((await f.registry.counterparty(f.exchange.address)).licenceExpiry);
    await expect(f.desk.connect(f.exchange).requestRedemption(10n, REF)).to.be.revertedWithCustomError(
      f.desk,
      "RedemptionDeskNotEligible",
    );
  });

  it("a request made while eligible can still be settled or rejected after a suspension", async function () {
    const f = await loadFixture(requestFixture);
    const a = await requestRedemption(f.desk.connect(f.exchange), f.token.connect(f.exchange), 100n, "A");
    await f.registry.suspend(f.exchange.address, ethers.ZeroHash);
    await expect(f.desk.connect(f.reserve).reject(a.id, 3)).to.emit(f.desk, "RedemptionRejected");
  });

  it("refuses zero, too large and unfunded amounts", async function () {
    const f = await loadFixture(requestFixture);
    const d = f.desk.connect(f.exchange);
    await expect(d.requestRedemption(0n, REF)).to.be.revertedWithCustomError(f.desk, "RedemptionDeskZeroAmount");
    await expect(d.requestRedemption(1n << 64n, REF))
      .to.be.revertedWithCustomError(f.desk, "RedemptionDeskAmountTooLarge")
      .withArgs(1n << 64n);
    await expect(d.requestRedemption(10n ** 9n, REF)).to.be.revertedWithCustomError(
      f.token,
      "ERC20InsufficientBalance",
    );
    await f.token.connect(f.exchanger).approve(await f.desk.getAddress(), 5n);
    await expect(f.desk.connect(f.exchanger).requestRedemption(6n, REF)).to.be.revertedWithCustomError(
      f.token,
      "ERC20InsufficientAllowance",
    );
  });

  it("only the reserve settles, rejects and sets the window; the window is bounded and applies to new requests", async function () {
    const f = await loadFixture(requestFixture);
    const a = await requestRedemption(f.desk.connect(f.exchange), f.token.connect(f.exchange), 100n, "A");
    for (const p of [
      () => f.desk.connect(f.exchange).settle(a.id),
      () => f.desk.connect(f.exchange).reject(a.id, 1),
      () => f.desk.connect(f.exchange).setSettlementWindow(1),
    ]) {
      await expect(p()).to.be.revertedWithCustomError(f.desk, "RedemptionDeskNotReserve").withArgs(f.exchange.address);
    }
    await expect(f.desk.connect(f.reserve).setSettlementWindow(0))
      .to.be.revertedWithCustomError(f.desk, "RedemptionDeskInvalidWindow")
      .withArgs(0);
    const max = await f.desk.MAX_SETTLEMENT_WINDOW();
    await expect(f.desk.connect(f.reserve).setSettlementWindow(max + 1n)).to.be.revertedWithCustomError(
      f.desk,
      "RedemptionDeskInvalidWindow",
    );
    await expect(f.desk.connect(f.reserve).setSettlementWindow(3600))
      .to.emit(f.desk, "SettlementWindowSet")
      .withArgs(WINDOW, 3600);
    expect(await f.desk.settlementWindow()).to.equal(3600n);
    const b = await requestRedemption(f.desk.connect(f.exchange), f.token.connect(f.exchange), 100n, "B");
    expect((await f.desk.request(b.id))[2]).to.equal(BigInt(await time.latest()) + 3600n);
    expect((await f.desk.request(a.id))[2]).to.equal((await f.desk.request(a.id))[2]); // unchanged
  });

  it("constructor refuses zero addresses and a bad window", async function () {
    const f = await loadFixture(requestFixture);
    const t = await f.token.getAddress();
    const r = await f.registry.getAddress();
    const z = ethers.ZeroAddress;
    const D = await ethers.getContractFactory("RedemptionDesk");
    for (const [tok, reg, res] of [
      [z, r, f.reserve.address],
      [t, z, f.reserve.address],
      [t, r, z],
    ]) {
      await expect(
        deployRedemptionDesk({ deployer: f.admin, token: tok, registry: reg, reserve: res }),
      ).to.be.revertedWithCustomError(D, "RedemptionDeskZeroAddress");
    }
    await expect(
      deployRedemptionDesk({
        deployer: f.admin,
        token: t,
        registry: r,
        reserve: f.reserve.address,
        settlementWindow: 0,
      }),
    ).to.be.revertedWithCustomError(D, "RedemptionDeskInvalidWindow");
  });

  it("a stablecoin that returns false is caught (TokenCallFailed)", async function () {
    const f = await loadFixture(requestFixture);
    const fake = await ethers.deployContract("FalseReturningTokenMock");
    const desk = await deployRedemptionDesk({
      deployer: f.admin,
      token: await fake.getAddress(),
      registry: await f.registry.getAddress(),
      reserve: f.reserve.address,
    });
    await expect(desk.connect(f.exchange).requestRedemption(1n, REF)).to.be.revertedWithCustomError(
      desk,
      "RedemptionDeskTokenCallFailed",
    );
    await fake.setReturn(true);
    await desk.connect(f.exchange).requestRedemption(1n, REF);
    await fake.setReturn(false);
    const id = (1n << 160n) | BigInt(f.exchange.address);
    await expect(desk.connect(f.reserve).reject(id, 1)).to.be.revertedWithCustomError(
      desk,
      "RedemptionDeskTokenCallFailed",
    );
  });

  it("storage layout (pinned): ERC-7201 namespace; window at the base; one word of two 128-bit lanes per requester", async function () {
    const f = await loadFixture(requestFixture);
    const base = BigInt("0xb2f95896410466fc95d7fb6c3a93deb6818dbed96d203aef6e24b6f229651700");
    const inner = BigInt(ethers.keccak256(ethers.toUtf8Bytes("som.storage.RedemptionDesk"))) - 1n;
    expect(BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [inner]))) & ~0xffn).to.equal(
      base,
    );
    const desk = await f.desk.getAddress();
    expect(BigInt(await ethers.provider.getStorage(desk, base))).to.equal(BigInt(WINDOW));
    const a = await requestRedemption(f.desk.connect(f.exchange), f.token.connect(f.exchange), 11n, "A");
    const b = await requestRedemption(f.desk.connect(f.exchange), f.token.connect(f.exchange), 22n, "B");
    const slot = ethers.keccak256(
      ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [f.exchange.address, base + 1n]),
    );
    const [, , da] = await f.desk.request(a.id);
    const [, , db] = await f.desk.request(b.id);
    const lane = (nonce: bigint, deadline: bigint, amount: bigint) => (nonce << 96n) | (deadline << 64n) | amount;
    expect(BigInt(await ethers.provider.getStorage(desk, slot))).to.equal(
      lane(1n, da, 11n) | (lane(2n, db, 22n) << 128n),
    );
  });
});
