/**
 * `npm run attest:status -- --registry <address> --rpc <url> [--subject SOM_RESERVES] [--subject 0x<bytes32> ...]`
 *
 * Prints the current reports of some subjects with their age and freshness (read-only). RPC: --rpc or
 * RPC_URL. Without --subject: SOM_RESERVES. Every RPC call has a timeout: an unreachable node fails in one line.
 */
import { listOption, requireOption, runCommand, withTimeout } from "../../src/common";
import { connectRpc, rpcErrorAsUserError } from "../../src/attestation/cli";
import { parseSubject } from "../../src/attestation/report";
import { formatStatus, readStatus } from "../../src/attestation/status";

const USAGE = "npm run attest:status -- --registry <address> --rpc <url> [--subject <name|0x bytes32>]...";

void runCommand(
  {
    usage: USAGE,
    help: "Reads the current attested reports (value, age, freshness) from the registry.",
    options: { registry: { type: "string" }, rpc: { type: "string" }, subject: { type: "string", multiple: true } },
  },
  async (options) => {
    const registry = requireOption(options, "registry", USAGE);
    const names = listOption(options, "subject");
    const subjects = (names.length > 0 ? names : ["SOM_RESERVES"]).map((s) => parseSubject(s, "--subject"));
    const url = requireOption(options, "rpc", USAGE, "RPC_URL");
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
