/**
 * `npm run attest:sign -- --report <report.json> --keystore <attestor.json> --out <sig.json>
 *   [--on-behalf-of <address>]`
 *
 * OFFLINE: signs an attestation report with an attestor's encrypted keystore. No RPC, no Hardhat.
 * Password: ATTESTOR_KEYSTORE_PASSWORD, else prompted without echo. The work: src/attestation/cli.ts.
 */
import { options } from "../../src/chain/cli";
import { runCommand } from "../../src/chain";
import { signCommand } from "../../src/attestation/cli";

const USAGE =
  "npm run attest:sign -- --report <report.json> --keystore <keystore.json> --out <sig.json>" +
  " [--on-behalf-of <address>]";

void runCommand(
  {
    usage: USAGE,
    help: "Signs an attestation report offline (EIP-712) and writes a signature file for attest:submit.",
    options: options("report", "keystore", "out", "on-behalf-of"),
  },
  async (o) => console.log(await signCommand(o, USAGE, (line) => console.log(line))),
);
