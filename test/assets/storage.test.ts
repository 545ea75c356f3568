import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { COUNTRY_KG, deployAssetsFixture, HOLDING, MINTED, PARTIAL_FROZEN, TOTAL_SHARES } from "./fixture";

/** ERC-7201 slot of `namespace`. */
function erc7201(namespace: string): bigint {
  const inner = BigInt(ethers.keccak256(ethers.toUtf8Bytes(namespace))) - 1n;
  return BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [inner]))) & ~0xffn;
}

function mappingSlot(key: string, slot: bigint): string {
  return ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [key, slot]));
}

async function word(address: string, slot: bigint | string): Promise<bigint> {
  return BigInt(await ethers.provider.getStorage(address, slot));
}

describe("Storage layout (pinned: upgrades must keep it)", function () {
  it("AssetToken: ERC-7201 namespace, hot-path slot packing, one slot per account", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const token = await f.token.getAddress();
    const base = erc7201("som.storage.AssetToken");
    expect(ethers.toBeHex(base, 32)).to.equal("0xb5ad64c694ee200968354829f7562d47447301f923491bb310452d088ffc9a00");
    // slot 0: registry | paused << 160 | decimals << 168 | class << 176 | jurisdiction << 184
    await f.token.connect(f.pauser).pause();
    const registry = BigInt(await f.identityRegistry.getAddress());
    expect(await word(token, base)).to.equal(
      registry | (1n << 160n) | (0n << 168n) | (0n << 176n) | (BigInt(COUNTRY_KG) << 184n),
    );
    // slot 1: totalSupply | totalShares << 128
    expect(await word(token, base + 1n)).to.equal(MINTED | (TOTAL_SHARES << 128n));
    // slot 2: custodian; slot 3: valuation source; slot 4: asset id
    expect(await word(token, base + 2n)).to.equal(BigInt(f.tokenAdmin.address));
    expect(await word(token, base + 3n)).to.equal(BigInt(await f.source.getAddress()));
    expect(ethers.toBeHex(await word(token, base + 4n), 32)).to.equal(f.params.assetId);
    // slot 5: accounts mapping: balance | frozen << 128 | fullyFrozen << 248
    expect(await word(token, mappingSlot(f.frank.address, base + 5n))).to.equal(HOLDING | (PARTIAL_FROZEN << 128n));
    expect(await word(token, mappingSlot(f.carol.address, base + 5n))).to.equal(HOLDING | (1n << 248n));
  });

  it("AssetToken: holder rules appended after the existing fields (flags in slot 0, rules slot 13, country bitmap 14)", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const token = await f.token.getAddress();
    const base = erc7201("som.storage.AssetToken");
    const admin = f.token.connect(f.tokenAdmin);
    await admin.setAllowedCountries([417, 398]);
    await admin.setMaxBalance(5_000n);
    await admin.setMaxHolders(9);
    const registry = BigInt(await f.identityRegistry.getAddress());
    // slot 0: ... | jurisdiction << 184 | countryRestricted << 200 | balanceCapped << 208
    expect(await word(token, base)).to.equal(registry | (BigInt(COUNTRY_KG) << 184n) | (1n << 200n) | (1n << 208n));
    // slot 13: maxBalance | maxHolders << 128 | holderCount << 160 (reserve + six holders)
    expect(await word(token, base + 13n)).to.equal(5_000n | (9n << 128n) | (7n << 160n));
    // slot 14: allowedCountries mapping word => bits; 417 and 398 are both in word 1 (codes 256..511)
    const wordSlot = ethers.keccak256(
      ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "uint256"], [1n, base + 14n]),
    );
    expect(await word(token, wordSlot)).to.equal((1n << BigInt(417 & 0xff)) | (1n << BigInt(398 & 0xff)));
  });

  it("AssetFactory and IdentityRegistry: ERC-7201 namespaces", async function () {
    const f = await loadFixture(deployAssetsFixture);
    const factoryBase = erc7201("som.storage.AssetFactory");
    expect(await word(await f.factory.getAddress(), factoryBase)).to.equal(BigInt(f.beacon));
    expect(await word(await f.factory.getAddress(), factoryBase + 1n)).to.equal(
      BigInt(await f.identityRegistry.getAddress()),
    );
    const registryBase = erc7201("som.storage.IdentityRegistry");
    expect(await word(await f.identityRegistry.getAddress(), registryBase + 1n)).to.equal(BigInt(f.reserve.address));
  });
});
