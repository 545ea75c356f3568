/**
 * Builds the reserve report of a network from its deployment records (read through
 * src/chain/records.ts only) and deploy config labels, and writes it under reports/<network>/:
 * reserve-report.json (docs/report.md), reserve-report.html, and history-cache.json (the event
 * scan's cursor: a rerun reads only new blocks).
 */
import fs from "node:fs";
import path from "node:path";
import type { Provider } from "ethers";
import { loadDeployConfig } from "../deploy/config";
import type { DeployConfig } from "../deploy/config";
import { readRecords, recordsRoot, syncRecordsWithChain } from "../chain/records";
import { loadHardhat } from "../chain/hardhat";
import { collectReserveReport } from "./collect";
import type { CollectOptions } from "./collect";
import { buildLabels } from "./labels";
import type { ReserveReport } from "./model";
import { renderHtml, renderText } from "./render";

export interface ReportFiles {
  report: ReserveReport;
  text: string;
  jsonFile: string;
  htmlFile: string;
  cacheFile: string;
}

export interface ReportRunOptions {
  provider: Provider;
  network: string;
  /** Folder holding deployments/ and deploy/config/ (project root). */
  root: string;
  /** Folder receiving reserve-report.json, reserve-report.html and history-cache.json. */
  outDir: string;
  /** Kept for callers of the first version; the report reads asset tokens through TypeChain. */
  assetTokenAbi?: readonly unknown[];
  otherTokens?: readonly string[];
  /** Deploy config for labels (default: deploy/config/<network>.json under `root` or `configRoot`, if any). */
  config?: DeployConfig;
  /** Where deploy/config/ lives when it is not under `root` (the project root). */
  configRoot?: string;
  /** Tuning and test hooks passed to the collector. */
  collect?: Pick<CollectOptions, "rangeSize" | "reorgDepth" | "timeoutMs" | "blockTag" | "now" | "sections">;
  /** Keep no cache (default: cached). */
  noCache?: boolean;
}

function tryConfig(dirs: readonly string[], network: string): DeployConfig | undefined {
  for (const d of dirs) {
    try {
      return loadDeployConfig(d, network);
    } catch {
      // no (valid) config here: labels come from the records only
    }
  }
  return undefined;
}

export async function writeReserveReport(o: ReportRunOptions): Promise<ReportFiles> {
  const records = readRecords(o.root, o.network);
  const config = o.config ?? tryConfig([o.root, ...(o.configRoot ? [o.configRoot] : [])], o.network);
  const safe = records.find((r) => r.name === "ReserveSafe")?.address;
  const cacheFile = path.join(o.outDir, "history-cache.json");
  const report = await collectReserveReport({
    provider: o.provider,
    network: o.network,
    records,
    labels: buildLabels(records, config, safe),
    otherTokens: o.otherTokens ?? config?.otherReserveTokens.filter((a) => a.startsWith("0x")),
    cacheFile: o.noCache ? undefined : cacheFile,
    ...o.collect,
  });
  if (report.history.scan.cacheFile) report.history.scan.cacheFile = path.basename(report.history.scan.cacheFile);
  fs.mkdirSync(o.outDir, { recursive: true });
  const jsonFile = path.join(o.outDir, "reserve-report.json");
  const htmlFile = path.join(o.outDir, "reserve-report.html");
  fs.writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(htmlFile, renderHtml(report));
  return { report, text: renderText(report), jsonFile, htmlFile, cacheFile };
}

/**
 * The report command (scripts/report.ts; the network already selected in HARDHAT_NETWORK): loads Hardhat,
 * lets the records follow any upgrade the Safe executed, writes the report under
 * deployments' root reports/<network>/ and returns what the command prints.
 */
export async function reportCommand(projectRoot: string): Promise<string> {
  const hre = await loadHardhat();
  const root = recordsRoot(projectRoot);
  const network = hre.network.name;
  await syncRecordsWithChain(hre.ethers.provider, root, network);
  const assetToken = await hre.artifacts.readArtifact("AssetToken");
  const out = await writeReserveReport({
    provider: hre.ethers.provider,
    network,
    root,
    outDir: path.join(root, "reports", network),
    assetTokenAbi: assetToken.abi,
    configRoot: projectRoot,
  });
  return `${out.text}\n\nWrote ${path.relative(root, out.jsonFile)} and ${path.relative(root, out.htmlFile)}`;
}
