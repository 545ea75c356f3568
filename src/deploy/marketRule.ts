/**
 * The DistributionRule's installation as the reserve Safe's call rule in its ReserveGuard: guard configuration, so
 * the Safe's own announced, delayed `setCallRule` (docs/guard.md), never a shortcut.
 *
 * - On a local chain, with a new Safe whose owners are local test accounts, the deployment does what the custodians
 *   would: an owner announces, the chain's clock passes the guard's delay, a quorum of owners signs offline and the
 *   deployer executes (the one custodian flow, src/custody/flow.ts).
 * - Anywhere else it writes the Safe proposal (deployments/<network>/.som/distribution-rule-proposal.json) for the
 *   custodians to announce, sign and execute (docs/custodian.md), and says when it can execute; the final check
 *   reports the rule as pending until then ({@link distributionRuleStatus}).
 */
import fs from "node:fs";
import path from "node:path";
import { ZeroAddress } from "ethers";
import type { Wallet } from "ethers";
import type { PlanStep, StepTools } from "../chain/plan";
import { addressOf, sameAddress } from "../chain/plan";
import { deploymentsDir } from "../chain/records";
import { localAccountWallet } from "../chain/localKeys";
import { GUARD_RECORDS, formatTime, guardCallHash, guardOf, setCallRuleCall } from "../guard";
import { reserveGuardAt } from "../guard/contract";
import { waitForChainTime } from "../guard/wait";
import { MARKET_RECORD } from "../market/constants";
import { currentNonce, proposeCalls } from "../custody/assemble";
import { proposeSignExecute } from "../custody/flow";
import { proposalToJson, readProposal } from "../custody/proposal";
import type { DeployConfig } from "./config";
import { LOCAL_NETWORKS, isNewSafe } from "./config";
import type { SystemState } from "./state";

/** The step's name (its journal key). */
export const RULE_INSTALL_STEP = "guard.setCallRule(DistributionRule)";

/** Where the proposal that installs the rule is written when the deployment cannot sign it. */
export function ruleProposalFile(root: string, network: string): string {
  return path.join(deploymentsDir(root, network), ".som", "distribution-rule-proposal.json");
}

/**
 * The owners' keys a local deployment signs with: the first `threshold` owners, when each is a local test account
 * ("@account:N" whose key is the local mnemonic's); undefined otherwise (the custodians sign).
 */
function localOwnerKeys(s: SystemState): Wallet[] | undefined {
  const rs = s.config.reserveSafe;
  if (!(LOCAL_NETWORKS as readonly string[]).includes(s.network) || !isNewSafe(rs)) return undefined;
  const keys: Wallet[] = [];
  for (const ref of rs.owners.slice(0, rs.threshold)) {
    const m = /^@account:(\d+)$/.exec(ref);
    if (!m) return undefined;
    const key = localAccountWallet(Number(m[1]));
    if (!sameAddress(key.address, s.resolve(ref))) return undefined;
    keys.push(key);
  }
  return keys;
}

/** Step 6: the DistributionRule becomes the reserve Safe's call rule (see the file comment). */
export const ruleInstallStep: PlanStep<SystemState> = {
  name: RULE_INSTALL_STEP,
  run: async (s, tools) => {
    const provider = s.hre.ethers.provider;
    const rule = addressOf(s, MARKET_RECORD.rule);
    const guardAddress = await guardOf(provider, s.safe);
    if (guardAddress === ZeroAddress) {
      tools.log(
        `${tools.progress ?? ""} = ${RULE_INSTALL_STEP}: the reserve Safe has no ReserveGuard (yet): ` +
          `the DistributionRule ${rule} is deployed, not installed (docs/market.md)`,
      );
      return false;
    }
    const guard = reserveGuardAt(guardAddress, provider);
    const installed = async () => sameAddress(await guard.callRuleOf(s.safe), rule);
    const recorded = s.records[GUARD_RECORDS.guard];
    const keys = recorded && sameAddress(recorded.address, guardAddress) ? localOwnerKeys(s) : undefined;
    if (!keys) {
      if (!(await installed())) await writeRuleProposal(s, guardAddress, rule, tools);
      return false;
    }
    return tools.change(RULE_INSTALL_STEP, installed, async () => {
      const announcer = keys[0].connect(provider);
      const result = await proposeSignExecute({
        provider,
        executor: s.deployer,
        safe: s.safe,
        records: Object.values(s.records),
        calls: [{ fn: "setCallRule", contract: GUARD_RECORDS.guard, args: [rule] }],
        custodians: keys,
        description: "install the DistributionRule as the reserve Safe's call rule",
        onSent: (what, hash) => tools.logSent(`${RULE_INSTALL_STEP} (${what})`, hash),
        guard: {
          address: guardAddress,
          announcer,
          passDelay: (at) =>
            waitForChainTime(provider, at, {
              advanceLocalClock: true,
              log: (line) => tools.log(`  ${RULE_INSTALL_STEP}: announced by owner ${announcer.address}; ${line}`),
            }),
        },
      });
      return [result.receipt];
    });
  },
};

/** Writes the proposal the custodians announce, sign and execute, and says when it can execute. */
async function writeRuleProposal(
  s: SystemState,
  guardAddress: string,
  rule: string,
  tools: Pick<StepTools, "log" | "progress">,
): Promise<void> {
  const provider = s.hre.ethers.provider;
  const file = ruleProposalFile(s.root, s.network);
  const guard = reserveGuardAt(guardAddress, provider);
  const hash = guardCallHash(s.safe, setCallRuleCall(guardAddress, rule));
  if (!fs.existsSync(file)) {
    // an existing Safe's hand-over proposal, not executed yet, takes the Safe's next nonce: this one follows it
    const current = await currentNonce(provider, s.safe);
    const handover =
      s.handoverProposal && fs.existsSync(s.handoverProposal) ? readProposal(s.handoverProposal) : undefined;
    const proposal = await proposeCalls({
      provider,
      records: Object.values(s.records),
      safe: s.safe,
      nonce: handover && handover.nonce >= current ? handover.nonce + 1n : current,
      calls: [setCallRuleCall(guardAddress, rule)],
      description: "install the DistributionRule as the reserve Safe's call rule",
    });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, proposalToJson(proposal));
  }
  s.ruleProposal = file;
  const [executableAt, expiresAt] = await guard.announcement(s.safe, hash);
  const delay = await guard.delayOf(s.safe);
  const shown = path.relative(process.cwd(), file);
  const when =
    expiresAt === 0n
      ? `not announced yet: executable ${delay} s after an owner announces it ` +
        `(\`npm run safe:announce -- --network ${s.network} --proposal ${shown} --keystore <owner keystore>\`)`
      : `announced: executable from ${formatTime(executableAt)} until ${formatTime(expiresAt)}`;
  tools.log(
    `${tools.progress ?? ""} ! ${RULE_INSTALL_STEP}: pending, the custodians' call: proposal ${shown} ` +
      `(announce, sign, execute: docs/custodian.md); ${when}`,
  );
}

/** What the final check says about the rule: installed, or why not (a pending proposal is not a failure). */
export async function distributionRuleStatus(
  s: SystemState,
  config: Pick<DeployConfig, "market">,
): Promise<{ state: "installed" | "no guard" | "pending"; line: string } | undefined> {
  if (!config.market) return undefined;
  const provider = s.hre.ethers.provider;
  const rule = addressOf(s, MARKET_RECORD.rule);
  const guardAddress = await guardOf(provider, s.safe);
  if (guardAddress === ZeroAddress)
    return {
      state: "no guard",
      line: `DistributionRule ${rule}: not installed (the reserve Safe has no ReserveGuard)`,
    };
  const current = await reserveGuardAt(guardAddress, provider).callRuleOf(s.safe);
  if (sameAddress(current, rule))
    return { state: "installed", line: `DistributionRule ${rule}: installed as the reserve Safe's call rule` };
  return {
    state: "pending",
    line:
      `DistributionRule ${rule}: pending (the guard's call rule is ${current}); ` +
      `the custodians announce, sign and execute ${path.relative(process.cwd(), ruleProposalFile(s.root, s.network))}`,
  };
}
