/**
 * `npm run upgrade -- --network <name> --target <record> --implementation <Contract> --out <proposal.json>`
 * Prepares and validates the new implementation, then writes a Safe proposal for the custodians
 * (sign it with `npm run safe:sign`, execute with `npm run safe:execute`). Once executed, the
 * deployment records follow the upgrade on the next deploy/upgrade/start run (or `syncRecordsWithChain`).
 * The command is src/deploy/upgrade.ts (upgradeCommand).
 */
import { runCommand } from "../src/chain/cli";
import { UPGRADE_COMMAND, upgradeCommand } from "../src/deploy/upgrade";

void runCommand(UPGRADE_COMMAND, (o) => upgradeCommand(o, console.log));
