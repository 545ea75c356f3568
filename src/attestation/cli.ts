/**
 * RPC plumbing of the attestation CLIs (scripts/attest/*): a bounded connection and RPC errors as
 * one-line user errors. Options, --help and exit codes are the common runner's (src/chain/cli.ts).
 */
import { JsonRpcProvider, Network } from "ethers";
import { config as loadDotenv } from "dotenv";
import { UsageError, UserError, networkFlag, requireOption, rpcConnectError, rpcErrorAsUserError, rpcTimeoutMs, withTimeout } from "../chain";
import type { ParsedOptions } from "../chain";
import { rpcUrlOf } from "../chain/networks";
import { readRecord, recordsRoot } from "../chain/records";

/** RPC errors are mapped by the kernel's one chain-error mapping (src/chain/chainErrors.ts). */
export { rpcErrorAsUserError };

/**
 * A JSON-RPC provider for `url` whose chain id is read first, once, within `timeoutMs` (an unreachable or
 * silent node is one line, no retries, no hang); the provider then never re-detects the network.
 */
export async function connectRpc(url: string, timeoutMs = rpcTimeoutMs()): Promise<JsonRpcProvider> {
  let chainId: bigint;
  try {
    const res = await withTimeout(
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        signal: AbortSignal.timeout(timeoutMs),
      }),
      `RPC ${url}`,
      timeoutMs,
    );
    const body = (await withTimeout(res.json() as Promise<{ result?: string }>, `RPC ${url}`, timeoutMs));
    if (typeof body.result !== "string") throw new UserError(`RPC ${url}: eth_chainId returned no chain id`);
    chainId = BigInt(body.result);
  } catch (err) {
    throw rpcConnectError(url, err);
  }
  const network = Network.from(chainId);
  return new JsonRpcProvider(url, network, { staticNetwork: network });
}

/**
 * The node a command talks to: `--network <name>` (the project's network; its URL from the environment,
 * `.env` included, as hardhat.config.ts takes it), or `--rpc <url>`, or RPC_URL; never two of them.
 */
export function nodeUrl(options: ParsedOptions, usage: string): string {
  const network = networkFlag(options); // the flag only: HARDHAT_NETWORK does not choose these commands' node (src/chain/network.ts)
  if (network !== undefined && typeof options.rpc === "string") throw new UsageError(`give --network or --rpc, not both (usage: ${usage})`);
  if (network !== undefined) {
    loadDotenv({ quiet: true });
    return rpcUrlOf(network, process.env);
  }
  return requireOption(options, "rpc", usage, "RPC_URL");
}

/** The AttestationRegistry of deployments/<network>/ (run from the project root). */
export function registryOfNetwork(network: string): string {
  const record = readRecord(recordsRoot(process.cwd()), network, "AttestationRegistry");
  if (!record) throw new UserError(`no AttestationRegistry record in deployments/${network}/: give --registry <address>`);
  return record.address;
}
