/**
 * `npm run keystore:create -- --out <keystore.json> [--password-env <VAR>]`
 *
 * OFFLINE: creates a new random key and writes it as an encrypted JSON keystore (Web3 Secret Storage,
 * scrypt). The password comes from the environment variable named by --password-env (default
 * KEYSTORE_PASSWORD), else a hidden prompt asked twice. Prints only the address.
 */
import fs from "node:fs";
import { Wallet } from "ethers";
import { UserError, requireOption, runCommand } from "../../src/common";
import { promptHidden, readPassword, writeKeystore } from "../../src/keys/keystore";

const USAGE = "npm run keystore:create -- --out <keystore.json> [--password-env KEYSTORE_PASSWORD]";

void runCommand(
  { usage: USAGE, help: "Creates a new key in an encrypted keystore and prints its address (never the key).", options: { out: { type: "string" }, "password-env": { type: "string" } } },
  async (o) => {
    const out = requireOption(o, "out", USAGE);
    if (fs.existsSync(out)) throw new UserError(`${out} exists; refusing to overwrite a keystore`);
    const envVar = typeof o["password-env"] === "string" ? o["password-env"] : "KEYSTORE_PASSWORD";
    const password = await readPassword({ envVar, prompt: promptHidden }, out);
    if (!process.env[envVar]) {
      const again = await promptHidden("Repeat the password: ");
      if (again !== password) throw new UserError("the passwords differ; nothing was written");
    }
    if (password.length < 8) throw new UserError("the password must have at least 8 characters");
    const wallet = Wallet.createRandom();
    await writeKeystore(out, new Wallet(wallet.privateKey), password);
    console.log(`Wrote ${out} for address ${wallet.address}`);
  },
);
