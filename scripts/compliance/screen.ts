/**
 * `npm run sanctions:screen -- [--network <name>] --list <file> [--list <file> ...] --out <diff.json>
 *   [--record | --apply --keystore <key.json> [--dir proposals]]`
 *
 * Screens sanctions lists (OFAC SDN advanced XML, or the CSV / JSON forms of docs/sanctions.md) against the
 * stablecoin's frozen set and holders and the counterparty registry; prints and writes the diff. --apply freezes
 * (COMPLIANCE_ROLE key, or Safe proposals) and suspends listed counterparties (REGULATOR_ROLE key); a rerun sends
 * nothing; unfreezing is never automatic. The command is src/custody/cli/sanctions.ts.
 */
import { runCommand } from "../../src/chain";
import { SANCTIONS_COMMAND, sanctionsScreen } from "../../src/custody/cli/sanctions";

void runCommand(SANCTIONS_COMMAND, (o) => sanctionsScreen(o, console.log));
