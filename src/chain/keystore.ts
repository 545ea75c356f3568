/**
 * Encrypted JSON keystores (ethers / geth "Web3 Secret Storage" format) for custodians, attestors
 * and deployers. Keys are decrypted in memory only; nothing here prints or writes a private key.
 */
import fs from "node:fs";
import { Wallet, encryptKeystoreJson } from "ethers";
import { UserError } from "./errors";

export class KeystoreError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "KeystoreError";
  }
}

/** Where the password comes from: an environment variable (automation) or an interactive prompt. */
export interface PasswordSource {
  /** Name of an environment variable holding the password, checked first. */
  envVar?: string;
  /** Prompt shown on the terminal when no environment variable is set. */
  prompt?: (question: string) => Promise<string>;
}

/** Reads a password from `source`: the environment variable if set, else the prompt. */
export async function readPassword(source: PasswordSource, label: string): Promise<string> {
  const fromEnv = source.envVar ? process.env[source.envVar] : undefined;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (!source.prompt) {
    throw new KeystoreError(
      `no password for ${label}: set ${source.envVar ?? "the password environment variable"} or run interactively`,
    );
  }
  return source.prompt(`Password for ${label}: `);
}

/** Decrypts `file` with `password`; the error names the file, never the password. */
export async function decryptKeystore(file: string, password: string): Promise<Wallet> {
  if (!fs.existsSync(file)) throw new KeystoreError(`keystore ${file} not found`);
  const json = fs.readFileSync(file, "utf8");
  try {
    const wallet = await Wallet.fromEncryptedJson(json, password);
    return new Wallet(wallet.privateKey);
  } catch {
    throw new KeystoreError(`cannot decrypt keystore ${file}: wrong password or not a JSON keystore`);
  }
}

/**
 * Writes a new encrypted keystore for `wallet` (used by tests and by `keystore:create`).
 * Uses scrypt with a light work factor only when `light` is set (tests); real keys use ethers' default.
 */
export async function writeKeystore(file: string, wallet: Wallet, password: string, light = false): Promise<void> {
  const json = light
    ? await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, password, {
        scrypt: { N: 1 << 10 },
      })
    : await wallet.encrypt(password);
  fs.writeFileSync(file, json, { mode: 0o600 });
}

/** Prompts on the terminal without echoing (for passwords). */
export function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    if (!stdin.isTTY) {
      reject(new KeystoreError("no terminal to prompt for a password; set the password environment variable"));
      return;
    }
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let input = "";
    const onData = (buf: Buffer): void => {
      for (const ch of buf.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stderr.write("\n");
          resolve(input);
          return;
        }
        if (ch === "\u0003") {
          stdin.setRawMode(false);
          reject(new KeystoreError("cancelled"));
          return;
        }
        input = ch === "\u007f" ? input.slice(0, -1) : input + ch;
      }
    };
    stdin.on("data", onData);
  });
}
