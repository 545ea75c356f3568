/**
 * Property: the guard's MultiSendCallOnly parser accepts a batch exactly when it is a well-formed sequence of
 * CALL entries (the TypeScript decoder of src/safe/multisend.ts as the independent statement) and refuses every
 * other one, and for a well-formed batch finds a
 * self-call exactly when one entry targets the Safe. Batches are generated well formed, then mutated
 * (truncated, extended, an operation byte changed).
 */
import { expect } from "chai";
import fc from "fast-check";
import hre from "hardhat";
import { Interface, Wallet, ZeroAddress, concat, dataLength, hexlify, id, solidityPacked } from "ethers";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { decodeMultiSendCall } from "../../src/safe/multisend";
import { guardFixture } from "./fixture";

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 13_2026;
const RUNS = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : 60;
const SAFE = new Wallet(id("property-safe")).address; // plays the Safe (no announcements, no rule)
const TARGETS = [new Wallet(id("t1")).address, new Wallet(id("t2")).address, SAFE];
const MULTISEND = new Interface(["function multiSend(bytes)"]);

describe("ReserveGuard batch parser (property)", function () {
  it(`accepts exactly the well-formed CALL batches, and refuses one with a self-call (seed ${SEED}, ${RUNS} runs)`, async function () {
    console.log(`      FC_SEED=${SEED} FC_NUM_RUNS=${RUNS}`);
    const fx = await loadFixture(guardFixture);
    const iface = fx.guard.interface;
    const entry = fc.record({
      op: fc.constantFrom(0, 0, 0, 1, 2),
      to: fc.constantFrom(...TARGETS),
      value: fc.bigInt({ min: 0n, max: 10n ** 18n }),
      data: fc.uint8Array({ maxLength: 40 }),
    });
    const mutation = fc.oneof(
      fc.constant({ kind: "none" as const, n: 0 }),
      fc.record({ kind: fc.constantFrom("truncate" as const, "extend" as const), n: fc.integer({ min: 1, max: 90 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 4 }), mutation, async (entries, m) => {
        let packed = concat([
          "0x",
          ...entries.map((e) =>
            solidityPacked(
              ["uint8", "address", "uint256", "uint256", "bytes"],
              [e.op, e.to, e.value, e.data.length, hexlify(e.data)],
            ),
          ),
        ]);
        if (m.kind === "truncate") packed = packed.slice(0, Math.max(2, packed.length - 2 * m.n));
        if (m.kind === "extend") packed = concat([packed, `0x${"00".repeat(m.n)}`]);
        const data = MULTISEND.encodeFunctionData("multiSend", [packed]);
        let decoded: { to: string; operation: number }[] | undefined;
        try {
          decoded = dataLength(packed) === 0 ? [] : decodeMultiSendCall(data);
        } catch {
          decoded = undefined;
        }
        const wellFormed = decoded !== undefined && decoded.every((c) => c.operation === 0);
        const call = iface.encodeFunctionData("checkTransaction", [
          fx.infra.multiSendCallOnly,
          0n,
          data,
          1,
          0n,
          0n,
          0n,
          ZeroAddress,
          ZeroAddress,
          "0x",
          ZeroAddress,
        ]);
        let error: string | undefined;
        try {
          await hre.ethers.provider.call({ from: SAFE, to: fx.guardAddress, data: call });
        } catch (e) {
          const revertData = (e as { data?: string }).data ?? "0x";
          error = iface.parseError(revertData)?.name ?? "unknown";
        }
        // a malformed batch is refused (by MalformedBatch, or earlier by an unannounced self-call entry before the
        // defect)
        if (!wellFormed) expect(error).to.be.oneOf(["MalformedBatch", "CallNotAnnounced"]);
        else if (decoded?.some((c) => c.to === SAFE)) expect(error).to.equal("CallNotAnnounced");
        else expect(error).to.equal(undefined);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
