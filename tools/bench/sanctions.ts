/**
 * Benchmark of sanctions screening (not part of the gas suite), `npx hardhat run scripts/bench-sanctions.ts`:
 * starts a `hardhat node` on a free loopback port, deploys the system there with the deployment code, builds a
 * history of 100,000 blocks holding BENCH_HOLDERS holders (default 200: a distribution to the licensed bank, then
 * its payments) and BENCH_FROZEN freezes (default 50), writes a CSV list of 10,000 entries (the frozen ones, the
 * holders, and fresh addresses), then times the screening over JSON-RPC (src/sanctions/screen.ts): a first run with
 * no scan cache (target ≤ 10 s) and a rerun (its cursor: only new blocks). Exit code 1 when the target is missed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { getAddress, id } from "ethers";
import { localAccountWallet } from "../../src/chain/localKeys";
import { proposeSignExecute } from "../../src/custody/flow";
import { readSanctionsList } from "../../src/sanctions/lists";
import { screen } from "../../src/sanctions/screen";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { SomSupplyController__factory } from "../../typechain-types/factories/contracts/stablecoin/SomSupplyController__factory";
import type { Printer } from "../command";
import { onLocalNode } from "./node";
import type { BenchRun } from "./node";
import { deployAttested } from "./system";

export interface SanctionsBenchOptions extends BenchRun {
  /** Accounts paid by the licensed bank before the screening (default 200). */
  holders: number;
  /** Accounts frozen before the screening (default 50). */
  frozen: number;
}

const BLOCKS = 100_000;
const ENTRIES = 10_000;
const TARGET_S = 10;

/** Deploys into `root`, builds the history; returns the list file and what it should find. */
async function buildHistory(hre: HardhatRuntimeEnvironment, root: string, o: SanctionsBenchOptions, out: Printer) {
  const provider = hre.ethers.provider;
  const t0 = Date.now();
  const { records, at, signers } = await deployAttested(hre, o.project, root);
  const coin = SomStablecoin__factory.connect(at("SomStablecoin"), signers[7]);
  const controller = SomSupplyController__factory.connect(at("SomSupplyController"), signers[7]);
  await (await controller.mint(1_000_000_00n)).wait();
  const bank = signers[9];
  await proposeSignExecute({
    provider,
    executor: signers[0],
    safe: at("ReserveSafe"),
    records,
    calls: [{ action: "distribute", contract: "SomStablecoin", args: [bank.address, "500000.00"] }],
    custodians: [localAccountWallet(1), localAccountWallet(2)],
  });
  const holders = Array.from({ length: o.holders }, (_, i) => getAddress(id(`bench-holder-${i}`).slice(0, 42)));
  const frozen = Array.from({ length: o.frozen }, (_, i) => getAddress(id(`bench-frozen-${i}`).slice(0, 42)));
  const gap = Math.floor(BLOCKS / (o.holders + o.frozen / 50 + 1));
  for (const h of holders) {
    await (await coin.connect(bank).transfer(h, 1_00n)).wait();
    await provider.send("hardhat_mine", [`0x${gap.toString(16)}`]);
  }
  const officer = coin.connect(signers[8]);
  for (let i = 0; i < frozen.length; i += 50) await (await officer.freezeBatch(frozen.slice(i, i + 50))).wait();
  const head = await provider.getBlockNumber();
  if (head < BLOCKS) await provider.send("hardhat_mine", [`0x${(BLOCKS - head).toString(16)}`]);
  const fresh = ENTRIES - holders.length - frozen.length;
  const listed = [
    ...frozen,
    ...holders,
    ...Array.from({ length: fresh }, (_, i) => getAddress(id(`bench-new-${i}`).slice(0, 42))),
  ];
  const file = path.join(root, "bench-list.csv");
  fs.writeFileSync(
    file,
    ["address,list,entryId,date", ...listed.map((a, i) => `${a},BENCH,${i},2026-12-01`)].join("\n"),
  );
  out.log(
    `history: ${await provider.getBlockNumber()} blocks, ${holders.length} holders, ${frozen.length} frozen; ` +
      `list of ${listed.length} entries; built in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return {
    file,
    coin: at("SomStablecoin"),
    coinBlock: records.find((r) => r.name === "SomStablecoin")?.blockNumber ?? 0,
    registry: at("CounterpartyRegistry"),
    expected: { frozen: frozen.length, toFreeze: ENTRIES - frozen.length },
  };
}

async function inner(hre: HardhatRuntimeEnvironment, o: SanctionsBenchOptions, out: Printer): Promise<number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-bench-sanctions-"));
  const h = await buildHistory(hre, root, o, out);
  const run = async (label: string) => {
    const t = Date.now();
    const lists = [readSanctionsList(h.file)];
    const diff = await screen({
      provider: hre.ethers.provider,
      stablecoin: { address: h.coin, blockNumber: h.coinBlock },
      registry: h.registry,
      lists,
      cacheFile: path.join(root, "scan.json"),
    });
    const s = (Date.now() - t) / 1000;
    out.log(
      `${label}: ${s.toFixed(2)} s (${diff.toFreeze.length} to freeze, ${diff.alreadyFrozen.length} already frozen, ` +
        `blocks 0-${diff.block})`,
    );
    if (diff.alreadyFrozen.length !== h.expected.frozen || diff.toFreeze.length !== h.expected.toFreeze)
      throw new Error(`the diff found ${diff.alreadyFrozen.length} frozen / ${diff.toFreeze.length} to freeze`);
    return s;
  };
  const first = await run(`screening ${ENTRIES} entries, no scan cache (target ≤ ${TARGET_S} s)`);
  await run("rerun with the scan's cursor");
  if (o.keep) out.log(`kept ${root}`);
  else fs.rmSync(root, { recursive: true, force: true });
  if (first > TARGET_S) {
    out.error(`MISSED: ${first.toFixed(2)} s > ${TARGET_S} s`);
    return 1;
  }
  return 0;
}

/** The benchmark: on `localhost` the inner run, else a node of its own and this script against it. */
export function benchSanctions(hre: HardhatRuntimeEnvironment, o: SanctionsBenchOptions, out: Printer) {
  return onLocalNode(hre, o, (h) => inner(h, o, out));
}
