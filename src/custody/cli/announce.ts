/**
 * `safe:announce`: an owner of the reserve Safe announces to the ReserveGuard every call of a proposal that
 * needs an announcement (self-calls, guard configuration, delayed calls) and is told when each may execute.
 * The guard comes from the records unless --guard is given. Hardhat is loaded lazily, only when something is sent.
 */
import { options } from "../../chain/cli";
import path from "node:path";
import { UserError, addressOption, keystoreFileOption, requireOption } from "../../chain";
import type { CommandSpec, ParsedOptions } from "../../chain";
import { decryptKeystore, promptHidden, readPassword } from "../../chain/keystore";
import { loadHardhat } from "../../chain/hardhat";
import { readRecords, recordsRoot } from "../../chain/records";
import { announceCalls } from "../../guard/announcements";
import { callsNeedingAnnouncement, formatTime } from "../../guard/calls";
import { guardFromRecords } from "../announcements";
import { readProposal } from "../proposal";
import { selectNetwork } from "../../chain";

const USAGE =
  "npm run safe:announce -- [--network <name>] --proposal <file> --keystore <owner keystore> [--guard <address>]";

export const ANNOUNCE_COMMAND: CommandSpec = {
  usage: USAGE,
  help: "Announces the proposal's self-calls and guard-configuration calls to the ReserveGuard (docs/guard.md).",
  options: options("network", "proposal", "keystore", "guard"),
};

/** Announces what the proposal needs announced and prints when each call may execute. */
export async function announce(o: ParsedOptions, print: (text: string) => void): Promise<void> {
  const network = selectNetwork(o);
  const proposalFile = requireOption(o, "proposal", USAGE);
  const keystore = keystoreFileOption(o) ?? requireOption(o, "keystore", USAGE);
  const guardOption = addressOption(o, "guard");
  const proposal = readProposal(proposalFile);
  // the repository's records (deployments/ at the root, three levels above this module)
  const guard =
    guardOption ?? guardFromRecords(readRecords(recordsRoot(path.join(__dirname, "..", "..", "..")), network));
  if (!guard) throw new UserError(`no ReserveGuard record in deployments/${network}/ (give --guard <address>)`);
  const calls = callsNeedingAnnouncement(proposal.safe, guard, proposal.safeTx);
  if (calls.length === 0) {
    print(`${proposalFile}: no call needs an announcement; nothing sent.`);
    return;
  }
  const hre = await loadHardhat();
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  if (chainId !== proposal.chainId)
    throw new UserError(
      `the proposal is for chain ${proposal.chainId}, network ${network} is chain ${chainId}; nothing was sent`,
    );
  const password = await readPassword({ envVar: "CUSTODIAN_KEYSTORE_PASSWORD", prompt: promptHidden }, keystore);
  const owner = (await decryptKeystore(keystore, password)).connect(hre.ethers.provider);
  const results = await announceCalls(owner, guard, proposal.safe, calls);
  for (const [i, r] of results.entries()) {
    print(
      `#${i + 1} ${calls[i].kind} to ${calls[i].to}: ` +
        `${r.transactionHash ? `announced in ${r.transactionHash}` : "already announced"}; ` +
        `executable from ${formatTime(r.executableAt)} until ${formatTime(r.expiresAt)} (call hash ${r.hash})`,
    );
  }
}
