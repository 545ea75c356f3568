/**
 * `npm run attest:status -- [--network <name> | --rpc <url> --registry <address>] [--subject SOM_RESERVES]
 *   [--subject 0x<bytes32> ...]`
 *
 * Prints the current reports of some subjects with their age and freshness (read-only). Node: --network
 * (the registry from deployments/<network>/ unless --registry is given), or --rpc, or RPC_URL. Without
 * --subject: SOM_RESERVES. Every RPC call has a timeout: an unreachable node fails in one line.
 * The work: src/attestation/cli.ts.
 */
import { options } from "../../src/chain/cli";
import { runCommand } from "../../src/chain";
import { statusCommand } from "../../src/attestation/cli";

const USAGE =
  "npm run attest:status -- [--network <name> | --rpc <url> --registry <address>] [--subject <name|0x bytes32>]...";

void runCommand(
  {
    usage: USAGE,
    help: "Reads the current attested reports (value, age, freshness) from the registry.",
    options: options("network", "registry", "rpc", "subject[]"),
  },
  async (o) => console.log(await statusCommand(o, USAGE)),
);
