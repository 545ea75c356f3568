/**
 * Every command fed malformed option values (non-numbers, negative numbers, malformed JSON files, missing files,
 * JSON of the wrong type, bad addresses, unknown choices, output folders that do not exist): exactly one line
 * `error: ...`, exit code 1, and nothing written (no --out file, the proposal, records and input files unchanged).
 *
 * The commands run in process through the one CLI runner (`runCommand` with each command's spec and main), on the
 * in-process chain with the deployed system's records (SOM_DEPLOYMENTS_ROOT); two cases run the real npm scripts
 * as child processes. The network-only commands (deploy, report, start: their one value option is --network) are
 * the child case `npm run deploy -- --network nope`.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Wallet } from "ethers";
import { options, runCommand } from "../../src/chain";
import type { CommandSpec, ParsedOptions } from "../../src/chain";
import { writeKeystore } from "../../src/chain/keystore";
import { parseReportJson, signCommand, signReport, statusCommand, submitCommand } from "../../src/attestation";
import { readProposal } from "../../src/custody/proposal";
import { ANNOUNCE_COMMAND, announce } from "../../src/custody/cli/announce";
import { EXECUTE_COMMAND, execute } from "../../src/custody/cli/execute";
import { KEYSTORE_CREATE_COMMAND, keystoreCreate } from "../../src/custody/cli/keystoreCreate";
import { PROPOSE_COMMAND, propose } from "../../src/custody/cli/propose";
import { SIGN_COMMAND, sign } from "../../src/custody/cli/sign";
import { STATUS_COMMAND, status } from "../../src/custody/cli/status";
import { BITCOIN_COMMAND, bitcoinStep } from "../../src/deploy/bitcoin";
import { UPGRADE_COMMAND, upgradeCommand } from "../../src/deploy/upgrade";
import { SANCTIONS_COMMAND, sanctionsScreen } from "../../src/custody/cli/sanctions";
import { WATCH_OPTIONS, WATCH_USAGE, watchCommand } from "../../src/watch/cli";
import { PROJECT_ROOT } from "../helpers/cli";
import { loadSystem } from "../helpers/system";

type Print = (text: string) => void;
type Main = (o: ParsedOptions, print: Print) => Promise<unknown>;

/** The attestation commands' specs (their scripts hold them; the options are the same names). */
const ATTEST_SIGN: CommandSpec = {
  usage: "attest:sign",
  options: options("report", "keystore", "out", "on-behalf-of"),
};
const ATTEST_SUBMIT: CommandSpec = {
  usage: "attest:submit",
  options: options("network", "report", "sig[]", "rpc", "keystore"),
};
const ATTEST_STATUS: CommandSpec = {
  usage: "attest:status",
  options: options("network", "registry", "rpc", "subject[]"),
};

const COMMANDS: Record<string, { spec: CommandSpec; main: Main }> = {
  "safe:propose": { spec: PROPOSE_COMMAND, main: propose },
  "safe:execute": { spec: EXECUTE_COMMAND, main: execute },
  "safe:sign": { spec: SIGN_COMMAND, main: sign },
  "safe:announce": { spec: ANNOUNCE_COMMAND, main: announce },
  "safe:status": { spec: STATUS_COMMAND, main: status },
  "keystore:create": { spec: KEYSTORE_CREATE_COMMAND, main: keystoreCreate },
  "reserve:bitcoin": { spec: BITCOIN_COMMAND, main: bitcoinStep },
  upgrade: { spec: UPGRADE_COMMAND, main: upgradeCommand },
  "attest:sign": { spec: ATTEST_SIGN, main: (o, print) => signCommand(o, "attest:sign", print) },
  "attest:submit": { spec: ATTEST_SUBMIT, main: (o) => submitCommand(o, "attest:submit") },
  "attest:status": { spec: ATTEST_STATUS, main: (o) => statusCommand(o, "attest:status") },
  "sanctions:screen": { spec: SANCTIONS_COMMAND, main: sanctionsScreen },
  watch: {
    spec: { usage: WATCH_USAGE, options: options(...WATCH_OPTIONS) },
    main: (o) => watchCommand(o, PROJECT_ROOT),
  },
};

/** Runs a command in process as its script does; every line it prints (print, console.*) is captured. */
async function runInProcess(command: string, argv: string[]): Promise<{ lines: string[]; exitCode: unknown }> {
  const { spec, main } = COMMANDS[command];
  const lines: string[] = [];
  const capture = (...args: unknown[]): void => {
    lines.push(...args.map(String).join(" ").split("\n"));
  };
  const saved = { log: console.log, error: console.error, warn: console.warn, network: process.env.HARDHAT_NETWORK };
  console.log = capture;
  console.error = capture;
  console.warn = capture;
  process.exitCode = undefined;
  try {
    await runCommand(spec, (o) => main(o, capture).then(() => undefined), argv, capture);
    return { lines, exitCode: process.exitCode };
  } finally {
    Object.assign(console, { log: saved.log, error: saved.error, warn: saved.warn });
    process.exitCode = undefined;
    if (saved.network === undefined) delete process.env.HARDHAT_NETWORK;
    else process.env.HARDHAT_NETWORK = saved.network;
  }
}

/** Every file under `dirs` with a hash of its content (what "nothing written" compares). */
function snapshot(dirs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(p, crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex"));
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

describe("every command: a malformed option value is one line, exit 1, nothing written", function () {
  this.timeout(120_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "som-malformed-"));
  const f = (name: string): string => path.join(work, name);
  const missing = f("missing.json");
  const noFolder = path.join(work, "no-such-folder", "out.json");
  const newOut = f("new-out.json");
  const savedEnv = { root: process.env.SOM_DEPLOYMENTS_ROOT, password: process.env.MALFORMED_TEST_PASSWORD };
  let root = "";
  let records = "";
  let proposal = "";
  const attestor = Wallet.createRandom();

  before(async function () {
    root = (await loadSystem()).root;
    records = path.join(root, "deployments", "hardhat");
    process.env.SOM_DEPLOYMENTS_ROOT = root;
    process.env.MALFORMED_TEST_PASSWORD = "a test password";
    for (const [name, text] of Object.entries({
      "bad.json": '{ "version": 1,\n  "kind": }\n',
      "null.json": "null\n",
      "number.json": "42\n",
      "array.json": "[1, 2]\n",
      "string.json": '"0x1234"\n',
      "existing.json": "{}\n",
      "wrong-types.json": '{ "version": "one", "kind": 5 }\n',
      "tx-bad-address.json": JSON.stringify({ safe: "0x1234", to: "0x12", value: "0", data: null, operation: 0 }),
    }))
      fs.writeFileSync(f(name), text);
    await writeKeystore(f("keystore.json"), new Wallet(attestor.privateKey), "a test password", true);
    // a valid proposal (written by the command itself), its records completed with owners and threshold
    proposal = f("pause.json");
    const made = await runInProcess("safe:propose", [
      ...["--network", "hardhat", "--action", "pause", "--contract", "SomStablecoin", "--out", proposal],
    ]);
    expect(made.exitCode, made.lines.join("\n")).to.equal(undefined);
    const refreshed = await runInProcess("safe:status", ["--network", "hardhat", "--dir", f("proposals")]);
    expect(refreshed.exitCode, refreshed.lines.join("\n")).to.equal(undefined);
    const p = readProposal(proposal);
    // a signature file for this proposal whose 65 bytes recover to no one (v = 0)
    fs.writeFileSync(
      f("unrecoverable-sig.json"),
      JSON.stringify({
        ...{ version: 1, kind: "safe-tx-signature", chainId: p.chainId, safe: p.safe, safeTxHash: p.safeTxHash },
        ...{ signer: attestor.address, signature: `0x${"11".repeat(64)}00`, signedAt: "now" },
      }),
    );
    // a valid attestation report and signature file (for the cases whose malformed value is another option)
    const report = {
      chainId: "31337",
      registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      subject: "SOM_RESERVES",
      value: "100",
      asOf: "1790000000",
      docHash: `0x${"ab".repeat(32)}`,
      uri: "",
    };
    fs.writeFileSync(f("report.json"), JSON.stringify(report));
    const sig = await signReport(parseReportJson(report, "report"), attestor);
    fs.writeFileSync(f("report-sig.json"), JSON.stringify(sig));
  });

  after(function () {
    for (const [k, v] of [
      ["SOM_DEPLOYMENTS_ROOT", savedEnv.root],
      ["MALFORMED_TEST_PASSWORD", savedEnv.password],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  const net = ["--network", "hardhat"];
  const pauseCall = ["--action", "pause", "--contract", "SomStablecoin"];
  const password = ["--password-env", "MALFORMED_TEST_PASSWORD"];
  /** attest:submit's options, all valid but the ones given. */
  const submitArgs = (o: { rpc?: string; sig?: string; keystore?: string }): string[] => [
    ...["--rpc", o.rpc ?? "http://127.0.0.1:9", "--report", f("report.json")],
    ...["--sig", o.sig ?? f("report-sig.json"), "--keystore", o.keystore ?? f("keystore.json")],
  ];
  // [command, argv (files by name in the work folder: f(...) at run time), expected error line]
  const cases: [string, () => string[], RegExp][] = [
    // safe:propose: numbers, JSON files, JSON of the wrong type, arguments, names, an existing --out
    [
      "safe:propose",
      () => [...net, ...pauseCall, "--nonce", "abc", "--out", newOut],
      /^error: --nonce: expected a non-negative integer, got "abc"$/,
    ],
    [
      "safe:propose",
      () => [...net, ...pauseCall, "--nonce=-1", "--out", newOut],
      /^error: --nonce: must be at least 0, got -1$/,
    ],
    [
      "safe:propose",
      () => [...net, ...pauseCall, "--nonce", "1.5", "--out", newOut],
      /^error: --nonce: expected a non-negative integer/,
    ],
    [
      "safe:propose",
      () => [...net, ...pauseCall, "--nonce", "0x10", "--out", newOut],
      /^error: --nonce: expected a non-negative integer/,
    ],
    [
      "safe:propose",
      () => [...net, "--batch", f("bad.json"), "--out", newOut],
      /^error: --batch .*bad\.json:2:\d+: invalid JSON/,
    ],
    [
      "safe:propose",
      () => [...net, "--batch", missing, "--out", newOut],
      /^error: --batch .*missing\.json: cannot read \(no such file\)$/,
    ],
    [
      "safe:propose",
      () => [...net, "--batch", work, "--out", newOut],
      /^error: --batch .*: cannot read \(is a folder, not a file\)$/,
    ],
    [
      "safe:propose",
      () => [...net, "--batch", f("null.json"), "--out", newOut],
      /^error: .*null\.json: a batch is a non-empty JSON array/,
    ],
    [
      "safe:propose",
      () => [...net, "--batch", f("number.json"), "--out", newOut],
      /^error: .*number\.json: a batch is a non-empty JSON array/,
    ],
    [
      "safe:propose",
      () => [...net, "--batch", f("array.json"), "--out", newOut],
      /^error: .*array\.json: entry #1 needs "contract"/,
    ],
    [
      "safe:propose",
      () => [...net, "--fn", "transfer", "--contract", "SomStablecoin", "--arg", "to", "--out", newOut],
      /^error: --arg "to" must be name=value/,
    ],
    [
      "safe:propose",
      () => [...net, "--fn", "freeze", "--contract", "SomStablecoin", "--arg", "accounts=[1,", "--out", newOut],
      /^error: --arg accounts: invalid JSON/,
    ],
    [
      "safe:propose",
      () => [
        ...net,
        "--fn",
        "transfer",
        "--contract",
        "SomStablecoin",
        "--arg",
        "to=0x12",
        "--arg",
        "value=1",
        "--out",
        newOut,
      ],
      /^error: .*to \(address\)/,
    ],
    [
      "safe:propose",
      () => [...net, ...pauseCall, "--safe", "NoSuchSafe", "--out", newOut],
      /^error: no record "NoSuchSafe"/,
    ],
    ["safe:propose", () => [...net, ...pauseCall, "--out", f("existing.json")], /^error: .*existing\.json exists/],
    ["safe:propose", () => [...net, ...pauseCall, "--nonse", "1", "--out", newOut], /^error: Unknown option '--nonse'/],
    // safe:execute: the proposal and the signature files
    [
      "safe:execute",
      () => [...net, "--proposal", proposal, "--signatures", f("bad.json")],
      /^error: .*bad\.json:2:\d+: invalid JSON/,
    ],
    [
      "safe:execute",
      () => [...net, "--proposal", proposal, "--signatures", missing],
      /^error: signature file .*missing\.json not found$/,
    ],
    [
      "safe:execute",
      () => [...net, "--proposal", proposal, "--signatures", f("null.json")],
      /^error: .*null\.json: not a signature file/,
    ],
    [
      "safe:execute",
      () => [...net, "--proposal", proposal, "--signatures", f("array.json")],
      /^error: .*array\.json: not a signature file/,
    ],
    [
      "safe:execute",
      () => [...net, "--proposal", proposal, "--signatures", f("wrong-types.json")],
      /^error: .*wrong-types\.json: field version must be a non-negative integer/,
    ],
    [
      "safe:execute",
      () => [...net, "--proposal", proposal, "--signatures", f("unrecoverable-sig.json")],
      /^error: not a valid ECDSA signature/,
    ],
    ["safe:execute", () => [...net, "--proposal", f("bad.json")], /^error: .*bad\.json:2:\d+: invalid JSON/],
    ["safe:execute", () => [...net, "--proposal", f("number.json")], /^error: .*number\.json: not a proposal object$/],
    ["safe:execute", () => [...net, "--proposal", missing], /^error: proposal file .*missing\.json not found$/],
    [
      "safe:execute",
      () => [...net, "--proposal", proposal, "--allow-risk", "everything"],
      /^error: --allow-risk everything: unknown risk code/,
    ],
    // safe:sign (offline): files read, files to write, the imported signature, the keystore
    [
      "safe:sign",
      () => ["--proposal", f("bad.json"), "--records", records, "--review-only"],
      /^error: .*bad\.json:2:\d+: invalid JSON/,
    ],
    [
      "safe:sign",
      () => ["--proposal", f("string.json"), "--records", records, "--review-only"],
      /^error: .*string\.json: not a proposal object$/,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", path.join(work, "no-records"), "--review-only"],
      /^error: no deployment records in /,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", records, "--announcements", f("bad.json")],
      /^error: not readable announcement records: .*bad\.json:2:\d+: invalid JSON/,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", records, "--announcements", f("null.json")],
      /^error: not readable announcement records: .*null\.json/,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", records, "--announcements", f("wrong-types.json")],
      /^error: not readable announcement records: .*wrong-types\.json:1: version/,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", records, "--announcements", missing],
      /^error: not readable announcement records: .*no such file/,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", records, "--import-signature", "0x1234"],
      /^error: --import-signature: expected a 65-byte/,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", records, "--import-signature", `0x${"11".repeat(64)}05`],
      /^error: --import-signature: not a valid ECDSA signature/,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", records, "--keystore", f("null.json")],
      /^error: --keystore .*null\.json/,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", records, "--keystore", missing],
      /^error: --keystore .*missing\.json: cannot read \(no such file\)$/,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", records, "--keystore", f("keystore.json"), "--out", noFolder],
      /^error: --out .*: folder .*no-such-folder does not exist$/,
    ],
    [
      "safe:sign",
      () => ["--proposal", proposal, "--records", records, "--export-typed-data", noFolder],
      /^error: --export-typed-data .*does not exist$/,
    ],
    [
      "safe:sign",
      () => ["--proposal", newOut, "--records", records, "--from-tx-service", f("bad.json")],
      /^error: --from-tx-service .*bad\.json:2:\d+: invalid JSON/,
    ],
    [
      "safe:sign",
      () => ["--proposal", newOut, "--records", records, "--from-tx-service", f("number.json")],
      /^error: Transaction Service JSON: not an object$/,
    ],
    [
      "safe:sign",
      () => ["--proposal", newOut, "--records", records, "--from-tx-service", f("tx-bad-address.json")],
      /^error: Transaction Service JSON: field to is not an address: "0x12"$/,
    ],
    [
      "safe:sign",
      () => ["--proposal", newOut, "--records", records, "--from-tx-service", missing],
      /^error: --from-tx-service .*no such file/,
    ],
    // safe:announce: an address, the proposal, the keystore
    [
      "safe:announce",
      () => [...net, "--proposal", proposal, "--keystore", f("keystore.json"), "--guard", "0x12"],
      /^error: --guard: expected a 0x address/,
    ],
    [
      "safe:announce",
      () => [...net, "--proposal", proposal, "--keystore", f("keystore.json"), "--guard", "ReserveGuard"],
      /^error: --guard: expected a 0x address/,
    ],
    [
      "safe:announce",
      () => [...net, "--proposal", f("array.json"), "--keystore", f("keystore.json")],
      /^error: .*array\.json: not a proposal object$/,
    ],
    [
      "safe:announce",
      () => [...net, "--proposal", proposal, "--keystore", f("bad.json")],
      /^error: --keystore .*bad\.json:2:\d+: invalid JSON/,
    ],
    // safe:status: a name
    ["safe:status", () => [...net, "--safe", "NoSuchSafe", "--dir", f("proposals")], /^error: no record "NoSuchSafe"/],
    // keystore:create: a number (before any password is asked), an existing --out
    [
      "keystore:create",
      () => ["--out", newOut, ...password, "--local-account", "abc"],
      /^error: --local-account: expected a non-negative integer, got "abc"$/,
    ],
    [
      "keystore:create",
      () => ["--out", newOut, ...password, "--local-account=-1"],
      /^error: --local-account: must be at least 0, got -1$/,
    ],
    [
      "keystore:create",
      () => ["--out", newOut, ...password, "--local-account", "1000"],
      /^error: --local-account: must be at most 999, got 1000$/,
    ],
    ["keystore:create", () => ["--out", f("existing.json"), ...password], /^error: .*existing\.json exists/],
    // reserve:bitcoin: a choice, the position file (read after the registry's decimals), an existing --out
    [
      "reserve:bitcoin",
      () => [...net, "--position", f("null.json"), "--step", "burn", "--out", newOut],
      /^error: --step must be one of create, valuation, mint, got "burn"$/,
    ],
    [
      "reserve:bitcoin",
      () => [...net, "--position", f("bad.json"), "--step", "create", "--out", newOut],
      /^error: .*bad\.json:2:\d+: invalid JSON/,
    ],
    [
      "reserve:bitcoin",
      () => [...net, "--position", f("null.json"), "--step", "create", "--out", newOut],
      /^error: .*null\.json:1: \(top level\): expected object, found null/,
    ],
    [
      "reserve:bitcoin",
      () => [...net, "--position", missing, "--step", "create", "--out", newOut],
      /^error: .*missing\.json: cannot read \(no such file\)$/,
    ],
    [
      "reserve:bitcoin",
      () => [...net, "--position", f("null.json"), "--step", "create", "--out", f("existing.json")],
      /^error: .*existing\.json exists/,
    ],
    // sanctions:screen: the list files (read before the chain), the --out folder, the keystore
    ["sanctions:screen", () => [...net, "--list", f("bad.json"), "--out", newOut], /^error: .*bad\.json: not JSON/],
    [
      "sanctions:screen",
      () => [...net, "--list", f("null.json"), "--out", newOut],
      /^error: .*null\.json: expected \{ "entries": \[ \.\.\. \] \}$/,
    ],
    [
      "sanctions:screen",
      () => [...net, "--list", missing, "--out", newOut],
      /^error: .*missing\.json: no such list file$/,
    ],
    [
      "sanctions:screen",
      () => [...net, "--list", f("null.json"), "--out", noFolder],
      /^error: --out .*does not exist$/,
    ],
    [
      "sanctions:screen",
      () => [...net, "--list", f("null.json"), "--out", newOut, "--apply", "--keystore", f("bad.json")],
      /^error: --keystore .*bad\.json:2:\d+: invalid JSON/,
    ],
    // watch: a number, the config file
    ["watch", () => [...net, "--once", "--from-block", "abc"], /^error: --from-block: expected a non-negative integer/],
    ["watch", () => [...net, "--once", "--config", f("bad.json")], /^error: .*bad\.json:2:\d+: invalid JSON/],
    ["watch", () => [...net, "--once", "--config", missing], /^error: .*missing\.json/],
    // upgrade: the --out file is checked before anything is compiled or deployed
    [
      "upgrade",
      () => [...net, "--target", "SomStablecoin", "--implementation", "SomStablecoin", "--out", noFolder],
      /^error: --out .*does not exist$/,
    ],
    [
      "upgrade",
      () => [...net, "--target", "SomStablecoin", "--implementation", "SomStablecoin", "--out", f("existing.json")],
      /^error: --out .*existing\.json already exists/,
    ],
    // attest:sign (offline): the report, an address, the keystore, the --out file
    [
      "attest:sign",
      () => ["--report", f("bad.json"), "--keystore", f("keystore.json"), "--out", newOut],
      /^error: .*bad\.json:2:\d+: invalid JSON/,
    ],
    [
      "attest:sign",
      () => ["--report", f("array.json"), "--keystore", f("keystore.json"), "--out", newOut],
      /^error: .*array\.json:1: \(top level\): expected object/,
    ],
    [
      "attest:sign",
      () => ["--report", missing, "--keystore", f("keystore.json"), "--out", newOut],
      /^error: report file .*missing\.json not found$/,
    ],
    [
      "attest:sign",
      () => ["--report", f("report.json"), "--keystore", f("keystore.json"), "--out", newOut, "--on-behalf-of", "0x12"],
      /^error: --on-behalf-of: expected a 0x address/,
    ],
    [
      "attest:sign",
      () => ["--report", f("report.json"), "--keystore", f("number.json"), "--out", newOut],
      /^error: --keystore .*number\.json/,
    ],
    [
      "attest:sign",
      () => ["--report", f("report.json"), "--keystore", f("keystore.json"), "--out", noFolder],
      /^error: --out .*does not exist$/,
    ],
    [
      "attest:sign",
      () => ["--report", f("report.json"), "--keystore", f("keystore.json"), "--out", f("existing.json")],
      /^error: --out .*existing\.json already exists/,
    ],
    // attest:submit: signature files, the RPC URL, the keystore (checked before anything is asked or sent)
    ["attest:submit", () => submitArgs({ sig: f("bad.json") }), /^error: .*bad\.json:2:\d+: invalid JSON/],
    ["attest:submit", () => submitArgs({ sig: f("null.json") }), /^error: .*null\.json: expected a JSON object$/],
    [
      "attest:submit",
      () => submitArgs({ rpc: "not a url" }),
      /^error: --rpc \(or RPC_URL\): expected an http\(s\):\/\/ URL, got "not a url"$/,
    ],
    ["attest:submit", () => submitArgs({ keystore: f("string.json") }), /^error: --keystore .*string\.json/],
    // attest:status: an address, a subject, the RPC URL, a network without a node
    ["attest:status", () => ["--network", "nope"], /^error: network "nope" has no node to reach/],
    [
      "attest:status",
      () => ["--rpc", "http://127.0.0.1:9", "--registry", "0x12"],
      /^error: --registry: expected a 0x address/,
    ],
    [
      "attest:status",
      () => ["--rpc", "http://127.0.0.1:9", "--registry", attestor.address, "--subject", "0x1234"],
      /^error: --subject: a 0x subject must be 32 bytes/,
    ],
    [
      "attest:status",
      () => ["--rpc", "ftp://127.0.0.1:9", "--registry", attestor.address],
      /^error: --rpc \(or RPC_URL\): expected an http\(s\):\/\/ URL/,
    ],
  ];

  for (const [command, argv, expected] of cases) {
    const title = `${command} ${argv()
      .map((a) => (a.startsWith(work) ? path.relative(work, a) || "<folder>" : a))
      .join(" ")}`;
    it(title.replace(/--network hardhat /, ""), async function () {
      const watched = [work, records];
      const before = snapshot(watched);
      const res = await runInProcess(command, argv());
      expect(res.lines, res.lines.join("\n")).to.have.length(1);
      expect(res.lines[0]).to.match(expected);
      expect(res.exitCode).to.equal(1);
      expect(fs.existsSync(newOut), "the --out file").to.equal(false);
      expect(snapshot(watched)).to.deep.equal(before);
    });
  }

  it("knows every command: each npm script of scripts/ is in the table above or takes only --network and switches", function () {
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    const commands = Object.keys(scripts).filter((name) =>
      /^node -r \.\/tools\/register\.js scripts\//.test(scripts[name]),
    );
    // --network: an unknown name is Hardhat's one-line HH100 (the deploy case below); --dry-run is a switch.
    const networkOnly = ["deploy", "report", "start"];
    // developer tooling with options of its own (no chain, no files of the user's): its malformed values are one
    // line and exit 1 in test/mutation/run.test.ts
    const tooling = ["mutation"];
    expect(
      commands.filter((name) => !(name in COMMANDS) && !networkOnly.includes(name) && !tooling.includes(name)),
    ).to.deep.equal([]);
    expect(networkOnly.filter((name) => !commands.includes(name))).to.deep.equal([]);
  });

  it("the real npm scripts (child processes): safe:propose --nonce abc and deploy --network nope are one line, exit 1", function () {
    for (const [script, args, expected] of [
      [
        "safe:propose",
        [...pauseCall, "--nonce", "abc", "--out", newOut],
        /^error: --nonce: expected a non-negative integer/,
      ],
      ["deploy", ["--network", "nope"], /^error: HH100: Network nope doesn't exist/],
    ] as const) {
      const res = spawnSync("npm", ["run", "-s", script, "--", ...args], {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        encoding: "utf8",
        timeout: 60_000,
      });
      const out = `${res.stdout}${res.stderr}`.trim();
      expect(out.split("\n"), out).to.have.length(1);
      expect(out).to.match(expected);
      expect(res.status, out).to.equal(1);
    }
    expect(fs.existsSync(newOut)).to.equal(false);
  });
});
