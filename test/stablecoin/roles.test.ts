import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { FunctionFragment, Interface, type ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  ADMIN_DELAY,
  ROLE_NAMES,
  deployStablecoinFixture,
  role,
  type RoleName,
  type StablecoinFixture,
} from "./fixture";
import type { SomStablecoin } from "../../typechain-types";

type Call = (token: SomStablecoin, f: StablecoinFixture) => Promise<ContractTransactionResponse>;
interface Restricted {
  fn: string;
  role: RoleName | "DEFAULT_ADMIN_ROLE";
  call: Call;
}

const ANY = "0x000000000000000000000000000000000000dEaD";

/** Every restricted external function, with the one role that may call it. */
const RESTRICTED: Restricted[] = [
  { fn: "setReserve", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.setReserve(ANY) },
  { fn: "setReserveFeed", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.setReserveFeed(ANY) },
  { fn: "setMaxReserveAge", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.setMaxReserveAge(1) },
  { fn: "setSupplyController", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.setSupplyController(ANY) },
  ...ROLE_NAMES.flatMap((r): Restricted[] => [
    { fn: `grantRole(${r})`, role: "DEFAULT_ADMIN_ROLE", call: (t) => t.grantRole(role(r), ANY) },
    { fn: `revokeRole(${r})`, role: "DEFAULT_ADMIN_ROLE", call: (t) => t.revokeRole(role(r), ANY) },
  ]),
  { fn: "beginDefaultAdminTransfer", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.beginDefaultAdminTransfer(ANY) },
  { fn: "cancelDefaultAdminTransfer", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.cancelDefaultAdminTransfer() },
  { fn: "changeDefaultAdminDelay", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.changeDefaultAdminDelay(1) },
  { fn: "rollbackDefaultAdminDelay", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.rollbackDefaultAdminDelay() },
  { fn: "upgradeToAndCall", role: "UPGRADER_ROLE", call: (t) => t.upgradeToAndCall(ANY, "0x") },
  { fn: "burn", role: "BURNER_ROLE", call: (t) => t.burn(1n, ethers.ZeroHash) },
  // instant for the protective (an operational key), slow for the dangerous (the Safe alone)
  { fn: "pause", role: "PAUSER_ROLE", call: (t) => t.pause() },
  { fn: "unpause", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.unpause() },
  { fn: "freeze", role: "COMPLIANCE_ROLE", call: (t) => t.freeze(ANY) },
  { fn: "unfreeze", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.unfreeze(ANY) },
  { fn: "freezeBatch", role: "COMPLIANCE_ROLE", call: (t) => t.freezeBatch([ANY]) },
  { fn: "unfreezeBatch", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.unfreezeBatch([ANY]) },
  { fn: "wipeFrozen", role: "DEFAULT_ADMIN_ROLE", call: (t) => t.wipeFrozen(ANY, ethers.ZeroHash) },
  { fn: "rescueERC20", role: "RESCUER_ROLE", call: (t) => t.rescueERC20(ANY, ANY, 1n) },
];

/** The fixture account holding each role (and one with none). */
function holders(f: StablecoinFixture): [string, HardhatEthersSigner, (RoleName | "DEFAULT_ADMIN_ROLE") | null][] {
  return [
    ["admin", f.admin, "DEFAULT_ADMIN_ROLE"],
    ["upgrader", f.upgrader, "UPGRADER_ROLE"],
    ["minterAdmin (on the controller)", f.minterAdmin, null],
    ["minter (on the controller)", f.minter, null],
    ["burner (reserve)", f.reserve, "BURNER_ROLE"],
    ["pauser", f.pauser, "PAUSER_ROLE"],
    ["compliance", f.compliance, "COMPLIANCE_ROLE"],
    ["rescuer", f.rescuer, "RESCUER_ROLE"],
    ["no role", f.other, null],
  ];
}

describe("stablecoin: roles", function () {
  it("role constants are keccak256 of their names, all administered by the default admin; no minter role on the token", async function () {
    const { token } = await loadFixture(deployStablecoinFixture);
    for (const name of ROLE_NAMES) expect(await token[name]()).to.equal(ethers.id(name));
    expect(await token.DEFAULT_ADMIN_ROLE()).to.equal(ethers.ZeroHash);
    for (const name of ROLE_NAMES) expect(await token.getRoleAdmin(role(name))).to.equal(ethers.ZeroHash);
    const iface = new Interface(token.interface.fragments);
    expect(iface.getFunction("MINTER_ROLE")).to.equal(null);
    expect(iface.getFunction("MINTER_ADMIN_ROLE")).to.equal(null);
  });

  it("every account in the fixture holds exactly its one role", async function () {
    const f = await loadFixture(deployStablecoinFixture);
    for (const [, signer, held] of holders(f)) {
      for (const r of ["DEFAULT_ADMIN_ROLE", ...ROLE_NAMES] as const) {
        expect(await f.token.hasRole(role(r), signer.address), `${signer.address} ${r}`).to.equal(r === held);
      }
    }
  });

  for (const entry of RESTRICTED) {
    it(`${entry.fn} is denied to every account without ${entry.role}`, async function () {
      const f = await loadFixture(deployStablecoinFixture);
      for (const [label, signer, held] of holders(f)) {
        if (held === entry.role) continue;
        await expect(entry.call(f.token.connect(signer), f), `${entry.fn} by ${label}`)
          .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
          .withArgs(signer.address, role(entry.role));
      }
    });
  }

  it("the table covers every state-changing function of the ABI", async function () {
    const { token } = await loadFixture(deployStablecoinFixture);
    const open = new Set([
      // anyone (ERC-20 holders, signed operations, permissionless sync) or own-account actions
      "initialize",
      "transfer",
      "transferFrom",
      "approve",
      "permit",
      "transferWithAuthorization",
      "receiveWithAuthorization",
      "cancelAuthorization",
      "syncReserves",
      "attestationUpdated",
      "renounceRole",
      "acceptDefaultAdminTransfer",
      // only the supply controller, whoever holds roles (test/stablecoin/minting.test.ts)
      "mint",
    ]);
    const covered = new Set(RESTRICTED.map((r) => r.fn.replace(/\(.*\)$/, "")));
    const writes = token.interface.fragments
      .filter((f): f is FunctionFragment => FunctionFragment.isFragment(f))
      .filter((f) => f.stateMutability !== "view" && f.stateMutability !== "pure");
    for (const fn of writes) {
      expect(
        open.has(fn.name) || covered.has(fn.name),
        `${fn.name} neither restricted nor documented as open`,
      ).to.equal(true);
    }
  });

  describe("slow for the dangerous, instant for the protective", function () {
    /** The fixture with alice and bob frozen and the token paused, by the operational keys. */
    async function frozenAndPausedFixture() {
      const f = await deployStablecoinFixture();
      await f.token.connect(f.compliance).freezeBatch([f.alice.address, f.bob.address]);
      await f.token.connect(f.pauser).pause();
      return f;
    }

    it("a COMPLIANCE_ROLE holder freezes but cannot unfreeze, unfreezeBatch nor wipeFrozen (DEFAULT_ADMIN_ROLE's)", async function () {
      const { token, compliance, alice, bob } = await loadFixture(frozenAndPausedFixture);
      const officer = token.connect(compliance);
      for (const call of [
        () => officer.unfreeze(alice.address),
        () => officer.unfreezeBatch([alice.address, bob.address]),
        () => officer.wipeFrozen(alice.address, ethers.id("order")),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
          .withArgs(compliance.address, ethers.ZeroHash);
      }
      expect(await token.isFrozen(alice.address)).to.equal(true);
      expect(await token.balanceOf(alice.address)).to.be.greaterThan(0n);
    });

    it("a PAUSER_ROLE holder pauses but cannot unpause (DEFAULT_ADMIN_ROLE's)", async function () {
      const { token, pauser } = await loadFixture(frozenAndPausedFixture);
      await expect(token.connect(pauser).unpause())
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(pauser.address, ethers.ZeroHash);
      expect(await token.paused()).to.equal(true);
    });

    it("one key holding both operational roles still cannot undo a freeze or a pause", async function () {
      const { token, admin, other, alice } = await loadFixture(frozenAndPausedFixture);
      await token.connect(admin).grantRole(role("COMPLIANCE_ROLE"), other.address);
      await token.connect(admin).grantRole(role("PAUSER_ROLE"), other.address);
      const both = token.connect(other);
      for (const call of [
        () => both.unfreeze(alice.address),
        () => both.wipeFrozen(alice.address, ethers.ZeroHash),
        () => both.unpause(),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
          .withArgs(other.address, ethers.ZeroHash);
      }
    });

    it("the default admin (the Safe, the role's only holder) unfreezes, wipes and unpauses", async function () {
      const { token, admin, alice, bob } = await loadFixture(frozenAndPausedFixture);
      expect(await token.defaultAdmin()).to.equal(admin.address);
      const ref = ethers.id("KG-COURT-2026-117");
      const balance = await token.balanceOf(bob.address);
      await expect(token.connect(admin).wipeFrozen(bob.address, ref))
        .to.emit(token, "FrozenBalanceWiped")
        .withArgs(bob.address, balance, ref);
      await expect(token.connect(admin).unfreeze(alice.address)).to.emit(token, "Unfrozen").withArgs(alice.address);
      await expect(token.connect(admin).unfreezeBatch([bob.address]))
        .to.emit(token, "Unfrozen")
        .withArgs(bob.address);
      await expect(token.connect(admin).unpause()).to.emit(token, "Unpaused").withArgs(admin.address);
      expect(await token.paused()).to.equal(false);
      expect(await token.isFrozen(alice.address)).to.equal(false);
      expect(await token.isFrozen(bob.address)).to.equal(false);
    });
  });

  describe("two-step, delayed admin transfer", function () {
    it("the new admin can accept only after the delay", async function () {
      const { token, admin, other } = await loadFixture(deployStablecoinFixture);
      expect(await token.defaultAdmin()).to.equal(admin.address);
      expect(await token.defaultAdminDelay()).to.equal(ADMIN_DELAY);
      await token.connect(admin).beginDefaultAdminTransfer(other.address);
      const [, schedule] = await token.pendingDefaultAdmin();
      await expect(token.connect(other).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(token, "AccessControlEnforcedDefaultAdminDelay")
        .withArgs(schedule);
      await time.increaseTo(schedule + 1n);
      await token.connect(other).acceptDefaultAdminTransfer();
      expect(await token.defaultAdmin()).to.equal(other.address);
      expect(await token.hasRole(ethers.ZeroHash, admin.address)).to.equal(false);
    });

    it("DEFAULT_ADMIN_ROLE cannot be granted directly", async function () {
      const { token, admin, other } = await loadFixture(deployStablecoinFixture);
      await expect(token.connect(admin).grantRole(ethers.ZeroHash, other.address)).to.be.revertedWithCustomError(
        token,
        "AccessControlEnforcedDefaultAdminRules",
      );
    });
  });
});
