/**
 * `npm run safe:execute -- [--network <name>] --proposal <file> [--signatures <sig.json>]... [--allow-risk <code>]...`
 *
 * Re-runs the same review and risk policy as `safe:sign` against the network's deployment records, prints
 * only the verified summary, checks the signatures against the chain, simulates, then sends
 * execTransaction. The executor pays gas from the network's first account (DEPLOYER_PRIVATE_KEY on public networks).
 * With a ReserveGuard, every call that needs an announcement must be announced; one not yet due is refused with
 * its time, or waited for with --wait (the chain's time, never a transaction that would revert).
 * The command is src/custody/cli/execute.ts.
 */
import { runCommand } from "../../src/chain";
import { EXECUTE_COMMAND, execute } from "../../src/custody/cli/execute";

void runCommand(EXECUTE_COMMAND, async (o) => {
  if (!(await execute(o, console.log))) process.exitCode = 1;
});
