/**
 * Prints the current reports of some subjects with their age and freshness (read-only).
 *   npx ts-node scripts/attest/status.ts --registry 0x... --rpc <url> [--subject SOM_RESERVES] [--subject 0x<bytes32> ...]
 * RPC: --rpc or RPC_URL. Without --subject: SOM_RESERVES.
 */
import { JsonRpcProvider } from "ethers";
import { listOption, parseCliArgs, requireOption, runCli } from "../../src/attestation/cli";
import { parseSubject } from "../../src/attestation/report";
import { formatStatus, readStatus } from "../../src/attestation/status";

const USAGE = "ts-node scripts/attest/status.ts --registry <address> --rpc <url> [--subject <name|0x bytes32> ...]";

runCli(async () => {
  const options = parseCliArgs(
    process.argv.slice(2),
    { registry: { type: "string" }, rpc: { type: "string" }, subject: { type: "string", multiple: true } },
    USAGE,
  );
  const registry = requireOption(options, "registry", USAGE);
  const provider = new JsonRpcProvider(requireOption(options, "rpc", USAGE, "RPC_URL"));
  const names = listOption(options, "subject");
  const subjects = (names.length > 0 ? names : ["SOM_RESERVES"]).map((s) => parseSubject(s, "--subject"));
  const { decimals, statuses } = await readStatus(registry, subjects, provider);
  const block = await provider.getBlock("latest");
  console.log(formatStatus(statuses, decimals, BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000))));
});
