/**
 * Public-network settings read from the environment (dotenv loads `.env` first).
 *
 * A network whose variables are missing stays configured with a placeholder so that commands
 * on other networks (and provider-free commands such as `compile` on this one) keep working;
 * the first use of its provider fails with {@link MissingNetworkVariablesError} naming them.
 */
import { UserError } from "./errors";

export interface PublicNetworkSpec {
  /** Hardhat network name. */
  name: string;
  /** Expected chain id (the provider is checked against it). */
  chainId: number;
  /** Environment variable holding the JSON-RPC URL. */
  rpcUrlVar: string;
  /** Human name used in messages. */
  label: string;
}

export const PUBLIC_NETWORKS: readonly PublicNetworkSpec[] = [
  { name: "sepolia", chainId: 11155111, rpcUrlVar: "SEPOLIA_RPC_URL", label: "Ethereum Sepolia" },
  { name: "bscTestnet", chainId: 97, rpcUrlVar: "BSC_TESTNET_RPC_URL", label: "BNB Smart Chain testnet" },
];

/** Environment variable holding the deployer's private key (never written in any file we commit). */
export const DEPLOYER_KEY_VAR = "DEPLOYER_PRIVATE_KEY";

/** Placeholder URL host for a network whose RPC variable is missing. */
export const MISSING_URL_PREFIX = "http://missing-env-variable.invalid/";

export class MissingNetworkVariablesError extends UserError {
  constructor(
    readonly network: string,
    readonly variables: readonly string[],
  ) {
    super(
      `Network "${network}" cannot be used: missing environment variable${variables.length > 1 ? "s" : ""} ` +
        `${variables.join(", ")}. Copy .env.example to .env and fill ${variables.length > 1 ? "them" : "it"} in ` +
        `(or export ${variables.length > 1 ? "them" : "it"} in your shell).`,
    );
    this.name = "MissingNetworkVariablesError";
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Variables a public network needs before its provider may be used. The deployer key is not
 * among them: read-only commands (the reserve report) need none; commands that send
 * transactions check for a signer themselves.
 */
export function missingVariables(spec: PublicNetworkSpec, env: Env): string[] {
  const missing: string[] = [];
  if (!env[spec.rpcUrlVar]?.trim()) missing.push(spec.rpcUrlVar);
  return missing;
}

/** Builds the Hardhat `HttpNetworkUserConfig` for one public network from the environment. */
export function publicNetworkConfig(
  spec: PublicNetworkSpec,
  env: Env,
): { url: string; chainId: number; accounts: string[] } {
  const url = env[spec.rpcUrlVar]?.trim() || `${MISSING_URL_PREFIX}${spec.rpcUrlVar}`;
  const key = env[DEPLOYER_KEY_VAR]?.trim();
  return { url, chainId: spec.chainId, accounts: key ? [key.startsWith("0x") ? key : `0x${key}`] : [] };
}

/** Throws {@link MissingNetworkVariablesError} if `networkName` is a public network lacking variables. */
export function assertNetworkUsable(networkName: string, env: Env): void {
  const spec = PUBLIC_NETWORKS.find((n) => n.name === networkName);
  if (!spec) return;
  const missing = missingVariables(spec, env);
  if (missing.length > 0) throw new MissingNetworkVariablesError(networkName, missing);
}

/** The `localhost` network's URL when LOCALHOST_RPC_URL is not set (`npx hardhat node`'s default). */
export const LOCALHOST_RPC_DEFAULT = "http://127.0.0.1:8545";

/**
 * The JSON-RPC URL of project network `name`, the same one hardhat.config.ts gives it, without loading
 * Hardhat (for commands that only need a node: `attest:submit`, `attest:status`). The in-process
 * `hardhat` network has no node to reach; a public network without its variable names it.
 */
export function rpcUrlOf(name: string, env: Env): string {
  if (name === "localhost") return env.LOCALHOST_RPC_URL?.trim() || LOCALHOST_RPC_DEFAULT;
  const spec = PUBLIC_NETWORKS.find((n) => n.name === name);
  if (!spec) {
    throw new UserError(
      `network "${name}" has no node to reach: use localhost (npx hardhat node) or ` +
        `${PUBLIC_NETWORKS.map((n) => n.name).join(", ")}`,
    );
  }
  assertNetworkUsable(name, env);
  return (env[spec.rpcUrlVar] ?? "").trim();
}
