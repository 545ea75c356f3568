/**
 * `npm run mutation -- [--contract <name>]... [--mutant <id>]... [--max <n>] [--seed <n>] [--sample] [--workers <n>]
 * [--fresh]`: mutation testing of the production contracts (tools/mutation/). `--help` for the options. A wrong
 * option, contract or mutant id is one line and exit 1.
 */
import path from "node:path";
import { runCommand } from "../tools/command";
import { USAGE, parseOptions, runMutation } from "../tools/mutation";
import { isUserError } from "../src/chain/errors";

const root = path.join(__dirname, "..");

async function main(): Promise<number> {
  try {
    const options = parseOptions(process.argv.slice(2));
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    return await runMutation(options, root, console);
  } catch (err) {
    if (!isUserError(err)) throw err;
    console.error(`error: ${err.message}`);
    return 1;
  }
}

runCommand(main());
