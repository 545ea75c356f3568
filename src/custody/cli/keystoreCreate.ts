/**
 * `keystore:create`: OFFLINE. A new random key (or Hardhat's public test account N, local walkthroughs only)
 * written as an encrypted JSON keystore; the password from --password-env (default KEYSTORE_PASSWORD), else
 * a hidden prompt asked twice. Prints only the address.
 */
import { options } from "../../chain/cli";
import fs from "node:fs";
import path from "node:path";
import { Wallet } from "ethers";
import { UserError, integerOption, requireOption, stringOption } from "../../chain";
import type { CommandSpec, ParsedOptions } from "../../chain";
import { promptHidden, readPassword, writeKeystore } from "../../chain/keystore";
import { localAccountWallet } from "../../chain/localKeys";

const USAGE =
  "npm run keystore:create -- --out <keystore.json> [--password-env KEYSTORE_PASSWORD] [--local-account <N>]";

export const KEYSTORE_CREATE_COMMAND: CommandSpec = {
  usage: USAGE,
  help:
    "Creates a new random key in an encrypted keystore and prints its address (never the key).\n" +
    "--local-account N stores Hardhat's PUBLIC test account N instead " +
    "(local node walkthroughs only; never for real funds).",
  options: options("out", "password-env", "local-account"),
};

/** Writes the keystore of --out and prints its address. */
export async function keystoreCreate(o: ParsedOptions, print: (text: string) => void): Promise<void> {
  const out = requireOption(o, "out", USAGE);
  if (fs.existsSync(out)) throw new UserError(`${out} exists; refusing to overwrite a keystore`);
  const local = integerOption(o, "local-account", { max: 999 });
  const envVar = stringOption(o, "password-env") ?? "KEYSTORE_PASSWORD";
  const password = await readPassword({ envVar, prompt: promptHidden }, out);
  if (!process.env[envVar]) {
    const again = await promptHidden("Repeat the password: ");
    if (again !== password) throw new UserError("the passwords differ; nothing was written");
  }
  if (password.length < 8) throw new UserError("the password must have at least 8 characters");
  const wallet = local !== undefined ? localAccountWallet(local) : new Wallet(Wallet.createRandom().privateKey);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  await writeKeystore(out, wallet, password);
  print(`Wrote ${out} for address ${wallet.address}`);
}
