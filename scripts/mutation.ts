/**
 * `npm run mutation -- [--contract <name>]... [--max <n>] [--seed <n>] [--sample] [--workers <n>] [--fresh]`:
 * mutation testing of the production contracts (tools/mutation/). `--help` for the options. A wrong option is one
 * line and exit 1.
 */
import path from "node:path";
import { runCommand } from "../tools/command";
import { USAGE, parseOptions, runMutation } from "../tools/mutation";
import { isUserError } from "../src/chain/errors";

const root = path.join(__dirname, "..");

function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (!isUserError(err)) throw err;
    console.error(`Error: ${err.message}`);
    return Promise.resolve(1);
  }
  if (options.help) {
    console.log(USAGE);
    return Promise.resolve(0);
  }
  return runMutation(options, root, console);
}

runCommand(main());
