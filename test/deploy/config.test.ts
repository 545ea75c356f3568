import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import {
  DeployConfigError,
  isNewSafe,
  loadDeployConfig,
  parseDeployConfig,
  parseDeployConfigText,
} from "../../src/deploy/config";
import { JsonSyntaxError } from "../../src/chain/schema";
import { UserError } from "../../src/chain/errors";
import { PROJECT_ROOT } from "../helpers/cli";

function localConfig(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", "hardhat.json"), "utf8")) as Record<
    string,
    unknown
  >;
}

/**
 * hardhat.json as parsed, before validation: the parts the cases below reach into. They write wrong types, unknown
 * fields and deletions on purpose, so every value is `unknown`.
 */
interface RawConfig {
  [field: string]: unknown;
  stablecoin: Record<string, unknown>;
  reserveSafe: { owners: unknown[]; [field: string]: unknown };
  attestation: { attestors: unknown[]; somReserves: Record<string, unknown>; [field: string]: unknown };
  minters: { rateLimit: Record<string, unknown>; [field: string]: unknown }[];
  roles: Record<string, Record<string, unknown>>;
}

function expectFieldError(raw: unknown, network: string, field: string, fragment: string): void {
  try {
    parseDeployConfig(raw, "cfg.json", network);
  } catch (e) {
    expect(e).to.be.instanceOf(DeployConfigError);
    expect(e).to.be.instanceOf(UserError);
    expect((e as DeployConfigError).field).to.equal(field);
    expect((e as Error).message)
      .to.contain(`cfg.json: ${field}:`)
      .and.contain(fragment);
    return;
  }
  expect.fail(`no error for ${field}`);
}

describe("deploy: configuration", function () {
  it("loads the committed local configs", function () {
    for (const network of ["hardhat", "localhost"]) {
      const cfg = loadDeployConfig(PROJECT_ROOT, network);
      expect(cfg.network).to.equal(network);
      expect(cfg.chainId).to.equal(31337);
      expect(isNewSafe(cfg.reserveSafe)).to.equal(true);
      expect(cfg.attestation.threshold).to.equal(2);
    }
  });

  it("the example testnet configs only fail on their placeholder addresses", function () {
    for (const network of ["sepolia", "bscTestnet"]) {
      const raw = JSON.parse(
        fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", `${network}.example.json`), "utf8"),
      ) as unknown;
      expectFieldError(raw, network, "reserveSafe.owners[0]", "is not an address");
    }
  });

  it("says how to start when a network has no config", function () {
    expect(() => loadDeployConfig(PROJECT_ROOT, "nowhere")).to.throw(
      /no deployment configuration for network "nowhere"/,
    );
  });

  it("names the file, the line and the field; invalid JSON by line:column", function () {
    const text = fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", "hardhat.json"), "utf8");
    const typo = text.replace('"threshold": 2, "saltNonce"', '"treshold": 2, "saltNonce"');
    expect(typo).to.not.equal(text);
    const line = typo.split("\n").findIndex((l) => l.includes("treshold")) + 1;
    expect(() => parseDeployConfigText(typo, "deploy/config/hardhat.json", "hardhat")).to.throw(
      DeployConfigError,
      `deploy/config/hardhat.json:${line}: reserveSafe.treshold: unknown field (did you mean "threshold"?)`,
    );
    const zero = text.replace('"owners": ["@account:1"', '"owners": ["0x0000000000000000000000000000000000000000"');
    expect(() => parseDeployConfigText(zero, "cfg.json", "hardhat")).to.throw(
      `cfg.json:${line}: reserveSafe.owners[0]: the zero address cannot hold anything`,
    );
    const broken = text.replace('"decimals": 2,', '"decimals": 2,,');
    const brokenLine = broken.split("\n").findIndex((l) => l.includes(",,")) + 1;
    expect(() => parseDeployConfigText(broken, "cfg.json", "hardhat")).to.throw(
      JsonSyntaxError,
      new RegExp(`^cfg\\.json:${brokenLine}:\\d+: invalid JSON`),
    );
    const twice = text.replace('"chainId": 31337,', '"chainId": 31337, "chainId": 1,');
    expect(() => parseDeployConfigText(twice, "cfg.json", "hardhat")).to.throw(/field "chainId" appears twice/);
  });

  it("names the field of every mistake", function () {
    const cases: [string, (c: RawConfig) => void, string][] = [
      ["network", (c) => (c.network = "sepolia"), 'is "sepolia" but the command runs on --network hardhat'],
      ["chainId", (c) => (c.chainId = "31337"), "must be an integer"],
      ["stablecoin.decimals", (c) => (c.stablecoin.decimals = 19), "from 0 to 18"],
      ["stablecoin.symbol", (c) => (c.stablecoin.symbol = ""), "non-empty string"],
      ["reserveSafe.threshold", (c) => (c.reserveSafe.threshold = 4), "from 1 to 3"],
      ["reserveSafe.owners[1]", (c) => (c.reserveSafe.owners[1] = c.reserveSafe.owners[0]), "duplicate address"],
      ["reserveSafe.owners[0]", (c) => (c.reserveSafe.owners[0] = "0x1234"), "is not an address"],
      ["reserveSafe.owners[0]", (c) => (c.reserveSafe.owners = ["@safe"]), "cannot own itself"],
      [
        "reserveSafe.owners[0]",
        (c) => (c.reserveSafe.owners[0] = "0x0000000000000000000000000000000000000000"),
        "zero address",
      ],
      [
        "reserveSafe.owners[0]",
        (c) => (c.reserveSafe.owners[0] = "0x0000000000000000000000000000000000000001"),
        "sentinel",
      ],
      ["reserveSafe.treshold", (c) => (c.reserveSafe.treshold = 2), 'unknown field (did you mean "threshold"?)'],
      ["stablecoin.decimal", (c) => (c.stablecoin.decimal = 2), 'did you mean "decimals"?'],
      ["chainId", (c) => (c.chainId = 1), "is 1 but network hardhat is chain 31337"],
      [
        "minters[0].address",
        (c) => (c.minters[0].address = "0x0000000000000000000000000000000000000000"),
        "zero address",
      ],
      [
        "attestation.attestors[1]",
        (c) => (c.attestation.attestors[1] = c.attestation.attestors[0]),
        "duplicate address",
      ],
      ["attestation.threshold", (c) => (c.attestation.threshold = 0), "from 1 to 3"],
      ["attestation.somReserves.maxAge", (c) => (c.attestation.somReserves.maxAge = 0), "integer from 1"],
      ["minters[0].allowance", (c) => (c.minters[0].allowance = 5), "decimal integer string"],
      ["minters[0].allowance", (c) => (c.minters[0].allowance = (1n << 128n).toString()), "below 2**128"],
      [
        "minters[0].rateLimit",
        (c) => delete (c.minters[0] as Record<string, unknown>).rateLimit,
        "missing (expected object)",
      ],
      ["minters[0].rateLimit.capacity", (c) => (c.minters[0].rateLimit.capacity = "0"), "at least 1 and below 2**88"],
      [
        "minters[0].rateLimit.capacity",
        (c) => (c.minters[0].rateLimit.capacity = (1n << 88n).toString()),
        "at least 1 and below 2**88",
      ],
      [
        "minters[0].rateLimit.refillPerSecond",
        (c) => (c.minters[0].rateLimit.refillPerSecond = 1),
        "decimal integer string",
      ],
      [
        "minters[0].rateLimit.refillPerSecond",
        (c) => (c.minters[0].rateLimit.refillPerSecond = (1n << 88n).toString()),
        "below 2**88",
      ],
      [
        "roles.stablecoin.MINTER_ADMIN_ROLE",
        (c) => (c.roles.stablecoin.MINTER_ADMIN_ROLE = ["@safe"]),
        'under "roles.supplyController"',
      ],
      ["roles.supplyController", (c) => delete c.roles.supplyController, "missing"],
      [
        "roles.stablecoin.DEFAULT_ADMIN_ROLE",
        (c) => (c.roles.stablecoin.DEFAULT_ADMIN_ROLE = ["@safe"]),
        "always goes to the reserve Safe",
      ],
      [
        "roles.stablecoin.MINTER_ROLE",
        (c) => (c.roles.stablecoin.MINTER_ROLE = ["@account:7"]),
        'configured with allowances under "minters"',
      ],
      ["roles.identity.kyc", (c) => (c.roles.identity.kyc = []), "role names look like"],
    ];
    for (const [field, mutate, fragment] of cases) {
      const c = localConfig();
      mutate(c as RawConfig);
      expectFieldError(c, "hardhat", field, fragment);
    }
  });

  it("rejects local test accounts on public networks and bad checksums", function () {
    const c = localConfig();
    c.network = "sepolia";
    c.chainId = 11155111;
    expectFieldError(c, "sepolia", "reserveSafe.owners[0]", "only allowed on hardhat / localhost");
    const d = localConfig() as RawConfig;
    d.reserveSafe.owners[0] = "0x8BA1f109551bD432803012645Ac136ddd64DBA72";
    expectFieldError(d, "hardhat", "reserveSafe.owners[0]", "wrong checksum");
  });

  it("accepts an existing Safe instead of owners, but not both", function () {
    const c = localConfig() as Record<string, Record<string, unknown>>;
    c.reserveSafe = { address: "0x8ba1f109551bd432803012645ac136ddd64dba72" };
    const cfg = parseDeployConfig(c, "cfg.json", "hardhat");
    expect(cfg.reserveSafe).to.deep.equal({ address: "0x8ba1f109551bD432803012645Ac136ddd64dBA72" });
    c.reserveSafe.owners = ["@account:1"];
    expectFieldError(c, "hardhat", "reserveSafe", "not both");
  });
});
