/**
 * `safe:propose`: the requests of the flags (or of a batch file) become a proposal file for the Safe of the
 * network's records, through the workflow's one assembly ({@link proposeCalls}); prints its summary, hashes
 * and, with a ReserveGuard, the announcement step. Hardhat is loaded lazily (this command needs the network).
 */
import { options } from "../../chain/cli";
import fs from "node:fs";
import path from "node:path";
import type {} from "@nomicfoundation/hardhat-ethers";
import { UserError, bigintOption, jsonFileOption, listOption, requireOption, stringOption } from "../../chain";
import type { CommandSpec, ParsedOptions } from "../../chain";
import { loadHardhat } from "../../chain/hardhat";
import { readRecords, recordsRoot } from "../../chain/records";
import { z } from "../../chain/schema";
import { eip712Hashes } from "../../safe/hashes";
import { ActionError, parseArgFlags, parseBatch, proposeCalls } from "../actions";
import { announcementStep } from "../announcements";
import { proposalToJson } from "../proposal";
import { describeHashes } from "../review";
import { onChain, selectNetwork } from "../../chain";

const USAGE =
  "npm run safe:propose -- [--network <name>] (--action <name> | --fn <function>) " +
  "--contract <record> [--arg name=value]... " +
  "| --batch <batch.json>) [--safe ReserveSafe] [--nonce N] [--description <text>] --out <file>";

export const PROPOSE_COMMAND: CommandSpec = {
  usage: USAGE,
  help:
    "Encodes the call(s) with the ABIs of deployments/<network>/, reads the Safe's nonce and writes a proposal file\n" +
    "that custodians review and sign offline with `npm run safe:sign`.",
  options: options("network", "action", "fn", "contract", "arg[]", "batch", "safe", "nonce", "out", "description"),
};

/** Writes the proposal of the options' requests to --out and prints what it is. */
export async function propose(o: ParsedOptions, print: (text: string) => void): Promise<void> {
  const network = selectNetwork(o);
  // every option value is checked before anything is read from the chain or written (one line, exit 1)
  const out = requireOption(o, "out", USAGE);
  if (fs.existsSync(out)) throw new UserError(`${out} exists; choose another file`);
  const nonce = bigintOption(o, "nonce");
  const batch = jsonFileOption(o, "batch", z.unknown());
  const requests =
    batch !== undefined
      ? parseBatch(batch, String(o.batch))
      : [
          {
            action: stringOption(o, "action"),
            fn: stringOption(o, "fn"),
            contract: requireOption(o, "contract", USAGE),
            args: parseArgFlags(listOption(o, "arg")),
          },
        ];
  await onChain(network, async () => {
    const hre = await loadHardhat();
    const provider = hre.ethers.provider;
    const records = readRecords(recordsRoot(process.cwd()), network);
    if (records.length === 0) throw new UserError(`no deployment records in deployments/${network}/`);
    const safe = stringOption(o, "safe") ?? "ReserveSafe";
    if (!records.some((r) => r.name === safe)) throw new ActionError(`no record "${safe}" in your deployment records`);
    const proposal = await proposeCalls({
      provider,
      records,
      safe,
      calls: requests,
      nonce,
      description: stringOption(o, "description"),
    });
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, proposalToJson(proposal), { flag: "wx" });
    print(
      [
        ...proposal.summary,
        ...describeHashes(eip712Hashes(proposal.chainId, proposal.safe, proposal.safeTx)),
        `Wrote ${out}`,
      ].join("\n"),
    );
    // ReserveGuard (docs/guard.md): the announcement step of self-calls, guard settings and delayed calls.
    const plan = await announcementStep(provider, records, proposal, network, out);
    if (plan.length > 0) print(plan.join("\n"));
  });
}
