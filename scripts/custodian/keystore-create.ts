/**
 * `npm run keystore:create -- --out <keystore.json> [--password-env <VAR>]`
 *
 * OFFLINE: creates a new random key and writes it as an encrypted JSON keystore (Web3 Secret Storage,
 * scrypt). The password comes from the environment variable named by --password-env (default
 * KEYSTORE_PASSWORD), else a hidden prompt asked twice. Prints only the address. `--local-account N` stores
 * Hardhat's public test account N instead (local-node walkthroughs only). The work: src/chain/keystore.ts.
 */
import { runCommand } from "../../src/chain";
import { createKeystoreCommand } from "../../src/chain/keystore";

const USAGE = "npm run keystore:create -- --out <keystore.json> [--password-env KEYSTORE_PASSWORD] [--local-account <N>]";

void runCommand(
  {
    usage: USAGE,
    help:
      "Creates a new random key in an encrypted keystore and prints its address (never the key).\n" +
      "--local-account N stores Hardhat's PUBLIC test account N instead (local node walkthroughs only; never for real funds).",
    options: { out: { type: "string" }, "password-env": { type: "string" }, "local-account": { type: "string" } },
  },
  async (o) => console.log(await createKeystoreCommand(o, USAGE)),
);
