/**
 * Sanctions lists as files, read into one shape: OFAC's SDN advanced XML (the "Digital Currency Address - ETH" and
 * "- BSC" features of each distinct party) and the project's simple CSV and JSON forms for national, EU or UK lists
 * (docs/sanctions.md). Every address is validated (0x and 40 hex digits; a mixed-case address must carry its checksum;
 * never the zero address); a malformed file is one {@link SanctionsListError} naming the file and the line or element.
 * A list's hash is the sha256 of its bytes: the legal reference the screening carries on chain.
 */
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ZeroAddress, getAddress, isAddress } from "ethers";
import { UserError } from "../chain/errors";

/** A list file that cannot be read as a sanctions list (user-fixable: the file). */
export class SanctionsListError extends UserError {}

/** One listed address, with where it is listed. */
export interface ListedAddress {
  /** Checksummed. */
  address: string;
  /** The list's name (e.g. "OFAC SDN", "KG national list"). */
  list: string;
  /** The entry's id in its list (OFAC: the distinct party's FixedRef). */
  entryId: string;
  /** The entry's (or the list's) date, YYYY-MM-DD. */
  date: string;
}

/** One list file as read. */
export interface SanctionsList {
  file: string;
  /** "ofac-xml", "csv" or "json". */
  format: "ofac-xml" | "csv" | "json";
  /** List name(s) of its entries, or the file's own name for an OFAC export. */
  name: string;
  /** sha256 of the file's bytes, 0x-hex. */
  hash: string;
  /** Date of issue (OFAC) or the latest entry date, YYYY-MM-DD. */
  date: string;
  entries: ListedAddress[];
}

/** The OFAC feature types whose addresses this reserve screens (its chains: Ethereum and BNB Smart Chain). */
export const SCREENED_FEATURES = ["Digital Currency Address - ETH", "Digital Currency Address - BSC"] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return DAY.test(text) && !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** A listed address as text, checked: checksummed on output. `where` names the line or element in errors. */
export function listedAddress(text: string, file: string, where: string): string {
  const t = text.trim();
  if (!/^0x[0-9a-fA-F]{40}$/.test(t)) throw new SanctionsListError(`${file}: ${where}: "${t}" is not an address`);
  if (!isAddress(t)) throw new SanctionsListError(`${file}: ${where}: "${t}" has a wrong checksum`);
  const a = getAddress(t);
  if (a === ZeroAddress) throw new SanctionsListError(`${file}: ${where}: the zero address cannot be listed`);
  return a;
}

function sha256(bytes: Buffer): string {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}

/** Reads one list file; the format from its extension (.xml, .csv, .json). */
export function readSanctionsList(file: string): SanctionsList {
  const shown = path.relative(process.cwd(), file) || file;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new SanctionsListError(`${shown}: no such list file`);
  }
  const text = bytes.toString("utf8");
  const ext = path.extname(file).toLowerCase();
  const read =
    ext === ".xml"
      ? readOfacXml(text, shown)
      : ext === ".csv"
        ? readCsv(text, shown)
        : ext === ".json"
          ? readJson(text, shown)
          : undefined;
  if (!read) throw new SanctionsListError(`${shown}: unknown list format "${ext}" (expected .xml, .csv or .json)`);
  return { file: shown, hash: sha256(bytes), ...read };
}

type Read = Omit<SanctionsList, "file" | "hash">;

function latest(entries: readonly ListedAddress[], fallback: string): string {
  return entries.reduce((d, e) => (e.date > d ? e.date : d), "") || fallback;
}

/** The simple CSV form: a header `address,list,entryId,date`, one entry per line; `#` starts a comment line. */
function readCsv(text: string, file: string): Read {
  const lines = text.split(/\r?\n/);
  const entries: ListedAddress[] = [];
  let header = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const cells = line.split(",").map((c) => c.trim());
    if (!header) {
      if (cells.join(",") !== "address,list,entryId,date")
        throw new SanctionsListError(`${file}:${i + 1}: the header must be "address,list,entryId,date"`);
      header = true;
      return;
    }
    if (cells.length !== 4)
      throw new SanctionsListError(
        `${file}:${i + 1}: expected 4 fields (address,list,entryId,date), got ${cells.length}`,
      );
    const [address, list, entryId, date] = cells;
    if (list === "" || entryId === "") throw new SanctionsListError(`${file}:${i + 1}: list and entryId must be set`);
    if (!validDay(date)) throw new SanctionsListError(`${file}:${i + 1}: date "${date}" is not YYYY-MM-DD`);
    entries.push({ address: listedAddress(address, file, `line ${i + 1}`), list, entryId, date });
  });
  if (!header) throw new SanctionsListError(`${file}: empty list (no "address,list,entryId,date" header)`);
  return { format: "csv", name: names(entries, file), date: latest(entries, "1970-01-01"), entries };
}

/** The simple JSON form: `{ "entries": [{ "address", "list", "entryId", "date" }] }`. */
function readJson(text: string, file: string): Read {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SanctionsListError(`${file}: not JSON: ${(e as Error).message}`);
  }
  const list = (doc as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) throw new SanctionsListError(`${file}: expected { "entries": [ ... ] }`);
  const entries = list.map((e: unknown, i): ListedAddress => {
    const where = `entries[${i}]`;
    const o = e as Record<string, unknown> | null;
    const field = (k: string): string => {
      const v = o?.[k];
      if (typeof v !== "string" || v.trim() === "")
        throw new SanctionsListError(`${file}: ${where}.${k}: must be a non-empty string`);
      return v.trim();
    };
    const date = field("date");
    if (!validDay(date)) throw new SanctionsListError(`${file}: ${where}.date: "${date}" is not YYYY-MM-DD`);
    const extra = Object.keys(o ?? {}).find((k) => !["address", "list", "entryId", "date"].includes(k));
    if (extra !== undefined) throw new SanctionsListError(`${file}: ${where}.${extra}: unknown field`);
    return {
      address: listedAddress(field("address"), file, `${where}.address`),
      list: field("list"),
      entryId: field("entryId"),
      date,
    };
  });
  return { format: "json", name: names(entries, file), date: latest(entries, "1970-01-01"), entries };
}

function names(entries: readonly ListedAddress[], file: string): string {
  const set = [...new Set(entries.map((e) => e.list))].sort();
  return set.length > 0 ? set.join(" + ") : path.basename(file);
}

type XmlNode = Record<string, unknown>;

const asArray = (v: unknown): XmlNode[] =>
  Array.isArray(v) ? (v as XmlNode[]) : v === undefined ? [] : [v as XmlNode];
const textOf = (v: unknown): string =>
  typeof v === "string" || typeof v === "number" ? String(v) : String((v as XmlNode | undefined)?.["#text"] ?? "");

/**
 * OFAC's SDN advanced XML: the ids of the screened feature types (ReferenceValueSets/FeatureTypeValues), then each
 * DistinctParty's profiles' features of those types: the VersionDetail text is the address, the party's FixedRef the
 * entry id; the date is the list's DateOfIssue.
 */
function readOfacXml(text: string, file: string): Read {
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new SanctionsListError(`${file}:${valid.err.line}:${valid.err.col}: malformed XML: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
  });
  const doc = parser.parse(text) as XmlNode;
  const root = doc.Sanctions as XmlNode | undefined;
  if (!root) throw new SanctionsListError(`${file}: not an OFAC advanced XML export (no <Sanctions> root)`);
  const issue = root.DateOfIssue as XmlNode | undefined;
  const pad = (v: unknown) => textOf(v).padStart(2, "0");
  const date = issue ? `${textOf(issue.Year)}-${pad(issue.Month)}-${pad(issue.Day)}` : "";
  if (!validDay(date)) throw new SanctionsListError(`${file}: <DateOfIssue> is missing or not a date`);
  const types = asArray(
    ((root.ReferenceValueSets as XmlNode | undefined)?.FeatureTypeValues as XmlNode | undefined)?.FeatureType,
  );
  const screened = new Set(
    types
      .filter((t) => (SCREENED_FEATURES as readonly string[]).includes(textOf(t).trim()))
      .map((t) => String(t["@ID"])),
  );
  const entries: ListedAddress[] = [];
  const parties = asArray((root.DistinctParties as XmlNode | undefined)?.DistinctParty);
  for (const party of parties) {
    const ref = String(party["@FixedRef"] ?? "");
    for (const profile of asArray(party.Profile)) {
      for (const feature of asArray(profile.Feature)) {
        if (!screened.has(String(feature["@FeatureTypeID"]))) continue;
        for (const version of asArray(feature.FeatureVersion)) {
          const where = `<DistinctParty FixedRef="${ref}"> <Feature ID="${String(feature["@ID"] ?? "?")}">`;
          if (ref === "") throw new SanctionsListError(`${file}: a <DistinctParty> without FixedRef`);
          entries.push({
            address: listedAddress(textOf(version.VersionDetail), file, where),
            list: "OFAC SDN",
            entryId: ref,
            date,
          });
        }
      }
    }
  }
  return { format: "ofac-xml", name: "OFAC SDN", date, entries };
}
