/**
 * Model-based property of the RedemptionDesk (fixed seed, printed; FC_SEED / FC_NUM_RUNS override):
 * random sequences of requests, settlements, rejections, time jumps and plain (stray) transfers into
 * the desk by two counterparties and a stranger. After every step the desk holds exactly the sum of
 * the open requests plus the stray transfers (so at least the open escrow; the surplus never moves:
 * the desk has no function that sends more than a request's amount), the supply fell by exactly the
 * settled amounts (at par, no fee), every request id is new, each open request reads back as the
 * model has it, and overdue is exactly "open and past its deadline".
 */
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { assertProperty, runSettings } from "../invariants/harness";
import { deployMarketFixture } from "./fixture";

type Op =
  | { kind: "request"; who: 0 | 1; amount: bigint }
  | { kind: "settle" | "reject"; pick: number }
  | { kind: "wait"; seconds: number }
  | { kind: "stray"; who: 0 | 1 | 2; amount: bigint };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("request" as const),
    who: fc.constantFrom(0 as const, 1 as const),
    amount: fc.bigInt({ min: 1n, max: 1_000_000n }),
  }),
  fc.record({ kind: fc.constantFrom("settle" as const, "reject" as const), pick: fc.nat(7) }),
  fc.record({ kind: fc.constant("wait" as const), seconds: fc.integer({ min: 1, max: 4 * 24 * 3600 }) }),
  // a plain ERC-20 transfer into the desk (not a request): stray, never escrow
  fc.record({
    kind: fc.constant("stray" as const),
    who: fc.constantFrom(0 as const, 1 as const, 2 as const),
    amount: fc.bigInt({ min: 1n, max: 1_000n }),
  }),
);

async function fixture() {
  const f = await deployMarketFixture();
  for (const s of [f.exchange, f.exchanger])
    await f.token.connect(s).approve(await f.desk.getAddress(), ethers.MaxUint256);
  await f.token.connect(f.reserve).transfer(f.stranger.address, 10n ** 6n);
  return f;
}

describe("market: RedemptionDesk property (balance = open escrow + stray transfers, burns at par, unique ids)", function () {
  it("holds for random request / settle / reject / wait / stray-transfer sequences", async function () {
    const settings = runSettings({ seed: 1812, numRuns: 12, maxCommands: 14 });
    await assertProperty(
      "desk",
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: settings.maxCommands }), async (ops) => {
        const f = await loadFixture(fixture);
        const who = [f.exchange, f.exchanger];
        const desk = await f.desk.getAddress();
        const supply0 = await f.token.totalSupply();
        const open = new Map<bigint, { amount: bigint; deadline: bigint; who: number }>();
        const seen = new Set<bigint>();
        let settled = 0n;
        let stray = 0n;
        for (const o of ops) {
          if (o.kind === "request") {
            const mine = [...open.values()].filter((r) => r.who === o.who).length;
            const call = f.desk.connect(who[o.who]).requestRedemption(o.amount, ethers.ZeroHash);
            if (mine === 2) {
              await expect(call).to.be.revertedWithCustomError(f.desk, "RedemptionDeskTooManyOpenRequests");
              continue;
            }
            const receipt = await (await call).wait();
            const ev = receipt?.logs
              .map((l) => f.desk.interface.parseLog(l))
              .find((p) => p?.name === "RedemptionRequested");
            const id = ev?.args.id as bigint;
            expect(seen.has(id), "request ids are never reused").to.equal(false);
            seen.add(id);
            open.set(id, { amount: o.amount, deadline: ev?.args.deadline as bigint, who: o.who });
          } else if (o.kind === "wait") {
            await time.increase(o.seconds);
          } else if (o.kind === "stray") {
            await (await f.token.connect([f.exchange, f.exchanger, f.stranger][o.who]).transfer(desk, o.amount)).wait();
            stray += o.amount;
          } else {
            const ids = [...open.keys()];
            const id = ids.length === 0 ? (9n << 160n) | BigInt(f.exchange.address) : ids[o.pick % ids.length];
            const call =
              o.kind === "settle" ? f.desk.connect(f.reserve).settle(id) : f.desk.connect(f.reserve).reject(id, 4);
            if (ids.length === 0) {
              await expect(call).to.be.revertedWithCustomError(f.desk, "RedemptionDeskNotOpen");
              continue;
            }
            await (await call).wait();
            if (o.kind === "settle") settled += open.get(id)?.amount ?? 0n;
            open.delete(id);
          }
          const now = BigInt(await time.latest());
          const escrow = [...open.values()].reduce((s, r) => s + r.amount, 0n);
          // the desk's balance is the open escrow plus the stray transfers: at least the escrow, never less
          const balance = await f.token.balanceOf(desk);
          expect(balance >= escrow, "desk balance >= sum of open requests (escrow)").to.equal(true);
          expect(balance, "desk balance = escrow + stray transfers").to.equal(escrow + stray);
          expect(await f.token.totalSupply(), "supply fell by exactly the settled amounts").to.equal(supply0 - settled);
          for (const [id, r] of open) {
            expect(await f.desk.request(id)).to.deep.equal([
              ethers.getAddress(ethers.toBeHex(id & ((1n << 160n) - 1n), 20)),
              r.amount,
              r.deadline,
              true,
            ]);
            expect(await f.desk.isOverdue(id)).to.equal(now > r.deadline);
          }
        }
      }),
      settings,
      "test/market/desk.property.test.ts",
    );
  });

  it("a plain transfer into the desk is stray surplus: balance exceeds the open escrow by it, and settle and reject never move it", async function () {
    const f = await loadFixture(fixture);
    const desk = await f.desk.getAddress();
    const requestId = async (amount: bigint): Promise<bigint> => {
      const receipt = await (await f.desk.connect(f.exchange).requestRedemption(amount, ethers.ZeroHash)).wait();
      const ev = receipt?.logs.map((l) => f.desk.interface.parseLog(l)).find((p) => p?.name === "RedemptionRequested");
      return ev?.args.id as bigint;
    };
    const a = await requestId(700n);
    const b = await requestId(300n);
    await (await f.token.connect(f.stranger).transfer(desk, 55n)).wait();
    expect(await f.token.balanceOf(desk), "escrow 1,000 + stray 55").to.equal(1_055n);
    const refunded = await f.token.balanceOf(f.exchange.address);
    await (await f.desk.connect(f.reserve).settle(a)).wait();
    await (await f.desk.connect(f.reserve).reject(b, 4)).wait();
    // every request closed: the escrow is zero, the stray 55 stays (no function of the desk sends it)
    expect(await f.desk.openRequestsOf(f.exchange.address)).to.deep.equal([]);
    expect(await f.token.balanceOf(desk), "only the stray transfer is left").to.equal(55n);
    expect(await f.token.balanceOf(f.exchange.address), "the refund is the request's amount").to.equal(refunded + 300n);
  });
});
