/**
 * `npm run safe:announce -- [--network <name>] --proposal <file> --keystore <owner keystore> [--guard <address>]`
 *
 * An owner of the reserve Safe announces to the ReserveGuard every call of a proposal that needs an
 * announcement (self-calls, guard configuration), and prints when each may execute. The guard comes from
 * deployments/<network>/ReserveGuard.json unless --guard is given. Password: CUSTODIAN_KEYSTORE_PASSWORD,
 * else a hidden prompt.
 */
import path from "node:path";
import { runCommand, requireOption, UserError } from "../../src/chain";
import { selectNetwork } from "../../src/custody/commands";

const USAGE = "npm run safe:announce -- [--network <name>] --proposal <file> --keystore <owner keystore> [--guard <address>]";

void runCommand(
  {
    usage: USAGE,
    help: "Announces the proposal's self-calls and guard-configuration calls to the ReserveGuard (docs/guard.md).",
    options: { network: { type: "string" }, proposal: { type: "string" }, keystore: { type: "string" }, guard: { type: "string" } },
  },
  async (o) => {
    const network = selectNetwork(o);
    const proposalFile = requireOption(o, "proposal", USAGE);
    const keystore = requireOption(o, "keystore", USAGE);
    const { readProposal } = await import("../../src/custody/proposal");
    const { readRecords, recordsRoot } = await import("../../src/chain/records");
    const { announceCalls, callsNeedingAnnouncement, formatTime } = await import("../../src/guard");
    const { guardFromRecords } = await import("../../src/custody/announcements");
    const { decryptKeystore, promptHidden, readPassword } = await import("../../src/chain/keystore");
    const proposal = readProposal(proposalFile);
    const guard = typeof o.guard === "string" ? o.guard : guardFromRecords(readRecords(recordsRoot(path.join(__dirname, "..", "..")), network));
    if (!guard) throw new UserError(`no ReserveGuard record in deployments/${network}/ (give --guard <address>)`);
    const calls = callsNeedingAnnouncement(proposal.safe, guard, proposal.safeTx);
    if (calls.length === 0) {
      console.log(`${proposalFile}: no call needs an announcement; nothing sent.`);
      return;
    }
    process.env.HARDHAT_NETWORK = network;
    const hre = (await import("hardhat")).default;
    const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
    if (chainId !== proposal.chainId) throw new UserError(`the proposal is for chain ${proposal.chainId}, network ${network} is chain ${chainId}; nothing was sent`);
    const password = await readPassword({ envVar: "CUSTODIAN_KEYSTORE_PASSWORD", prompt: promptHidden }, keystore);
    const owner = (await decryptKeystore(keystore, password)).connect(hre.ethers.provider);
    const results = await announceCalls(owner, guard, proposal.safe, calls);
    for (const [i, r] of results.entries()) {
      console.log(
        `#${i + 1} ${calls[i].kind} to ${calls[i].to}: ${r.transactionHash ? `announced in ${r.transactionHash}` : "already announced"}; ` +
          `executable from ${formatTime(r.executableAt)} until ${formatTime(r.expiresAt)} (call hash ${r.hash})`,
      );
    }
  },
);
