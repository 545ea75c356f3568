/**
 * `npm run reserve:bitcoin -- [--network <name>] --position <position.json> --step create|valuation|mint --out <file>`
 *
 * State-mined bitcoin held by a custodian enters the reserve (docs/market.md, "Deploy example"), in the
 * same three steps as the main job (src/market/crypto.ts), each written as a file for the people who act:
 *   create     a Safe proposal: the asset token (MiningOutput, one share per satoshi) and its valuation subject;
 *   valuation  the attestation report of the position's som value (attestors sign it with attest:sign);
 *   mint       a Safe proposal: the BTC amount and the custody proof as documents, every share minted into
 *              the reserve (refused until the asset exists and its valuation is attested).
 * Custodians then review, sign and execute proposals with safe:sign / safe:execute as usual.
 * The command is src/deploy/bitcoin.ts.
 */
import { runCommand } from "../../src/chain";
import { BITCOIN_COMMAND, bitcoinStep } from "../../src/deploy/bitcoin";

void runCommand(BITCOIN_COMMAND, (o) => bitcoinStep(o, console.log));
