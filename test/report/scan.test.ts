/**
 * The event scanner against a fake provider: bounded ranges, halving a range the node refuses, a
 * timeout on every call, and the cache (a rerun asks only for new blocks; a changed block hash
 * discards it). No chain needed.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Provider } from "ethers";
import { RpcTimeoutError } from "../../src/chain/timeout";
import { compact, renderChart } from "../../src/report/chart";
import { scanLogs } from "../../src/chain/scan";

interface Call {
  from: number;
  to: number;
}

function fakeProvider(o: { head: number; maxRange?: number; hang?: boolean; hashSalt?: string }) {
  const calls: Call[] = [];
  const provider = {
    getLogs: async (f: { fromBlock: number; toBlock: number }) => {
      if (o.hang) return new Promise(() => undefined);
      if (o.maxRange && f.toBlock - f.fromBlock + 1 > o.maxRange)
        throw new Error("query returned more than 10000 results / block range too large");
      calls.push({ from: f.fromBlock, to: f.toBlock });
      const logs = [];
      for (let b = f.fromBlock; b <= f.toBlock; b++) {
        if (b % 10 === 0)
          logs.push({
            address: "0x0000000000000000000000000000000000000001",
            topics: ["0x01"],
            data: "0x",
            blockNumber: b,
            transactionHash: `0x${b.toString(16)}`,
            index: 0,
          });
      }
      return logs;
    },
    getBlock: async (n: number) => ({ number: n, timestamp: 1_000 + n, hash: `0x${o.hashSalt ?? "a"}${n}` }),
    getTransaction: async () => null,
  };
  return { provider: provider as unknown as Provider, calls };
}

const base = {
  chainId: 31337,
  addresses: ["0x0000000000000000000000000000000000000001"],
  topics: ["0x01"],
  fromBlock: 1,
};

describe("report: the event scanner", function () {
  it("reads in ranges of at most rangeSize blocks, covering every block once", async function () {
    const { provider, calls } = fakeProvider({ head: 100 });
    const r = await scanLogs({ ...base, provider, toBlock: 100, rangeSize: 30 });
    expect(calls).to.deep.equal([
      { from: 1, to: 30 },
      { from: 31, to: 60 },
      { from: 61, to: 90 },
      { from: 91, to: 100 },
    ]);
    expect(r.logs.map((l) => l.blockNumber)).to.deep.equal([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(r.timestamps.get(50)).to.equal(1050);
  });

  it("halves a range the node refuses", async function () {
    const { provider, calls } = fakeProvider({ head: 100, maxRange: 20 });
    const r = await scanLogs({ ...base, provider, toBlock: 100, rangeSize: 64 });
    expect(calls.every((c) => c.to - c.from + 1 <= 20)).to.equal(true);
    expect(r.logs).to.have.length(10);
  });

  it("gives up with a one-line timeout error when the node does not answer", async function () {
    const { provider } = fakeProvider({ head: 100, hang: true });
    const err = await scanLogs({ ...base, provider, toBlock: 100, timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(RpcTimeoutError);
    expect((err as Error).message).to.match(/^reading events of blocks 1-100: no answer within/);
  });

  it("caches: a rerun asks only for new blocks; another chain at the same height starts over", async function () {
    const cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "som-scan-")), "c.json");
    const one = fakeProvider({ head: 100 });
    (await scanLogs({ ...base, provider: one.provider, toBlock: 100, cacheFile })).save();
    const two = fakeProvider({ head: 130 });
    const r2 = await scanLogs({ ...base, provider: two.provider, toBlock: 130, cacheFile });
    r2.save();
    expect(two.calls).to.deep.equal([{ from: 101, to: 130 }]);
    expect(r2.logs).to.have.length(13);
    const other = fakeProvider({ head: 130, hashSalt: "b" });
    const r3 = await scanLogs({ ...base, provider: other.provider, toBlock: 130, cacheFile });
    expect(other.calls[0]).to.deep.equal({ from: 1, to: 130 });
    expect(r3.cachedToBlock).to.equal(0);
    const moved = fakeProvider({ head: 130 });
    await scanLogs({
      ...base,
      addresses: ["0x0000000000000000000000000000000000000002"],
      provider: moved.provider,
      toBlock: 130,
      cacheFile,
    });
    expect(moved.calls[0].from, "other addresses: another cache key").to.equal(1);
  });
});

describe("report: the chart", function () {
  it("abbreviates axis values and draws nothing for an empty history", function () {
    expect(compact(1_250_000)).to.equal("1.25M");
    expect(compact(980_000)).to.equal("980k");
    expect(compact(2_000_000_000)).to.equal("2B");
    expect(compact(12.5)).to.equal("12.5");
    expect(renderChart([], { tokenDecimals: 2, valueDecimals: 2, tokenSymbol: "KGSC" })).to.contain("No history yet");
  });

  it("draws a single point without dividing by zero", function () {
    const svg = renderChart(
      [{ blockNumber: 5, timestamp: 100, reserves: "100", totalSupply: "50", circulating: "40" }],
      { tokenDecimals: 2, valueDecimals: 2, tokenSymbol: "KGSC" },
    );
    expect(svg).to.not.contain("NaN").and.not.contain("Infinity");
    expect(svg).to.contain('data-block="5"');
  });
});
