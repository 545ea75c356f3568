/**
 * `npm run attest:sign -- --report <report.json> --keystore <attestor.json> --out <sig.json> [--on-behalf-of <address>]`
 *
 * OFFLINE: signs an attestation report with an attestor's encrypted keystore. No RPC, no Hardhat.
 * Password: ATTESTOR_KEYSTORE_PASSWORD, else prompted without echo.
 */
import { requireOption, runCommand } from "../../src/chain";
import { decryptKeystore, promptHidden, readPassword } from "../../src/chain/keystore";
import { readReportFile, subjectLabel } from "../../src/attestation/report";
import { signReport, writeSignatureFile } from "../../src/attestation/sign";

const USAGE = "npm run attest:sign -- --report <report.json> --keystore <keystore.json> --out <sig.json> [--on-behalf-of <address>]";

void runCommand(
  {
    usage: USAGE,
    help: "Signs an attestation report offline (EIP-712) and writes a signature file for attest:submit.",
    options: { report: { type: "string" }, keystore: { type: "string" }, out: { type: "string" }, "on-behalf-of": { type: "string" } },
  },
  async (options) => {
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
  },
);
