/**
 * The attestation and asset rules as the deploy configuration and the deploy's final check apply them:
 * quorum at least 2, KYC officer and asset enforcer different keys on a public network.
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { DeployConfigError, parseDeployConfig } from "../../src/deploy/config";
import { keysHoldingKycAndEnforcement } from "../../src/deploy/roles";
import type { ContractRoles } from "../../src/deploy/roles";
import type { RoleAssignments } from "../../src/deploy/config";
import { PROJECT_ROOT } from "../helpers/cli";

const A = "0x1000000000000000000000000000000000000001";
const B = "0x2000000000000000000000000000000000000002";
const C = "0x3000000000000000000000000000000000000003";

/** deploy/config/sepolia.example.json as read (JSON, before validation): a new Safe, asset roles present. */
interface ExampleConfig {
  reserveSafe: { owners: string[] };
  attestation: { attestors: string[]; threshold: number };
  minters: { address: string }[];
  roles: Record<"identity" | "assets", RoleAssignments>;
  market: { regulator: string };
}

/** The sepolia example with real addresses in place of its placeholders. */
function publicConfig(): ExampleConfig {
  const raw = JSON.parse(
    fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", "sepolia.example.json"), "utf8"),
  ) as ExampleConfig;
  raw.reserveSafe.owners = [A, B, C];
  raw.attestation.attestors = [A, B, C];
  raw.minters[0].address = A;
  raw.market.regulator = C;
  return raw;
}

function fieldError(raw: unknown, network: string): DeployConfigError {
  try {
    parseDeployConfig(raw, "deploy/config/x.json", network);
  } catch (e) {
    expect(e).to.be.instanceOf(DeployConfigError);
    return e as DeployConfigError;
  }
  return expect.fail("no error") as never;
}

describe("attestation and assets: deploy configuration rules", function () {
  it("accepts the public example once its addresses are filled in", function () {
    const cfg = parseDeployConfig(publicConfig(), "deploy/config/sepolia.json", "sepolia");
    expect(cfg.attestation.threshold).to.equal(2);
    expect(cfg.roles.assets?.ENFORCER_ROLE).to.deep.equal(["@safe"]);
  });

  it("refuses an attestation quorum of 1, naming the file and the field (every network)", function () {
    for (const network of ["sepolia", "hardhat"]) {
      const raw =
        network === "sepolia"
          ? publicConfig()
          : JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", "hardhat.json"), "utf8"));
      raw.attestation.threshold = 1;
      const e = fieldError(raw, network);
      expect(e.field).to.equal("attestation.threshold");
      expect(e.message).to.contain("deploy/config/x.json: attestation.threshold: must be at least 2");
    }
  });

  it("refuses one key as both KYC officer and asset enforcer on a public network", function () {
    const raw = publicConfig();
    raw.roles.identity.KYC_OFFICER_ROLE = ["@safe", B];
    raw.roles.assets.ENFORCER_ROLE = [B];
    const e = fieldError(raw, "sepolia");
    expect(e.field).to.equal("roles.assets.ENFORCER_ROLE");
    expect(e.message).to.contain(B).and.contain("different keys");
    raw.roles.assets.ENFORCER_ROLE = [C];
    expect(() => parseDeployConfig(raw, "x.json", "sepolia")).to.not.throw();
  });

  it("the committed local configs give KYC officer and asset enforcer different keys", function () {
    for (const network of ["hardhat", "localhost"]) {
      const raw = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", `${network}.json`), "utf8"));
      const officers: string[] = raw.roles.identity.KYC_OFFICER_ROLE;
      const enforcers: string[] = raw.roles.assets.ENFORCER_ROLE;
      expect(enforcers.filter((k) => k !== "@safe" && officers.includes(k))).to.deep.equal([]);
    }
  });

  it("the deploy's final check finds a key other than the Safe holding both roles", function () {
    const safe = A;
    const matrix: ContractRoles[] = [
      {
        name: "IdentityRegistry",
        address: C,
        roles: [{ role: "KYC_OFFICER_ROLE", roleId: "0x01", holders: [safe, B] }],
      },
      { name: "AssetToken:BLDG", address: C, roles: [{ role: "ENFORCER_ROLE", roleId: "0x02", holders: [safe] }] },
    ];
    expect(keysHoldingKycAndEnforcement(matrix, safe)).to.deep.equal([]);
    matrix[1].roles[0].holders.push(B);
    expect(keysHoldingKycAndEnforcement(matrix, safe)).to.deep.equal([B.toLowerCase()]);
  });
});
