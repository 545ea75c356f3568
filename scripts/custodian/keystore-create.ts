/**
 * `npm run keystore:create -- --out <keystore.json> [--password-env <VAR>]`
 *
 * OFFLINE: creates a new random key and writes it as an encrypted JSON keystore (Web3 Secret Storage,
 * scrypt). The password comes from the environment variable named by --password-env (default
 * KEYSTORE_PASSWORD), else a hidden prompt asked twice. Prints only the address. `--local-account N` stores
 * Hardhat's public test account N instead (local-node walkthroughs only). The command is
 * src/custody/cli/keystoreCreate.ts.
 */
import { runCommand } from "../../src/chain";
import { KEYSTORE_CREATE_COMMAND, keystoreCreate } from "../../src/custody/cli/keystoreCreate";

void runCommand(KEYSTORE_CREATE_COMMAND, (o) => keystoreCreate(o, console.log));
