/**
 * `npm run watch -- --network <name> [--from-block N] [--once] [--config <file>] [--webhook <url>]...`: follows the
 * deployment of deployments/<network>/ on its node and delivers alerts (./follower.ts); `--once` reads up to the
 * last confirmed block and exits (cron, CI). SIGINT / SIGTERM stop it between two alerts, state saved, exit 0.
 */
import path from "node:path";
import { JsonRpcProvider, Network } from "ethers";
import type { ParsedOptions } from "../chain/cli";
import { UserError } from "../chain/errors";
import { selectNetwork } from "../chain/network";
import { rpcUrlOf } from "../chain/networks";
import { integerOption, stringOption } from "../chain/options";
import { deploymentsDir, readRecords, recordsRoot } from "../chain/records";
import { readWatchConfig, resolveSettings } from "./config";
import { watchContext } from "./context";
import { processSinks } from "./deliver";
import type { Sinks } from "./deliver";
import { follow } from "./follower";
import { loadState, saveState } from "./state";

export const WATCH_USAGE =
  "npm run watch -- --network <name> [--from-block N] [--once] [--config <file>] [--webhook <url>]...";

export const WATCH_HELP = [
  "Follows the reserve on chain (the records of deployments/<network>/) and prints one JSON alert per line on",
  "stdout (schema som-watch-alert/1, docs/watch.md) and a readable line on stderr; posts each alert to the",
  "webhooks, signed with X-Som-Signature (HMAC-SHA256, secret from SOM_WATCH_WEBHOOK_SECRET or the config's",
  "secretEnv). The cursor and delivered alerts are kept in deployments/<network>/.som/watch-state.json: a",
  "restart resumes.",
  "",
  "  --network <name>   localhost or a public network of hardhat.config.ts (default: HARDHAT_NETWORK)",
  "  --from-block <N>   read from block N (default: after the saved cursor, else the deployment's first block)",
  "  --once             read up to the last confirmed block, then exit (cron, CI)",
  "  --config <file>    JSON settings: confirmations, rangeSize, pollSeconds, webhooks, thresholds (docs/watch.md)",
  "  --webhook <url>    also POST each alert to this URL (generic JSON; repeatable)",
].join("\n");

export const WATCH_OPTIONS = ["network", "from-block", "once?", "config", "webhook[]"] as const;

/** Runs the watcher with the parsed options until stopped (or one pass with --once). */
export async function watchCommand(o: ParsedOptions, projectRoot: string, sinks: Sinks = processSinks): Promise<void> {
  // option values first, before the network or any file of the deployment is looked at
  const fromFlag = integerOption(o, "from-block");
  const config = readWatchConfig(stringOption(o, "config"));
  const network = selectNetwork(o);
  const url = rpcUrlOf(network, process.env);
  const root = recordsRoot(projectRoot);
  const records = readRecords(root, network);
  if (records.length === 0) throw new UserError(`deployments/${network}/ holds no records: deploy first`);
  const chainId = records[0].chainId;
  const webhookUrls = Array.isArray(o.webhook) ? o.webhook.map(String) : [];
  const settings = resolveSettings(config, {
    chainId,
    stateDir: path.join(deploymentsDir(root, network), ".som"),
    cwd: process.cwd(),
    webhookUrls,
    env: sinks.env,
  });
  const net = Network.from(chainId);
  // batchStallTime 0: the requests of one tick (a range's block times, 8 at a time) go as one batch at once, not
  // after ethers' default 10 ms wait per batch
  const provider = new JsonRpcProvider(url, net, { staticNetwork: net, batchStallTime: 0 });
  const state = loadState(settings.stateFile, chainId);
  if (fromFlag !== undefined) {
    state.cursor = null;
    state.delivered = [];
    saveState(settings.stateFile, state); // a new generation: the journal's deliveries no longer count
  }
  const fromBlock = fromFlag ?? Math.min(...records.map((r) => (r.blockNumber >= 0 ? r.blockNumber : 0)));
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const c = await watchContext({ provider, network, chainId, records, settings });
    await follow({ c, state, sinks, fromBlock, once: o.once === true, signal: stop.signal });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    provider.destroy();
  }
}
