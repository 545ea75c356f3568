/**
 * `npm run upgrade -- --network <name> --target <record> --implementation <Contract> --out <proposal.json>`
 * Prepares and validates the new implementation, then writes a Safe proposal for the custodians
 * (sign it with `npm run safe:sign`, execute with `npm run safe:execute`). Once executed, the
 * deployment records follow the upgrade on the next deploy/upgrade/start run (or `syncRecordsWithChain`).
 */
import path from "node:path";
import { requireOption, runCommand } from "../src/chain/cli";
import { recordsRoot } from "../src/chain/records";

const USAGE = "npm run upgrade -- --network <name> --target <record> --implementation <Contract> --out <proposal.json> [--safe <record>]";

void runCommand(
  {
    usage: USAGE,
    help: [
      "Validates the storage layout of <Contract> against the proxy's current implementation (upgrades plugin),",
      "deploys the new implementation once, and writes a Safe proposal that upgrades <record> to it.",
      "Nothing is upgraded from a hot key: custodians review, sign offline and execute the proposal.",
      "",
      "  --network <name>          network of hardhat.config.ts (default: hardhat)",
      "  --target <record>         record under deployments/<network>/: a UUPS proxy (e.g. SomStablecoin) or AssetTokenBeacon",
      "  --implementation <name>   contract of this project to upgrade to (e.g. SomStablecoin after editing its source)",
      "  --out <file>              where to write the proposal (never overwritten)",
      "  --safe <record>           the Safe's record (default ReserveSafe)",
    ].join("\n"),
    options: { network: { type: "string" }, target: { type: "string" }, implementation: { type: "string" }, out: { type: "string" }, safe: { type: "string" } },
  },
  async (o) => {
    const target = requireOption(o, "target", USAGE);
    const implementation = requireOption(o, "implementation", USAGE);
    const out = requireOption(o, "out", USAGE);
    process.env.HARDHAT_NETWORK = typeof o.network === "string" ? o.network : "hardhat";
    const hre = await (await import("../src/deploy/cli")).loadHardhat();
    const { prepareUpgradeProposal } = await import("../src/deploy/upgrade");
    await hre.run("compile", { quiet: true });
    const res = await prepareUpgradeProposal({
      hre,
      root: recordsRoot(path.join(__dirname, "..")),
      target,
      implementation,
      out,
      safe: typeof o.safe === "string" ? o.safe : undefined,
    });
    console.log(
      [
        ...res.proposal.summary,
        `New ${res.kind} implementation ${res.newImplementation} (storage layout validated)`,
        `SafeTx hash ${res.proposal.safeTxHash}`,
        `Wrote ${out}: custodians sign it offline, then execute.`,
      ].join("\n"),
    );
    // An upgrade changes code: with the ReserveGuard it is a delayed call, announced first (docs/guard.md).
    const { announcementStep } = await import("../src/custody/announcements");
    const { readRecords } = await import("../src/chain/records");
    const plan = await announcementStep(hre.ethers.provider, readRecords(recordsRoot(path.join(__dirname, "..")), hre.network.name), res.proposal, hre.network.name, out);
    if (plan.length > 0) console.log(plan.join("\n"));
  },
);
