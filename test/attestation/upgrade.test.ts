import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { MAX_AGE, SKEW, SOM_RESERVES, makeReport, registryFixture, signWith } from "./fixture";
import type { AttestationRegistryV2Mock } from "../../typechain-types";

/** ERC-7201 slot of "somreserve.storage.AttestationRegistry". */
function namespaceSlot(id: string): bigint {
  const inner = BigInt(ethers.keccak256(ethers.toUtf8Bytes(id))) - 1n;
  return BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [inner]))) & ~0xffn;
}

async function withReport() {
  const f = await registryFixture();
  const report = await makeReport({ value: 4242n, uri: "ipfs://r" });
  const { signers, signatures } = await signWith(f, report, f.base.slice(0, 2));
  await f.registry.submitReport(report, signers, signatures);
  return { ...f, report };
}

describe("attestation: upgrades and storage layout", function () {
  it("upgrades to V2 through UPGRADER_ROLE, keeping reports, attestors, threshold and subjects", async function () {
    const f = await loadFixture(withReport);
    const v2Factory = await ethers.getContractFactory("AttestationRegistryV2Mock", f.admin);
    const v2 = (await upgrades.upgradeProxy(f.registryAddress, v2Factory, {
      kind: "uups",
      call: { fn: "initializeV2" },
    })) as unknown as AttestationRegistryV2Mock;
    expect(await v2.registryVersion()).to.equal("2");
    expect(await v2.latestReport(SOM_RESERVES)).to.deep.equal([f.report.value, f.report.asOf, f.report.docHash]);
    expect((await v2.currentReport(SOM_RESERVES)).uri).to.equal("ipfs://r");
    expect([...(await v2.attestors())]).to.have.members(f.base.map((a) => a.address));
    expect(await v2.threshold()).to.equal(2);
    expect(await v2.subjectConfig(SOM_RESERVES)).to.deep.equal([MAX_AGE, 0n, ethers.ZeroAddress]);
    expect(await v2.reportDigest(f.report)).to.equal(await f.registry.reportDigest(f.report));
  });

  it("refuses an upgrade by an account without UPGRADER_ROLE", async function () {
    const f = await loadFixture(withReport);
    const impl = await ethers.deployContract("AttestationRegistryV2Mock");
    await expect(f.registry.connect(f.outsider).upgradeToAndCall(await impl.getAddress(), "0x"))
      .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
      .withArgs(f.outsider.address, await f.registry.UPGRADER_ROLE());
  });

  it("keeps its state at the pinned ERC-7201 slots", async function () {
    const f = await loadFixture(withReport);
    const base = namespaceSlot("somreserve.storage.AttestationRegistry");
    expect(ethers.toBeHex(base, 32)).to.equal("0xe00052e3677e1e48383962d20d8ccdb13bc6d5e0ab06df605d95038912943400");
    const read = async (slot: bigint) => BigInt(await ethers.provider.getStorage(f.registryAddress, slot));
    // slot 0: attestor array length; slot 2: threshold | version << 16 | skew << 80 | decimals << 144
    expect(await read(base)).to.equal(3n);
    const packed = await read(base + 2n);
    expect(packed & 0xffffn).to.equal(2n);
    expect((packed >> 16n) & ((1n << 64n) - 1n)).to.equal(0n);
    expect((packed >> 80n) & ((1n << 64n) - 1n)).to.equal(SKEW);
    expect((packed >> 144n) & 0xffn).to.equal(2n);
    // slot 3: subjects mapping;
    // record = asOf,roundId,maxAge,maxChangeBps,acceptedAt | listener | docHash | uri | rounds
    const record = BigInt(
      ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "uint256"], [SOM_RESERVES, base + 3n])),
    );
    const head = await read(record);
    const mask64 = (1n << 64n) - 1n;
    expect(head & mask64).to.equal(f.report.asOf);
    expect((head >> 64n) & mask64).to.equal(1n);
    expect((head >> 128n) & mask64).to.equal(MAX_AGE);
    expect((head >> 208n) & ((1n << 40n) - 1n)).to.equal(BigInt((await ethers.provider.getBlock("latest"))!.timestamp));
    expect(ethers.toBeHex(await read(record + 2n), 32)).to.equal(f.report.docHash);
    // rounds[1] = value | asOf << 192
    const round1 = BigInt(
      ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint64", "uint256"], [1n, record + 4n])),
    );
    expect(await read(round1)).to.equal(f.report.value | (f.report.asOf << 192n));
  });

  it("passes the OpenZeppelin upgrade-safety validation for V2", async function () {
    const f = await loadFixture(withReport);
    await upgrades.validateUpgrade(f.registryAddress, await ethers.getContractFactory("AttestationRegistryV2Mock"), {
      kind: "uups",
    });
  });
});
