/**
 * `npm run attest:submit -- [--network <name> | --rpc <url>] --report <report.json> --sig <a.json> --sig <b.json>
 *   --keystore <sender.json>`
 *
 * Collects attestors' signature files for one report, checks them against the registry and submits the
 * report. Node: --network (the project's network, its URL from the environment as Hardhat would take it),
 * or --rpc, or RPC_URL. Sender password: SUBMITTER_KEYSTORE_PASSWORD, else prompted. Anyone may
 * submit. Every RPC call has a timeout; errors print one line. The work: src/attestation/cli.ts.
 */
import { options } from "../../src/chain/cli";
import { runCommand } from "../../src/chain";
import { submitCommand } from "../../src/attestation/cli";

const USAGE =
  "npm run attest:submit -- [--network <name> | --rpc <url>] --report <report.json> --sig <sig.json> [--sig ...]" +
  " --keystore <sender.json>";

void runCommand(
  {
    usage: USAGE,
    help: "Checks the attestors' signature files with the registry (attestors, quorum, chain) and submits the report.",
    options: options("network", "report", "sig[]", "rpc", "keystore"),
  },
  async (o) => console.log(await submitCommand(o, USAGE)),
);
