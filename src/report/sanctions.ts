/**
 * The report's sanctions section: the lists the operator applied last (from the records the report is made with:
 * the SomStablecoin record's `sanctions`, written by `npm run sanctions:screen -- --apply`), labelled as such, and
 * beside them what the chain says: how many of the listed addresses are frozen at the report's block (from the
 * stablecoin's Frozen and Unfrozen events, through the report's scan).
 */
import { getAddress } from "ethers";
import { FROZEN_TOPIC, UNFROZEN_TOPIC, frozenAccounts } from "../sanctions/frozen";
import type { ExtraSection } from "./model";
import type { ReportSectionProvider, SectionContext } from "./sections";

export const SANCTIONS_SECTION_ID = "sanctions";

export const sanctionsSection: ReportSectionProvider = {
  id: SANCTIONS_SECTION_ID,
  events: (records) => {
    const coin = records.find((r) => r.name === "SomStablecoin");
    return coin?.sanctions
      ? { addresses: [coin.address], topics: [FROZEN_TOPIC, UNFROZEN_TOPIC] }
      : { addresses: [], topics: [] };
  },
  collect: async (ctx: SectionContext): Promise<ExtraSection | null> => {
    const coin = ctx.records.find((r) => r.name === "SomStablecoin");
    const s = coin?.sanctions;
    if (!coin || !s) return null;
    const frozen = frozenAccounts(ctx.logs, coin.address, ctx.blockNumber);
    const listed = Object.keys(s.entries).map((a) => getAddress(a));
    const notFrozen = listed.filter((a) => !frozen.has(a));
    return {
      id: SANCTIONS_SECTION_ID,
      title: "Sanctions lists applied",
      blockNumber: ctx.blockNumber,
      description:
        `The operator's records (not verifiable on chain: the list files are not on chain): ${s.lists} of ${s.date}, ` +
        `sha256 ${s.listHash}, ${listed.length} listed address(es), ${s.how} at block ${s.block} (${s.at}). ` +
        `On chain at block ${ctx.blockNumber}: ${listed.length - notFrozen.length} of them frozen.`,
      columns: ["List", "File", "sha256", "Entries"],
      rows: s.files.map((f) => [f.name, f.file, f.hash, String(f.entries)]),
      warnings:
        s.how === "applied" && notFrozen.length > 0
          ? [`${notFrozen.length} address(es) of the applied sanctions lists are NOT frozen: ${notFrozen.join(", ")}`]
          : [],
    };
  },
};
