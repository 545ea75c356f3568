/**
 * `npm run safe:announce -- [--network <name>] --proposal <file> --keystore <owner keystore> [--guard <address>]`
 *
 * An owner of the reserve Safe announces to the ReserveGuard every call of a proposal that needs an
 * announcement (self-calls, guard configuration), and prints when each may execute. The guard comes from
 * deployments/<network>/ReserveGuard.json unless --guard is given. Password: CUSTODIAN_KEYSTORE_PASSWORD,
 * else a hidden prompt. The command is src/custody/cli/announce.ts.
 */
import { runCommand } from "../../src/chain";
import { ANNOUNCE_COMMAND, announce } from "../../src/custody/cli/announce";

void runCommand(ANNOUNCE_COMMAND, (o) => announce(o, console.log));
