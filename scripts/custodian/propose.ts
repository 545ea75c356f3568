/**
 * `npm run safe:propose -- [--network <name>] --action <name> --contract <record> --arg name=value ... --out <file>`
 * `npm run safe:propose -- [--network <name>] --batch <batch.json> --out <file>`   (several calls via MultiSendCallOnly)
 *
 * Builds a proposal file from the network's deployment records (every RPC call bounded by a timeout).
 * See docs/custodian.md.
 */
import fs from "node:fs";
import path from "node:path";
import type {} from "@nomicfoundation/hardhat-ethers";
import { UserError, listOption, requireOption, runCommand } from "../../src/chain";
import { onChain, selectNetwork } from "../../src/custody/commands";
import { describeHashes } from "../../src/custody/review";

const USAGE =
  "npm run safe:propose -- [--network <name>] (--action <name> | --fn <function>) --contract <record> [--arg name=value]... " +
  "| --batch <batch.json>) [--safe ReserveSafe] [--nonce N] [--description <text>] --out <file>";

void runCommand(
  {
    usage: USAGE,
    help: "Encodes the call(s) with the ABIs of deployments/<network>/, reads the Safe's nonce and writes a proposal file\nthat custodians review and sign offline with `npm run safe:sign`.",
    options: {
      network: { type: "string" },
      action: { type: "string" },
      fn: { type: "string" },
      contract: { type: "string" },
      arg: { type: "string", multiple: true },
      batch: { type: "string" },
      safe: { type: "string" },
      nonce: { type: "string" },
      out: { type: "string" },
      description: { type: "string" },
    },
  },
  async (o) => {
    const network = selectNetwork(o);
    await onChain(network, async () => {
      const out = requireOption(o, "out", USAGE);
      if (fs.existsSync(out)) throw new UserError(`${out} exists; choose another file`);
      const { parseArgFlags, parseBatch, proposeRequests } = await import("../../src/custody/actions");
      const { proposalToJson } = await import("../../src/custody/proposal");
      const { readRecords, recordsRoot } = await import("../../src/chain/records");
      const batch = typeof o.batch === "string" ? o.batch : undefined;
      const requests = batch
        ? parseBatch(JSON.parse(fs.readFileSync(batch, "utf8")) as unknown, batch)
        : [{ action: o.action as string | undefined, fn: o.fn as string | undefined, contract: requireOption(o, "contract", USAGE), args: parseArgFlags(listOption(o, "arg")) }];
      const hre = (await import("hardhat")).default;
      const provider = hre.ethers.provider;
      const records = readRecords(recordsRoot(process.cwd()), network);
      if (records.length === 0) throw new UserError(`no deployment records in deployments/${network}/`);
      const proposal = await proposeRequests(provider, records, requests, {
        safeName: typeof o.safe === "string" ? o.safe : undefined,
        nonce: typeof o.nonce === "string" ? BigInt(o.nonce) : undefined,
        description: typeof o.description === "string" ? o.description : undefined,
      });
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(out, proposalToJson(proposal), { flag: "wx" });
      const { eip712Hashes } = await import("../../src/safe/hashes");
      console.log([...proposal.summary, ...describeHashes(eip712Hashes(proposal.chainId, proposal.safe, proposal.safeTx)), `Wrote ${out}`].join("\n"));
      // ReserveGuard (docs/guard.md): the announcement step of self-calls, guard settings and delayed calls.
      const { announcementStep } = await import("../../src/custody/announcements");
      const plan = await announcementStep(provider, records, proposal, network, out);
      if (plan.length > 0) console.log(plan.join("\n"));
    });
  },
);
