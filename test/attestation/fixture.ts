/** Shared fixture and helpers of the attestation tests: a 2-of-3 registry behind a UUPS proxy. */
import { ethers, upgrades } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { AttestationRegistry } from "../../typechain-types";
import { SOM_RESERVES, reportDigest } from "../../src/attestation/report";
import type { Report, ReportForRegistry } from "../../src/attestation/report";
import { signReport } from "../../src/attestation/sign";

export { SOM_RESERVES };
export const DECIMALS = 2;
export const MAX_AGE = 86_400n; // one day
export const SKEW = 300n; // five minutes
export const ADMIN_DELAY = 3 * 86_400;
export const DOC = ethers.keccak256(ethers.toUtf8Bytes("bank statement 2026-11"));
export const ASSET = ethers.encodeBytes32String("ASSET-BISHKEK-001");

export interface Signed {
  signers: string[];
  signatures: string[];
}

export async function deployRegistry(
  admin: string,
  attestorAddresses: string[],
  threshold: number,
): Promise<AttestationRegistry> {
  const factory = await ethers.getContractFactory("AttestationRegistry");
  const proxy = await upgrades.deployProxy(
    factory,
    [admin, ADMIN_DELAY, DECIMALS, attestorAddresses, threshold, SKEW],
    {
      kind: "uups",
    },
  );
  await proxy.waitForDeployment();
  return proxy as unknown as AttestationRegistry;
}

/** Three EOA attestors (sorted ascending), threshold 2, SOM_RESERVES configured (1 day, unbounded, no listener). */
export async function registryFixture() {
  const signers = await ethers.getSigners();
  const [admin, outsider, relayer] = signers;
  const attestors = sortSigners(signers.slice(3, 8)); // five candidates, ascending
  const base = attestors.slice(0, 3);
  const registry = await deployRegistry(
    admin.address,
    base.map((a) => a.address),
    2,
  );
  await registry.connect(admin).configureSubject(SOM_RESERVES, MAX_AGE, 0, ethers.ZeroAddress);
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const registryAddress = await registry.getAddress();
  return { registry, admin, outsider, relayer, attestors, base, chainId, registryAddress };
}

export type RegistryFixture = Awaited<ReturnType<typeof registryFixture>>;

export function sortSigners<T extends { address: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
}

export async function now(): Promise<bigint> {
  return BigInt(await time.latest());
}

/** A SOM_RESERVES report as of the latest block, overridable. */
export async function makeReport(overrides: Partial<Report> = {}): Promise<Report> {
  return { subject: SOM_RESERVES, value: 1_000_000_00n, asOf: await now(), docHash: DOC, uri: "", ...overrides };
}

export function forRegistry(
  f: Pick<RegistryFixture, "chainId" | "registryAddress">,
  report: Report,
): ReportForRegistry {
  return { chainId: f.chainId, registry: f.registryAddress, report };
}

/** Signs `report` for the fixture's registry with each of `who`, returned in ascending signer order. */
export async function signWith(
  f: Pick<RegistryFixture, "chainId" | "registryAddress">,
  report: Report,
  who: HardhatEthersSigner[],
): Promise<Signed> {
  const sorted = sortSigners(who);
  const files = await Promise.all(sorted.map((s) => signReport(forRegistry(f, report), s)));
  return { signers: files.map((x) => x.signer), signatures: files.map((x) => x.signature) };
}

export function digestOf(f: Pick<RegistryFixture, "chainId" | "registryAddress">, report: Report): string {
  return reportDigest(forRegistry(f, report));
}
