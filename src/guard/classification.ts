/**
 * The one classification of every state-changing external function of every production contract the reserve
 * Safe governs, and of the Safe's own functions (issue 21, docs/guard.md "Classification"):
 * - **delayed**: changes code or widens a power; the Safe's call executes only after an announcement on the
 *   ReserveGuard and its delay (48 h on public networks); such powers belong to the Safe alone;
 * - **protective**: narrows a power or stops the system (pause, freeze, revoke/renounce a role, remove a minter,
 *   cancel an announcement or an admin transfer, suspend/revoke a counterparty); never waits, can never be put on
 *   the delayed set (the guard's `isProtective`);
 * - **ordinary**: the system's daily work (transfers, distributions under the call rule, redemptions, burns,
 *   holder-level asset operations, documents, KYC registrations, attestation reports).
 * Where one function can both widen and narrow, it is delayed and a protective alternative exists.
 *
 * The guard keys its delayed set by **selector**, for every target: a delayed selector is delayed on every
 * contract the Safe calls (asset tokens the factory creates later included). The test
 * test/guard/classification.test.ts reads the compiled ABIs and fails on any unclassified function, on a
 * protective selector that is delayed anywhere, and on an ordinary function that shares a delayed selector
 * without being listed in {@link SHARED_DELAYED_SELECTORS}.
 */
import { Interface, id } from "ethers";

export type CallClass = "delayed" | "protective" | "ordinary";

/** The contracts classified (record/artifact names; `Safe` is the Safe's own functions, called by itself). */
export type ClassifiedContract =
  | "SomStablecoin"
  | "SomSupplyController"
  | "AttestationRegistry"
  | "IdentityRegistry"
  | "AssetFactory"
  | "AssetToken"
  | "UpgradeableBeacon"
  | "CounterpartyRegistry"
  | "RedemptionDesk"
  | "ReserveGuard"
  | "ReserveGuardSetup"
  | "Safe";

/** [class, one line of why]. */
export type Classified = readonly [CallClass, string];

const D = "delayed" as const;
const P = "protective" as const;
const O = "ordinary" as const;

const ADMIN_RULES: Record<string, Classified> = {
  "acceptDefaultAdminTransfer()": [D, "hands over the default admin role"],
  "beginDefaultAdminTransfer(address)": [D, "starts handing over the default admin role"],
  "cancelDefaultAdminTransfer()": [P, "stops a pending admin hand-over"],
  "changeDefaultAdminDelay(uint48)": [D, "changes the admin hand-over delay (can shorten it)"],
  "rollbackDefaultAdminDelay()": [D, "changes the pending admin delay schedule"],
  "grantRole(bytes32,address)": [D, "widens a power"],
  "revokeRole(bytes32,address)": [P, "narrows a power"],
  "renounceRole(bytes32,address)": [P, "narrows a power"],
  "upgradeToAndCall(address,bytes)": [D, "changes code"],
};

const ASSET_PARAMS = "(bytes32,string,string,uint8,uint8,uint16,address,uint128,address,address,address,address)";

/** The classification: contract -> function signature (ethers "sighash" format) -> [class, why]. */
export const CLASSIFICATION: Readonly<Record<ClassifiedContract, Readonly<Record<string, Classified>>>> = {
  SomStablecoin: {
    ...ADMIN_RULES,
    "initialize(address,uint48,(string,string,uint8,address,address,uint64))": [
      D,
      "initializer (proxy deployment only)",
    ],
    "setReserve(address)": [D, "repoints where every mint lands"],
    "setReserveFeed(address)": [D, "repoints the attested reserves that bound mints"],
    "setMaxReserveAge(uint64)": [D, "widens how stale the reserves may be"],
    "setSupplyController(address)": [D, "repoints the only minter"],
    "rescueERC20(address,address,uint256)": [D, "moves tokens out of the contract"],
    "unfreeze(address)": [D, "lifts a legal-order freeze (the Safe's alone)"],
    "unfreezeBatch(address[])": [D, "lifts legal-order freezes (the Safe's alone)"],
    "wipeFrozen(address,bytes32)": [
      D,
      "destroys a frozen balance under a legal order " +
        "(the Safe's alone; never the redemption desk's escrow nor the Safe's own: the distribution rule)",
    ],
    "unpause()": [D, "lifts a pause (the Safe's alone)"],
    "pause()": [P, "stops transfers and mints"],
    "freeze(address)": [P, "freezes one holder"],
    "freezeBatch(address[])": [P, "freezes holders"],
    "mint(uint256)": [O, "supply controller only, into the reserve, within attested reserves"],
    "burn(uint256,bytes32)": [O, "burns the caller's own balance with a reference"],
    "transfer(address,uint256)": [
      O,
      "holder transfer (the Safe's: only to a counterparty eligible in that block, the distribution rule)",
    ],
    "transferFrom(address,address,uint256)": [O, "holder transfer"],
    "approve(address,uint256)": [O, "holder allowance (the Safe's: only to zero, the distribution rule)"],
    "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)": [
      O,
      "EIP-2612 (the Safe's own: only zero, the distribution rule)",
    ],
    "permit(address,address,uint256,uint256,bytes)": [
      O,
      "EIP-2612, bytes signature (the Safe's own: only zero, the distribution rule)",
    ],
    "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)": [O, "EIP-3009"],
    "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)": [O, "EIP-3009"],
    "receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)": [O, "EIP-3009"],
    "receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)": [O, "EIP-3009"],
    "cancelAuthorization(address,bytes32,uint8,bytes32,bytes32)": [O, "EIP-3009"],
    "cancelAuthorization(address,bytes32,bytes)": [O, "EIP-3009"],
    "syncReserves()": [O, "reads the attested reserves (anyone)"],
    "attestationUpdated(bytes32)": [O, "the registry's push of new reserves"],
  },
  SomSupplyController: {
    ...ADMIN_RULES,
    "initialize(address,uint48)": [D, "initializer (proxy deployment only)"],
    "configureMinter(address,uint256,uint256,uint256)": [
      D,
      "adds a minter or changes its allowance (protective alternative: removeMinter)",
    ],
    "setRateLimit(address,uint256,uint256)": [D, "changes a minter's rate limit"],
    "removeMinter(address)": [P, "stops a minter"],
    "mint(uint256)": [O, "a minter mints into the reserve within its allowance"],
  },
  AttestationRegistry: {
    ...ADMIN_RULES,
    "initialize(address,uint48,uint8,address[],uint256,uint64)": [D, "initializer (proxy deployment only)"],
    "addAttestor(address)": [D, "widens who attests"],
    "removeAttestor(address)": [D, "changes the attestor set (can break the quorum)"],
    "setThreshold(uint256)": [D, "changes the quorum"],
    "setMaxFutureSkew(uint64)": [D, "changes how far ahead a report may be dated"],
    "configureSubject(bytes32,uint64,uint16,address)": [D, "changes freshness, bounds and listener of a subject"],
    "allowOutOfBoundsReport(bytes32)": [D, "lets one report exceed the change bound"],
    "submitReport((bytes32,uint256,uint64,bytes32,string),address[],bytes[])": [O, "M-of-N signed report"],
    "approveReport((bytes32,uint256,uint64,bytes32,string))": [O, "an attestor's on-chain approval"],
  },
  IdentityRegistry: {
    ...ADMIN_RULES,
    "initialize(address,uint48,address,address,address)": [D, "initializer (proxy deployment only)"],
    "setReserve(address)": [D, "repoints the reserve that is always verified"],
    "registerIdentity(address,uint16,uint64)": [O, "KYC registration"],
    "registerIdentities(address[],uint16[],uint64[])": [O, "KYC registrations"],
    "updateIdentity(address,uint16,uint64)": [O, "KYC update"],
    "updateIdentities(address[],uint16[],uint64[])": [O, "KYC updates"],
    "removeIdentity(address)": [O, "KYC removal"],
    "removeIdentities(address[])": [O, "KYC removals"],
  },
  AssetFactory: {
    ...ADMIN_RULES,
    "initialize(address,uint48,address,address,address,address,address)": [D, "initializer (proxy deployment only)"],
    [`createAsset(${ASSET_PARAMS})`]: [O, "a new asset token (nothing minted; valuation needs a configured subject)"],
  },
  AssetToken: {
    "grantRole(bytes32,address)": [D, "widens a power"],
    "revokeRole(bytes32,address)": [P, "narrows a power"],
    "renounceRole(bytes32,address)": [P, "narrows a power"],
    [`initialize(${ASSET_PARAMS},address,address)`]: [D, "initializer (factory only)"],
    "unpause()": [D, "lifts a pause (the Safe's alone)"],
    "setCustodian(address)": [D, "changes who holds the asset off chain"],
    "setAllowedCountries(uint16[])": [D, "holder rule: can widen who may hold"],
    "setMaxHolders(uint32)": [D, "holder rule: can widen who may hold"],
    "setMaxBalance(uint128)": [D, "holder rule: can widen how much one may hold"],
    "pause()": [P, "stops transfers"],
    "freeze(address)": [P, "freezes one holder"],
    "mint(uint256)": [O, "issuer mints shares into the reserve"],
    "burn(uint256,bytes32)": [O, "burns the caller's own shares"],
    "transfer(address,uint256)": [O, "holder transfer between verified parties"],
    "transferFrom(address,address,uint256)": [O, "holder transfer between verified parties"],
    "approve(address,uint256)": [O, "holder allowance"],
    "unfreeze(address)": [O, "holder-level (enforcer)"],
    "setFrozenTokens(address,uint256)": [O, "holder-level (enforcer)"],
    "forcedTransfer(address,address,uint256)": [O, "holder-level (enforcer)"],
    "forcedTransfer(address,address,uint256,bytes32)": [O, "holder-level (enforcer)"],
    "recoverWallet(address,address,bytes32)": [O, "holder-level (enforcer)"],
    "setDocument(bytes32,string,bytes32)": [O, "documents"],
    "removeDocument(bytes32)": [O, "documents"],
    "setEncumbrance(uint8,bytes32)": [O, "record of an encumbrance"],
  },
  UpgradeableBeacon: {
    "upgradeTo(address)": [D, "changes the code of every asset token"],
    "transferOwnership(address)": [D, "hands over the beacon"],
    "renounceOwnership()": [D, "gives up upgrading the assets for good"],
  },
  CounterpartyRegistry: {
    ...ADMIN_RULES,
    "initialize(uint48,address,address,address)": [D, "initializer (proxy deployment only)"],
    "setMinimumCapital(uint8,uint256)": [D, "changes who can be licensed"],
    "suspend(address,bytes32)": [P, "stops a counterparty at once"],
    "revoke(address,bytes32)": [P, "ends a counterparty's licence"],
    "license(address,(string,uint8,string,uint64,uint256,bytes32))": [O, "the regulator's licensing"],
    "renewLicence(address,string,uint64)": [O, "the regulator's licensing"],
    "reinstate(address,bytes32)": [O, "the regulator's licensing"],
    "declareCapital(address,uint256,bytes32)": [O, "the regulator's records"],
  },
  RedemptionDesk: {
    "setSettlementWindow(uint32)": [D, "changes redemption deadlines"],
    "requestRedemption(uint256,bytes32)": [O, "a counterparty redeems"],
    "settle(uint256)": [O, "the reserve settles (burns escrow)"],
    "reject(uint256,uint16)": [O, "the reserve refunds escrow"],
  },
  ReserveGuard: {
    "setDelay(uint64)": [D, "guard setting (announced, enforced by the guard itself)"],
    "setExpiryWindow(uint64)": [D, "guard setting (announced, enforced by the guard itself)"],
    "setCallRule(address)": [D, "guard setting (announced, enforced by the guard itself)"],
    "undelaySelectors(bytes4[])": [D, "makes calls faster (announced, enforced by the guard itself)"],
    "delaySelectors(bytes4[])": [P, "only makes calls slower; protective selectors refused"],
    "cancel(bytes32)": [P, "cancels an announcement"],
    "announce(address,address,uint256,bytes,uint8)": [O, "an owner announces (public)"],
    "checkTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes,address)": [
      O,
      "called by the Safe itself",
    ],
  },
  ReserveGuardSetup: {
    "setupGuard(address,bytes)": [D, "only in a new Safe's setup (reverts otherwise)"],
  },
  Safe: {
    "addOwnerWithThreshold(address,uint256)": [D, "self-call: owners"],
    "removeOwner(address,address,uint256)": [D, "self-call: owners"],
    "swapOwner(address,address,address)": [D, "self-call: owners"],
    "changeThreshold(uint256)": [D, "self-call: threshold"],
    "enableModule(address)": [D, "self-call: a module bypasses the guard"],
    "disableModule(address,address)": [D, "self-call: modules"],
    "setGuard(address)": [D, "self-call: the guard"],
    "setFallbackHandler(address)": [D, "self-call: ERC-1271 answers"],
    "approveHash(bytes32)": [D, "self-call (owners approve from their own keys)"],
    "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)": [
      D,
      "self-call (nested)",
    ],
    "execTransactionFromModule(address,uint256,bytes,uint8)": [D, "self-call (modules only)"],
    "execTransactionFromModuleReturnData(address,uint256,bytes,uint8)": [D, "self-call (modules only)"],
    "setup(address[],uint256,address,bytes,address,address,uint256,address)": [D, "self-call (creation only)"],
    "simulateAndRevert(address,bytes)": [D, "self-call (reverts)"],
  },
};

/**
 * Ordinary functions that share a selector with a delayed function of another contract: when the Safe calls
 * them they wait like the delayed one (the guard keys by selector). Each is acknowledged here with its reason.
 */
export const SHARED_DELAYED_SELECTORS: Readonly<Record<string, string>> = {
  "AssetToken.unfreeze(address)":
    "shares SomStablecoin.unfreeze(address): the enforcer's unfreeze is instant; the Safe's waits",
};

/** The 4-byte selector of a function signature. */
export function selectorOf(signature: string): string {
  return id(signature).slice(0, 10);
}

/** Contracts whose delayed functions the guard enforces by selector (not the Safe's own, not the guard's own). */
const BY_SELECTOR: readonly ClassifiedContract[] = (Object.keys(CLASSIFICATION) as ClassifiedContract[]).filter(
  (c) => c !== "Safe" && c !== "ReserveGuard",
);

/** The delayed selectors the reserve Safe installs on its guard (sorted, unique). */
export function delayedSelectors(): string[] {
  const out = new Set<string>();
  for (const c of BY_SELECTOR) {
    for (const [sig, [cls]] of Object.entries(CLASSIFICATION[c])) if (cls === D) out.add(selectorOf(sig));
  }
  return [...out].sort();
}

/** The protective selectors (the guard's `isProtective` must answer true for exactly these). */
export function protectiveSelectors(): string[] {
  const out = new Set<string>();
  for (const c of BY_SELECTOR) {
    for (const [sig, [cls]] of Object.entries(CLASSIFICATION[c])) if (cls === P) out.add(selectorOf(sig));
  }
  return [...out].sort();
}

const DELAYED = new Set(delayedSelectors());

/** Whether the Safe's call with this calldata (to a contract other than itself and its guard) needs an announcement. */
export function isDelayedCalldata(data: string): boolean {
  const selector = data.length < 10 ? "0x00000000" : data.slice(0, 10).toLowerCase();
  return DELAYED.has(selector);
}

/** The class and reason of one function, or undefined when unclassified. */
export function classOf(contract: ClassifiedContract, signature: string): Classified | undefined {
  return CLASSIFICATION[contract][signature];
}

/** The classification as the markdown table of docs/guard.md (between its classification markers). */
export function classificationMarkdown(): string {
  const delayed = new Set(delayedSelectors());
  const lines = [
    "| contract | delayed (announced, then the delay) | protective (instant, never delayable) | ordinary |",
    "|---|---|---|---|",
  ];
  for (const [name, table] of Object.entries(CLASSIFICATION)) {
    const cell = (cls: CallClass): string =>
      Object.entries(table)
        .filter(([, [c]]) => c === cls)
        .map(([sig, [, why]]) => {
          const fn = `\`${sig.replace(/\(.*\)$/, "")}\``;
          const shared =
            cls === "ordinary" && delayed.has(selectorOf(sig))
              ? " (delayed when the Safe calls it: shared selector)"
              : "";
          return `${fn}: ${why}${shared}`;
        })
        .join("; ") || "—";
    lines.push(
      `| ${name === "Safe" ? "Safe (self-calls)" : name} ` +
        `| ${cell("delayed")} | ${cell("protective")} | ${cell("ordinary")} |`,
    );
  }
  return lines.join("\n");
}

/**
 * Roles (other than the default admin, which is always the Safe) that gate a delayed function: on a public
 * network the deploy configuration may give them only to the reserve Safe ("@safe"). Derived from the
 * contracts' modifiers and checked against them by test/guard/classification.test.ts.
 */
export const DELAYED_ROLES: Readonly<Record<string, string>> = {
  UPGRADER_ROLE: "upgradeToAndCall (changes code)",
  RESCUER_ROLE: "rescueERC20 (moves tokens out of the stablecoin)",
  MINTER_ADMIN_ROLE: "configureMinter, setRateLimit (adds minters, changes allowances)",
};

let CLASSIFIED_ABI: Interface | undefined;

/**
 * A short rendering of a call by its classified signature, e.g. `setCallRule(0xAbC…)`, for narration and logs
 * (never for what a custodian signs: that is the custodian decoder's, over their own records).
 */
export function callSignatureText(data: string): string {
  CLASSIFIED_ABI ??= new Interface(
    [...new Set(Object.values(CLASSIFICATION).flatMap((t) => Object.keys(t)))].map((sig) => `function ${sig}`),
  );
  try {
    const parsed = CLASSIFIED_ABI.parseTransaction({ data });
    if (!parsed) return data.slice(0, 10);
    const args = parsed.args.map((a: unknown) => (Array.isArray(a) ? `[${a.length} items]` : String(a)));
    return `${parsed.name}(${args.join(", ")})`;
  } catch {
    return data.slice(0, 10);
  }
}
