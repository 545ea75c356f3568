/**
 * Collects attestors' signature files for one report, checks them and submits the report.
 *   npx ts-node scripts/attest/submit.ts --report report.json --sig a.json --sig b.json --rpc <url> --keystore sender.json
 * RPC: --rpc or RPC_URL. Sender password: SUBMITTER_KEYSTORE_PASSWORD, else prompted. Anyone may submit.
 */
import { JsonRpcProvider } from "ethers";
import { decryptKeystore, promptHidden, readPassword } from "../../src/keys/keystore";
import { listOption, parseCliArgs, requireOption, runCli } from "../../src/attestation/cli";
import { AttestationInputError, readReportFile } from "../../src/attestation/report";
import { readSignatureFile } from "../../src/attestation/sign";
import { submitSignedReport } from "../../src/attestation/submit";

const USAGE =
  "ts-node scripts/attest/submit.ts --report <report.json> --sig <sig.json> [--sig ...] --rpc <url> --keystore <sender.json>";

runCli(async () => {
  const options = parseCliArgs(
    process.argv.slice(2),
    { report: { type: "string" }, sig: { type: "string", multiple: true }, rpc: { type: "string" }, keystore: { type: "string" } },
    USAGE,
  );
  const report = readReportFile(requireOption(options, "report", USAGE));
  const sigs = listOption(options, "sig").map(readSignatureFile);
  if (sigs.length === 0) throw new AttestationInputError(`no --sig files given\nusage: ${USAGE}`);
  const provider = new JsonRpcProvider(requireOption(options, "rpc", USAGE, "RPC_URL"));
  const keystore = requireOption(options, "keystore", USAGE);
  const password = await readPassword({ envVar: "SUBMITTER_KEYSTORE_PASSWORD", prompt: promptHidden }, keystore);
  const sender = (await decryptKeystore(keystore, password)).connect(provider);
  const receipt = await submitSignedReport(report, sigs, sender);
  console.log(`Report accepted in tx ${receipt.hash} (block ${receipt.blockNumber}, gas ${receipt.gasUsed})`);
});
