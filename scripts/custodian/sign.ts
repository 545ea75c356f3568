/**
 * `npm run safe:sign -- --proposal <file> --records deployments/<network> [--keystore <file>] [options]`
 *
 * OFFLINE (never loads Hardhat, never touches a network): reviews a proposal against YOUR records and
 * signs it with an encrypted keystore, or exports the EIP-712 typed data for an external signer
 * (hardware wallet) and imports its signature back. Password: CUSTODIAN_KEYSTORE_PASSWORD, else a hidden
 * prompt. See docs/custodian.md; the command is src/custody/cli/sign.ts.
 */
import { runCommand } from "../../src/chain";
import { SIGN_COMMAND, sign } from "../../src/custody/cli/sign";

void runCommand(SIGN_COMMAND, (o) => sign(o, console.log));
