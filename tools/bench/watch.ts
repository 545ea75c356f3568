/**
 * Benchmark of the watcher's catch-up (not part of the gas suite), `npx hardhat run scripts/bench-watch.ts`:
 * starts a `hardhat node` on a free loopback port, deploys the system there with the deployment code, builds a
 * history of 10,000 blocks holding `events` system actions (default 1,000; `hardhat_mine` between them): mints by
 * the minter, freezes by the compliance key, UNEXPECTED guard announcements by an owner and stablecoin leaving the
 * reserve Safe through the custody flow. Then times `watch --once` from the deployment's first block through the
 * library function (src/watch/cli.ts, in this process, alerts collected): target ≤ 10 s. Exit code 1 when missed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { getAddress, id } from "ethers";
import { localAccountWallet } from "../../src/chain/localKeys";
import { proposeSignExecute } from "../../src/custody/flow";
import { announceCalls } from "../../src/guard/announcements";
import { watchCommand } from "../../src/watch/cli";
import type { Alert } from "../../src/watch/alert";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { SomSupplyController__factory } from "../../typechain-types/factories/contracts/stablecoin/SomSupplyController__factory";
import type { Printer } from "../command";
import { onLocalNode } from "./node";
import type { BenchRun } from "./node";
import { deployAttested } from "./system";

export interface WatchBenchOptions extends BenchRun {
  /** System actions in the history (default 1,000). */
  events: number;
}

/** The options of `scripts/bench-watch.ts`: BENCH_EVENTS (default 1,000), BENCH_KEEP=1 keeps the folder. */
export function watchBenchOptions(project: string, env: NodeJS.ProcessEnv): WatchBenchOptions {
  return {
    project,
    script: "scripts/bench-watch.ts",
    events: Number(env.BENCH_EVENTS ?? 1000),
    keep: env.BENCH_KEEP === "1",
  };
}

const BLOCKS = 10_000;
const TARGET_S = 10;

/** Deploys into `root` and builds the history; returns the number of actions of each kind. */
async function buildHistory(hre: HardhatRuntimeEnvironment, root: string, o: WatchBenchOptions, out: Printer) {
  const provider = hre.ethers.provider;
  const t0 = Date.now();
  const { records, at, signers } = await deployAttested(hre, o.project, root);
  const controller = SomSupplyController__factory.connect(at("SomSupplyController"), signers[7]);
  const officer = SomStablecoin__factory.connect(at("SomStablecoin"), signers[8]);
  const coinIface = SomStablecoin__factory.createInterface();
  const start = await provider.getBlockNumber();
  const gap = Math.max(1, Math.floor((BLOCKS - 1) / o.events) - 1);
  const counts = { mint: 0, freeze: 0, announce: 0, outflow: 0 };
  for (let i = 0; i < o.events; i++) {
    const kind = i % 10;
    if (kind < 4) {
      await (await controller.mint(1_000_00n)).wait();
      counts.mint += 1;
    } else if (kind < 7) {
      await (await officer.freeze(getAddress(id(`bench-frozen-${i}`).slice(0, 42)))).wait();
      counts.freeze += 1;
    } else if (kind < 9) {
      const data = coinIface.encodeFunctionData("setMaxReserveAge", [86_400 + i]);
      await announceCalls(localAccountWallet(1).connect(provider), at("ReserveGuard"), at("ReserveSafe"), [
        { to: at("SomStablecoin"), value: 0n, data, operation: 0 },
      ]);
      counts.announce += 1;
    } else {
      await proposeSignExecute({
        provider,
        executor: signers[0],
        safe: at("ReserveSafe"),
        records,
        calls: [{ action: "distribute", contract: "SomStablecoin", args: [signers[9].address, "2000.00"] }],
        custodians: [localAccountWallet(1), localAccountWallet(2)],
      });
      counts.outflow += 1;
    }
    await provider.send("hardhat_mine", [`0x${gap.toString(16)}`]);
  }
  const head = await provider.getBlockNumber();
  if (head - start < BLOCKS) await provider.send("hardhat_mine", [`0x${(BLOCKS - (head - start)).toString(16)}`]);
  const built = await provider.getBlockNumber();
  const took = ((Date.now() - t0) / 1000).toFixed(1);
  out.log(
    `history: ${o.events} actions (${counts.mint} mints, ${counts.freeze} freezes, ${counts.announce} announcements, ` +
      `${counts.outflow} Safe transfers out) over blocks ${start}-${built}; built in ${took} s`,
  );
  return counts;
}

/** Inner run (on `--network localhost`): build the history, time one `watch --once` from the first block. */
async function inner(hre: HardhatRuntimeEnvironment, o: WatchBenchOptions, out: Printer): Promise<number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-bench-watch-"));
  const counts = await buildHistory(hre, root, o, out);
  const config = path.join(root, "watch.json");
  fs.writeFileSync(
    config,
    JSON.stringify({ confirmations: 0, proposalsDir: path.join(root, "proposals"), outflowAlertAmount: "100000" }),
  );
  const alerts: Alert[] = [];
  const saved = process.env.SOM_DEPLOYMENTS_ROOT;
  process.env.SOM_DEPLOYMENTS_ROOT = root;
  const t = Date.now();
  try {
    await watchCommand({ network: "localhost", once: true, config }, o.project, {
      out: (l) => alerts.push(JSON.parse(l) as Alert),
      err: () => undefined,
      env: {},
    });
  } finally {
    if (saved === undefined) delete process.env.SOM_DEPLOYMENTS_ROOT;
    else process.env.SOM_DEPLOYMENTS_ROOT = saved;
  }
  const s = (Date.now() - t) / 1000;
  const by: Record<string, number> = {};
  for (const a of alerts) by[a.rule] = (by[a.rule] ?? 0) + 1;
  out.log(
    `watch --once catch-up: ${s.toFixed(2)} s (target ≤ ${TARGET_S} s): ${alerts.length} alerts ` +
      `(${Object.entries(by)
        .map(([r, n]) => `${r} ${n}`)
        .join(", ")})`,
  );
  const expected: Record<string, number> = {
    mint: counts.mint,
    freeze: counts.freeze,
    "guard.announced": counts.announce,
    "reserve.outflow": counts.outflow,
  };
  const wrong = Object.entries(expected).filter(([r, n]) => (by[r] ?? 0) < n);
  if (o.keep) out.log(`kept ${root}`);
  else fs.rmSync(root, { recursive: true, force: true });
  if (wrong.length > 0)
    throw new Error(`alerts missing: ${wrong.map(([r, n]) => `${r} ${by[r] ?? 0}/${n}`).join(", ")}`);
  if (s > TARGET_S) {
    out.error(`MISSED: ${s.toFixed(2)} s > ${TARGET_S} s`);
    return 1;
  }
  return 0;
}

/** The benchmark: on `localhost` the inner run, else a node of its own and this script against it. */
export function benchWatch(hre: HardhatRuntimeEnvironment, o: WatchBenchOptions, out: Printer): Promise<number> {
  return onLocalNode(hre, o, (h) => inner(h, o, out));
}
