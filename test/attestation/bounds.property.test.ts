import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { MAX_AGE, makeReport, registryFixture, signWith } from "./fixture";
import type { RegistryFixture } from "./fixture";
import type { Report } from "../../src/attestation/report";

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 4_2026;
const RUNS = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : 25;

/** The bound rule stated independently: |new - old| * 10000 <= old * bps. */
function withinBound(oldValue: bigint, newValue: bigint, bps: number): boolean {
  const change = newValue > oldValue ? newValue - oldValue : oldValue - newValue;
  return change * 10_000n <= oldValue * BigInt(bps);
}

async function submit(f: RegistryFixture, report: Report) {
  const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
  return f.registry.submitReport(report, signers, signatures);
}

describe("attestation: change bound (property)", function () {
  it(`accepts a move exactly when |new - old| * 10000 <= old * maxChangeBps (seed ${SEED}, ${RUNS} runs)`, async function () {
    const f = await loadFixture(registryFixture);
    let n = 0;
    const value = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: (1n << 200n) - 1n }));
    await fc.assert(
      fc.asyncProperty(value, fc.integer({ min: -5_000, max: 5_000 }), fc.integer({ min: 1, max: 65_535 }), async (oldValue, deltaBps, bps) => {
        // new values cluster around the bound: old moved by deltaBps basis points, plus a unit of noise
        const newValue = oldValue + (oldValue * BigInt(deltaBps)) / 10_000n + BigInt(deltaBps % 2);
        const target = newValue < 0n ? 0n : newValue;
        const subject = ethers.encodeBytes32String(`PROP-${n++}`);
        await f.registry.connect(f.admin).configureSubject(subject, MAX_AGE, bps, ethers.ZeroAddress);
        const first = await makeReport({ subject, value: oldValue });
        await submit(f, first);
        const second = await makeReport({ subject, value: target, asOf: first.asOf + 1n });
        const accepted = await submit(f, second).then(
          () => true,
          (err: Error) => {
            expect(err.message).to.contain("AttestationValueChangeOutOfBounds");
            return false;
          },
        );
        expect(accepted, `old ${oldValue} new ${target} bps ${bps}`).to.equal(withinBound(oldValue, target, bps));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
