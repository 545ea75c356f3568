/**
 * `npm run safe:propose -- [--network <name>] --action <name> --contract <record> --arg name=value ... --out <file>`
 * `npm run safe:propose -- [--network <name>] --batch <batch.json> --out <file>`  (several calls via MultiSendCallOnly)
 *
 * Builds a proposal file from the network's deployment records (every RPC call bounded by a timeout).
 * See docs/custodian.md; the command is src/custody/cli/propose.ts.
 */
import { runCommand } from "../../src/chain";
import { PROPOSE_COMMAND, propose } from "../../src/custody/cli/propose";

void runCommand(PROPOSE_COMMAND, (o) => propose(o, console.log));
