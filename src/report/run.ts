/**
 * Builds the reserve report of a network from its deployment records and writes it as JSON and
 * as a standalone HTML page under reports/<network>/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Provider } from "ethers";
import { readRecords } from "../deploy/records";
import { collectReserveReport } from "./collect";
import type { ReserveReport } from "./model";
import { renderHtml, renderText } from "./render";

export interface ReportFiles {
  report: ReserveReport;
  text: string;
  jsonFile: string;
  htmlFile: string;
}

export interface ReportRunOptions {
  provider: Provider;
  network: string;
  /** Folder holding deployments/ (project root). */
  root: string;
  /** Folder receiving reserve-report.json and reserve-report.html. */
  outDir: string;
  assetTokenAbi: readonly unknown[];
  otherTokens?: readonly string[];
}

export async function writeReserveReport(o: ReportRunOptions): Promise<ReportFiles> {
  const records = readRecords(o.root, o.network);
  const report = await collectReserveReport({
    provider: o.provider,
    network: o.network,
    records,
    assetTokenAbi: o.assetTokenAbi,
    otherTokens: o.otherTokens,
  });
  fs.mkdirSync(o.outDir, { recursive: true });
  const jsonFile = path.join(o.outDir, "reserve-report.json");
  const htmlFile = path.join(o.outDir, "reserve-report.html");
  fs.writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(htmlFile, renderHtml(report));
  return { report, text: renderText(report), jsonFile, htmlFile };
}
