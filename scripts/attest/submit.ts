/**
 * `npm run attest:submit -- [--network <name> | --rpc <url>] --report <report.json> --sig <a.json> --sig <b.json> --keystore <sender.json>`
 *
 * Collects attestors' signature files for one report, checks them against the registry and submits the
 * report. Node: --network (the project's network, its URL from the environment as Hardhat would take it),
 * or --rpc, or RPC_URL. Sender password: SUBMITTER_KEYSTORE_PASSWORD, else prompted. Anyone may
 * submit. Every RPC call has a timeout; errors print one line.
 */
import { UsageError, listOption, requireOption, runCommand } from "../../src/chain";
import { connectRpc, nodeUrl, rpcErrorAsUserError } from "../../src/attestation/cli";
import { decryptKeystore, promptHidden, readPassword } from "../../src/chain/keystore";
import { readReportFile } from "../../src/attestation/report";
import { readSignatureFile } from "../../src/attestation/sign";
import { submitSignedReport } from "../../src/attestation/submit";

const USAGE = "npm run attest:submit -- [--network <name> | --rpc <url>] --report <report.json> --sig <sig.json> [--sig ...] --keystore <sender.json>";

void runCommand(
  {
    usage: USAGE,
    help: "Checks the attestors' signature files with the registry (attestors, quorum, chain) and submits the report.",
    options: { network: { type: "string" }, report: { type: "string" }, sig: { type: "string", multiple: true }, rpc: { type: "string" }, keystore: { type: "string" } },
  },
  async (options) => {
    const report = readReportFile(requireOption(options, "report", USAGE));
    const sigs = listOption(options, "sig").map(readSignatureFile);
    if (sigs.length === 0) throw new UsageError(`no --sig files given (usage: ${USAGE})`);
    const url = nodeUrl(options, USAGE);
    const keystore = requireOption(options, "keystore", USAGE);
    const password = await readPassword({ envVar: "SUBMITTER_KEYSTORE_PASSWORD", prompt: promptHidden }, keystore);
    const provider = await connectRpc(url);
    try {
      const sender = (await decryptKeystore(keystore, password)).connect(provider);
      const receipt = await submitSignedReport(report, sigs, sender);
      console.log(`Report accepted in tx ${receipt.hash} (block ${receipt.blockNumber}, gas ${receipt.gasUsed})`);
    } catch (err) {
      throw rpcErrorAsUserError(err, `RPC ${url}`);
    } finally {
      provider.destroy();
    }
  },
);
