/**
 * `npm run watch -- --network <name> [--from-block N] [--once] [--config <file>] [--webhook <url>]...`: follows the
 * reserve on chain and alerts (src/watch/cli.ts, docs/watch.md).
 */
import path from "node:path";
import { options, runCommand } from "../src/chain/cli";
import { WATCH_HELP, WATCH_OPTIONS, WATCH_USAGE, watchCommand } from "../src/watch/cli";

void runCommand({ usage: WATCH_USAGE, help: WATCH_HELP, options: options(...WATCH_OPTIONS) }, (o) =>
  watchCommand(o, path.join(__dirname, "..")),
);
