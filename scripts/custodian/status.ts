/**
 * `npm run safe:status -- [--network <name>] [--dir proposals] [--safe ReserveSafe]`
 *
 * Chain id, the Safe's owners, threshold and nonce (read from chain, written into YOUR records with the
 * differences shown), and each proposal in --dir with its SafeTx hash, verified signature count (detached
 * signature files included) and state: READY, WAITING, EXECUTED or STALE. With a ReserveGuard, its pending
 * announcements; with a CounterpartyRegistry, its licensed counterparties (onto its record, for sign's
 * recipient lines); a record for each asset token the factory created since. The command is src/custody/cli/status.ts.
 */
import { runCommand } from "../../src/chain";
import { STATUS_COMMAND, status } from "../../src/custody/cli/status";

void runCommand(STATUS_COMMAND, (o) => status(o, console.log));
