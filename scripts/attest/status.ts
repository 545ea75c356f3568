/**
 * `npm run attest:status -- [--network <name> | --rpc <url> --registry <address>] [--subject SOM_RESERVES] [--subject 0x<bytes32> ...]`
 *
 * Prints the current reports of some subjects with their age and freshness (read-only). Node: --network
 * (the registry from deployments/<network>/ unless --registry is given), or --rpc, or RPC_URL. Without --subject: SOM_RESERVES. Every RPC call has a timeout: an unreachable node fails in one line.
 */
import { listOption, requireOption, runCommand, withTimeout } from "../../src/chain";
import { connectRpc, nodeUrl, registryOfNetwork, rpcErrorAsUserError } from "../../src/attestation/cli";
import { parseSubject } from "../../src/attestation/report";
import { formatStatus, readStatus } from "../../src/attestation/status";

const USAGE = "npm run attest:status -- [--network <name> | --rpc <url> --registry <address>] [--subject <name|0x bytes32>]...";

void runCommand(
  {
    usage: USAGE,
    help: "Reads the current attested reports (value, age, freshness) from the registry.",
    options: { network: { type: "string" }, registry: { type: "string" }, rpc: { type: "string" }, subject: { type: "string", multiple: true } },
  },
  async (options) => {
    const url = nodeUrl(options, USAGE);
    const registry = typeof options.registry === "string" || typeof options.network !== "string"
      ? requireOption(options, "registry", USAGE)
      : registryOfNetwork(options.network);
    const names = listOption(options, "subject");
    const subjects = (names.length > 0 ? names : ["SOM_RESERVES"]).map((s) => parseSubject(s, "--subject"));
    const provider = await connectRpc(url);
    try {
      const { decimals, statuses } = await readStatus(registry, subjects, provider);
      const block = await withTimeout(provider.getBlock("latest"), "latest block");
      console.log(formatStatus(statuses, decimals, BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000))));
    } catch (err) {
      throw rpcErrorAsUserError(err, `RPC ${url}`);
    } finally {
      provider.destroy();
    }
  },
);
