/**
 * The one network selector of every command. One rule, in this order:
 *   1. `--network <name>`;
 *   2. else the environment variable HARDHAT_NETWORK (Hardhat's own; `npx hardhat --network x run` sets it);
 *   3. else the command's default: the in-process "hardhat" chain for every Hardhat command
 *      (start, deploy, upgrade, report, safe:status/propose/execute/announce, reserve:bitcoin).
 * The chosen name is written back to HARDHAT_NETWORK, which is how Hardhat, loaded afterwards as a
 * library, learns it. An empty flag or variable counts as unset.
 *
 * The attestation commands (attest:submit, attest:status) never load Hardhat: their node is
 * `--network <name>` or `--rpc <url>` / RPC_URL, so they have no default network and read the flag
 * only ({@link networkFlag}); a HARDHAT_NETWORK in the environment does not choose their node.
 * The offline commands (safe:sign, keystore:create, attest:sign) have no network.
 */

/** The default network of the commands that load Hardhat: the in-process chain, new on every run. */
export const DEFAULT_NETWORK = "hardhat";

/** Hardhat's environment variable naming the network of a run. */
export const NETWORK_ENV = "HARDHAT_NETWORK";

/** What the selector reads from parsed options (a structural type: any command's parsed options fit). */
export interface NetworkOptions {
  network?: unknown;
}

/** The value of `--network`; undefined when absent or empty. */
export function networkFlag(options: NetworkOptions): string | undefined {
  return typeof options.network === "string" && options.network !== "" ? options.network : undefined;
}

/**
 * The network of a command that loads Hardhat: `--network`, else HARDHAT_NETWORK, else `fallback`
 * (default "hardhat"). Writes the choice to HARDHAT_NETWORK of `env` before Hardhat is loaded.
 */
export function selectNetwork(
  options: NetworkOptions,
  fallback: string = DEFAULT_NETWORK,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const network = networkFlag(options) ?? (env[NETWORK_ENV]?.trim() || fallback);
  env[NETWORK_ENV] = network;
  return network;
}

/** The network selected for this run (HARDHAT_NETWORK), if any; used to name it in messages. */
export function selectedNetwork(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[NETWORK_ENV]?.trim() || undefined;
}
