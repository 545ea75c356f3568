/**
 * OFFLINE: signs an attestation report with an attestor's encrypted keystore. No RPC, no Hardhat.
 *   npx ts-node scripts/attest/sign.ts --report report.json --keystore attestor.json --out sig.json [--on-behalf-of 0xSafe]
 * Password: ATTESTOR_KEYSTORE_PASSWORD, else prompted without echo.
 */
import { decryptKeystore, promptHidden, readPassword } from "../../src/keys/keystore";
import { parseCliArgs, requireOption, runCli } from "../../src/attestation/cli";
import { readReportFile, subjectLabel } from "../../src/attestation/report";
import { signReport, writeSignatureFile } from "../../src/attestation/sign";

const USAGE =
  "ts-node scripts/attest/sign.ts --report <report.json> --keystore <keystore.json> --out <sig.json> [--on-behalf-of <address>]";

runCli(async () => {
  const options = parseCliArgs(
    process.argv.slice(2),
    { report: { type: "string" }, keystore: { type: "string" }, out: { type: "string" }, "on-behalf-of": { type: "string" } },
    USAGE,
  );
  const report = readReportFile(requireOption(options, "report", USAGE));
  const keystore = requireOption(options, "keystore", USAGE);
  const out = requireOption(options, "out", USAGE);
  const r = report.report;
  console.log(`Signing for registry ${report.registry} on chain ${report.chainId}:`);
  console.log(`  subject ${subjectLabel(r.subject)} (${r.subject})`);
  console.log(`  value   ${r.value} (minor units)`);
  console.log(`  asOf    ${r.asOf} (${new Date(Number(r.asOf) * 1000).toISOString()})`);
  console.log(`  docHash ${r.docHash}`);
  console.log(`  uri     ${r.uri === "" ? "(none)" : r.uri}`);
  const password = await readPassword({ envVar: "ATTESTOR_KEYSTORE_PASSWORD", prompt: promptHidden }, keystore);
  const wallet = await decryptKeystore(keystore, password);
  const onBehalfOf = typeof options["on-behalf-of"] === "string" ? options["on-behalf-of"] : undefined;
  const sig = await signReport(report, wallet, onBehalfOf);
  writeSignatureFile(out, sig);
  console.log(`Signed by ${wallet.address}${onBehalfOf ? ` for ${sig.signer}` : ""}; digest ${sig.digest}; wrote ${out}`);
});
