import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { makeReport, registryFixture, signWith } from "./fixture";
import type { RegistryFixture } from "./fixture";
import type { Report } from "../../src/attestation/report";

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 4_2026;
const RUNS = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : 25;
const WINDOW = 86_400n; // AttestationRegistry.BOUND_WINDOW
const SUBJECT_MAX_AGE = 30n * 86_400n;

/**
 * The per-report rule stated independently: a report accepted `dt` seconds after the previous one may
 * move the value by at most old * bps * min(dt, WINDOW) / (10000 * WINDOW) (exact integer comparison).
 */
function withinBound(oldValue: bigint, newValue: bigint, bps: number, dt: bigint): boolean {
  const change = newValue > oldValue ? newValue - oldValue : oldValue - newValue;
  const scaled = dt > WINDOW ? WINDOW : dt;
  return change * 10_000n * WINDOW <= oldValue * BigInt(bps) * scaled;
}

async function submit(f: RegistryFixture, report: Report) {
  const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
  return f.registry.submitReport(report, signers, signatures);
}

/** Accepts through M off-chain signatures or M on-chain approvals; the accepting transaction lands at `at`. */
async function accept(f: RegistryFixture, report: Report, onChain: boolean, at: bigint): Promise<boolean> {
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => true,
      (err: Error) => {
        expect(err.message).to.contain("AttestationValueChangeOutOfBounds");
        return false;
      },
    );
  if (!onChain) {
    await time.setNextBlockTimestamp(at);
    return outcome(submit(f, report));
  }
  await time.setNextBlockTimestamp(at - 1n);
  await f.registry.connect(f.base[0]).approveReport(report);
  await time.setNextBlockTimestamp(at);
  return outcome(
    f.registry
      .connect(f.base[1])
      .approveReport(report)
      .then((tx) => tx.wait()),
  );
}

describe("attestation: change bound (property)", function () {
  it(`accepts a move exactly when |new - old| * 10000 <= old * maxChangeBps after a full window (seed ${SEED}, ${RUNS} runs)`, async function () {
    console.log(`      fast-check seed ${SEED}, ${RUNS} runs`);
    const f = await loadFixture(registryFixture);
    let n = 0;
    const value = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: (1n << 190n) - 1n }));
    await fc.assert(
      fc.asyncProperty(
        value,
        fc.integer({ min: -5_000, max: 5_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        async (oldValue, deltaBps, bps) => {
          // new values cluster around the bound: old moved by deltaBps basis points, plus a unit of noise
          const newValue = oldValue + (oldValue * BigInt(deltaBps)) / 10_000n + BigInt(deltaBps % 2);
          const target = newValue < 0n ? 0n : newValue;
          const subject = ethers.encodeBytes32String(`PROP-${n++}`);
          await f.registry.connect(f.admin).configureSubject(subject, SUBJECT_MAX_AGE, bps, ethers.ZeroAddress);
          const first = await makeReport({ subject, value: oldValue });
          await submit(f, first);
          const at = BigInt(await time.latest()) + WINDOW;
          const second = await makeReport({ subject, value: target, asOf: at - 1n });
          const accepted = await accept(f, second, false, at);
          expect(accepted, `old ${oldValue} new ${target} bps ${bps}`).to.equal(
            withinBound(oldValue, target, bps, WINDOW),
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`holds over time against any sequence of reports, signed or approved on chain (seed ${SEED}, ${RUNS} runs)`, async function () {
    console.log(`      fast-check seed ${SEED}, ${RUNS} runs`);
    const f = await loadFixture(registryFixture);
    let n = 0;
    const step = fc.record({
      // mostly short gaps (the attack: many reports close together), sometimes a full window or more
      dt: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 3 * 86_400 })),
      // the attackers ask for up to twice the per-report bound, in either direction
      moveBps: fc.integer({ min: -2, max: 2 }).chain((sign) => fc.constant(sign)),
      greed: fc.double({ min: 0, max: 1, noNaN: true }),
      onChain: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 15n }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (start, bps, steps) => {
          const subject = ethers.encodeBytes32String(`SEQ-${n++}`);
          await f.registry.connect(f.admin).configureSubject(subject, SUBJECT_MAX_AGE, bps, ethers.ZeroAddress);
          const first = await makeReport({ subject, value: start });
          await submit(f, first);
          const history: { value: bigint; at: bigint }[] = [{ value: start, at: BigInt(await time.latest()) }];
          for (const s of steps) {
            const last = history[history.length - 1];
            const latest = BigInt(await time.latest());
            const at = last.at + BigInt(s.dt) > latest + 2n ? last.at + BigInt(s.dt) : latest + 2n;
            const dt = at - last.at;
            // aim at the edge of what the per-report bound allows after dt (times greed, up to 2x, either way)
            const edge = (last.value * BigInt(bps) * (dt > WINDOW ? WINDOW : dt)) / (10_000n * WINDOW);
            const asked = (edge * BigInt(Math.round(s.greed * 2_000))) / 1_000n;
            const target =
              s.moveBps < 0
                ? last.value > asked
                  ? last.value - asked
                  : 0n
                : last.value + (s.moveBps === 0 ? 0n : asked);
            const report = await makeReport({ subject, value: target, asOf: at - 2n });
            const accepted = await accept(f, report, s.onChain, at);
            expect(accepted, `old ${last.value} new ${target} bps ${bps} dt ${dt}`).to.equal(
              withinBound(last.value, target, bps, dt),
            );
            if (accepted) history.push({ value: target, at });
          }
          // the over-time guarantee (docs/attestation.md) for every pair of accepted reports j < k
          const b = bps / 10_000;
          for (let j = 0; j < history.length; j++) {
            for (let k = j + 1; k < history.length; k++) {
              const ratio = Number(history[k].value) / Number(history[j].value);
              const windows = Number(history[k].at - history[j].at) / Number(WINDOW);
              expect(ratio, `up ${j}->${k}`).to.be.at.most(Math.exp(b * windows) * (1 + 1e-12));
              expect(ratio, `down ${j}->${k}`).to.be.at.least(Math.exp((-b / (1 - b)) * windows) * (1 - 1e-12));
            }
            if (j > 0) {
              const step1 = Number(history[j].value) / Number(history[j - 1].value);
              expect(Math.abs(step1 - 1), `one report ${j}`).to.be.at.most(b * (1 + 1e-12));
            }
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("closes the review's attacks: 25 signed reports one second apart, 5 approval rounds (10% bound)", async function () {
    const f = await loadFixture(registryFixture);
    const subject = ethers.encodeBytes32String("ATTACK-SIG");
    await f.registry.connect(f.admin).configureSubject(subject, SUBJECT_MAX_AGE, 1_000, ethers.ZeroAddress);
    await submit(f, await makeReport({ subject, value: 1_000_000n }));
    let value = 1_000_000n;
    for (let i = 0; i < 25; i++) {
      const at = BigInt(await time.latest()) + 1n;
      // the old per-report bound allowed +10% each time; now one second allows old * 10% / 86400
      const greedy = await makeReport({ subject, value: (value * 110n) / 100n, asOf: at - 1n });
      expect(await accept(f, greedy, false, at)).to.equal(false);
      const allowed = value + (value * 1_000n * 2n) / (10_000n * WINDOW);
      const ok = await makeReport({ subject, value: allowed, asOf: at });
      expect(await accept(f, ok, false, at + 1n)).to.equal(true);
      value = allowed;
    }
    expect(value).to.be.lessThan(1_000_100n); // was 10,834,682

    const approved = ethers.encodeBytes32String("ATTACK-APPROVE");
    await f.registry.connect(f.admin).configureSubject(approved, SUBJECT_MAX_AGE, 1_000, ethers.ZeroAddress);
    await submit(f, await makeReport({ subject: approved, value: 100n }));
    for (let i = 0; i < 5; i++) {
      const at = BigInt(await time.latest()) + 2n;
      const up = await makeReport({ subject: approved, value: 110n, asOf: at - 2n });
      expect(await accept(f, up, true, at)).to.equal(false);
    }
    expect((await f.registry.latestReport(approved))[0]).to.equal(100n); // was 160
  });
});
