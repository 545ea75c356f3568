/**
 * The attestation commands (scripts/attest/* are their thin entry points) and their RPC plumbing: a
 * bounded connection, the node a command talks to. Options, --help and exit codes are the common
 * runner's (src/chain/cli.ts); RPC errors become one line through the kernel's mapping. attest:sign is
 * offline: {@link signCommand} needs no node and never loads Hardhat.
 */
import { JsonRpcProvider, Network } from "ethers";
import { config as loadDotenv } from "dotenv";
import {
  UsageError,
  UserError,
  OptionValueError,
  addressOption,
  keystoreFileOption,
  listOption,
  outputFileOption,
  networkFlag,
  requireOption,
  rpcConnectError,
  rpcErrorAsUserError,
  rpcTimeoutMs,
  withTimeout,
} from "../chain";
import type { ParsedOptions } from "../chain";
import { decryptKeystore, promptHidden, readPassword } from "../chain/keystore";
import { parseSubject, readReportFile, subjectLabel } from "./report";
import { readSignatureFile, signReport, writeSignatureFile } from "./sign";
import { formatStatus, readStatus } from "./status";
import { submitSignedReport } from "./submit";
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
    const body = await withTimeout(res.json() as Promise<{ result?: string }>, `RPC ${url}`, timeoutMs);
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
  // the flag only: HARDHAT_NETWORK does not choose these commands' node (src/chain/network.ts)
  const network = networkFlag(options);
  if (network !== undefined && typeof options.rpc === "string")
    throw new UsageError(`give --network or --rpc, not both (usage: ${usage})`);
  if (network !== undefined) {
    loadDotenv({ quiet: true });
    return rpcUrlOf(network, process.env);
  }
  const url = requireOption(options, "rpc", usage, "RPC_URL");
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    throw new OptionValueError(`--rpc (or RPC_URL): expected an http(s):// URL, got ${JSON.stringify(url)}`);
  return url;
}

/** The AttestationRegistry of deployments/<network>/ (run from the project root). */
export function registryOfNetwork(network: string): string {
  const record = readRecord(recordsRoot(process.cwd()), network, "AttestationRegistry");
  if (!record)
    throw new UserError(`no AttestationRegistry record in deployments/${network}/: give --registry <address>`);
  return record.address;
}

/**
 * attest:sign, offline: shows what is signed (through `print`, before the password is asked), signs the
 * `--report` with the attestor's `--keystore` (password: ATTESTOR_KEYSTORE_PASSWORD, else a hidden
 * prompt), writes the signature file `--out` and returns the closing line.
 */
export async function signCommand(
  options: ParsedOptions,
  usage: string,
  print: (line: string) => void,
): Promise<string> {
  const report = readReportFile(requireOption(options, "report", usage));
  const keystore = keystoreFileOption(options) ?? requireOption(options, "keystore", usage);
  const out = outputFileOption(options, "out", { overwrite: false }) ?? requireOption(options, "out", usage);
  const onBehalfOf = addressOption(options, "on-behalf-of");
  const r = report.report;
  print(`Signing for registry ${report.registry} on chain ${report.chainId}:`);
  print(`  subject ${subjectLabel(r.subject)} (${r.subject})`);
  print(`  value   ${r.value} (minor units)`);
  print(`  asOf    ${r.asOf} (${new Date(Number(r.asOf) * 1000).toISOString()})`);
  print(`  docHash ${r.docHash}`);
  print(`  uri     ${r.uri === "" ? "(none)" : r.uri}`);
  const password = await readPassword({ envVar: "ATTESTOR_KEYSTORE_PASSWORD", prompt: promptHidden }, keystore);
  const wallet = await decryptKeystore(keystore, password);
  const sig = await signReport(report, wallet, onBehalfOf);
  writeSignatureFile(out, sig);
  return `Signed by ${wallet.address}${onBehalfOf ? ` for ${sig.signer}` : ""}; digest ${sig.digest}; wrote ${out}`;
}

/**
 * attest:status: the current reports of the `--subject`s (default SOM_RESERVES) with their age and
 * freshness, read from the registry of deployments/<network>/ or `--registry`.
 */
export async function statusCommand(options: ParsedOptions, usage: string): Promise<string> {
  const url = nodeUrl(options, usage);
  const network = networkFlag(options);
  const registry =
    addressOption(options, "registry") ??
    (network === undefined ? requireOption(options, "registry", usage) : registryOfNetwork(network));
  const names = listOption(options, "subject");
  const subjects = (names.length > 0 ? names : ["SOM_RESERVES"]).map((s) => parseSubject(s, "--subject"));
  const provider = await connectRpc(url);
  try {
    const { decimals, statuses } = await readStatus(registry, subjects, provider);
    const block = await withTimeout(provider.getBlock("latest"), "latest block");
    return formatStatus(statuses, decimals, BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000)));
  } catch (err) {
    throw rpcErrorAsUserError(err, `RPC ${url}`);
  } finally {
    provider.destroy();
  }
}

/**
 * attest:submit: checks the `--sig` files with the registry and submits the `--report` from the
 * `--keystore` sender (password: SUBMITTER_KEYSTORE_PASSWORD, else a hidden prompt).
 */
export async function submitCommand(options: ParsedOptions, usage: string): Promise<string> {
  const report = readReportFile(requireOption(options, "report", usage));
  const sigs = listOption(options, "sig").map(readSignatureFile);
  if (sigs.length === 0) throw new UsageError(`no --sig files given (usage: ${usage})`);
  const url = nodeUrl(options, usage);
  const keystore = keystoreFileOption(options) ?? requireOption(options, "keystore", usage);
  const password = await readPassword({ envVar: "SUBMITTER_KEYSTORE_PASSWORD", prompt: promptHidden }, keystore);
  const provider = await connectRpc(url);
  try {
    const sender = (await decryptKeystore(keystore, password)).connect(provider);
    const receipt = await submitSignedReport(report, sigs, sender);
    return `Report accepted in tx ${receipt.hash} (block ${receipt.blockNumber}, gas ${receipt.gasUsed})`;
  } catch (err) {
    throw rpcErrorAsUserError(err, `RPC ${url}`);
  } finally {
    provider.destroy();
  }
}
