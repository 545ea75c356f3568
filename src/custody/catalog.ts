/**
 * The action catalog: an action is a thin preset over a generic call, a function of the ABI of a deployment
 * record chosen per proposal (`--contract`); adding or renaming an action is one entry in ACTIONS. Also the
 * command-line forms of requests (`--arg` flags, batch files). Encoding is in ./encode.ts, proposal assembly
 * in ./assemble.ts.
 */
import { MARKET_ACTIONS } from "../market/actions";
import type { ActionPreset, ArgValue, CallRequest } from "../chain/calls";
import { UserError } from "../chain";

export class ActionError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ActionError";
  }
}

/** Named actions. The target record is chosen per proposal (`--contract`), so one preset serves every contract. */
export const ACTIONS: Record<string, ActionPreset> = {
  // reserve operations (stablecoin, and asset shares held by the reserve)
  distribute: {
    fn: "transfer",
    description: "send tokens (stablecoin or asset shares) from the reserve Safe to a holder",
  },
  approve: {
    fn: "approve",
    description: "revoke a spender's allowance (0; above zero the distribution rule refuses it)",
  },
  mint: {
    fn: "mint",
    description:
      "mint into the reserve (stablecoin: through SomSupplyController, the Safe must be a minter; asset: ISSUER_ROLE)",
  },
  burn: {
    fn: "burn",
    description: "burn the reserve's own tokens for a redemption or disposal (stablecoin: BURNER_ROLE)",
  },
  // stablecoin: minters (on SomSupplyController, the token's only minter)
  configureMinter: {
    fn: "configureMinter",
    description: "make an address a minter with an allowance and a rate limit (capacity, refill per second)",
  },
  setRateLimit: { fn: "setRateLimit", description: "set a minter's rate limit (capacity, refill per second)" },
  removeMinter: { fn: "removeMinter", description: "remove a minter" },
  // compliance (freeze and pause are instant, also an operational key's; what undoes a protection is the Safe's alone)
  freeze: { fn: "freeze", description: "freeze an account" },
  unfreeze: { fn: "unfreeze", description: "unfreeze an account (stablecoin: the Safe's alone, DEFAULT_ADMIN_ROLE)" },
  freezeBatch: { fn: "freezeBatch", description: "freeze several accounts" },
  unfreezeBatch: {
    fn: "unfreezeBatch",
    description: "unfreeze several accounts (stablecoin: the Safe's alone, DEFAULT_ADMIN_ROLE)",
  },
  wipe: {
    fn: "wipeFrozen",
    description: "burn a frozen account's balance under a legal order (the Safe's alone, DEFAULT_ADMIN_ROLE)",
  },
  // emergency
  pause: { fn: "pause", description: "pause the contract" },
  unpause: {
    fn: "unpause",
    description: "unpause the contract (stablecoin, asset: the Safe's alone, DEFAULT_ADMIN_ROLE)",
  },
  // roles and admin
  grantRole: { fn: "grantRole", description: "grant a role" },
  revokeRole: { fn: "revokeRole", description: "revoke a role" },
  beginDefaultAdminTransfer: {
    fn: "beginDefaultAdminTransfer",
    description: "start handing DEFAULT_ADMIN_ROLE to a new admin",
  },
  acceptDefaultAdminTransfer: {
    fn: "acceptDefaultAdminTransfer",
    description: "accept DEFAULT_ADMIN_ROLE (the Safe is the new admin)",
  },
  cancelDefaultAdminTransfer: { fn: "cancelDefaultAdminTransfer", description: "cancel a pending admin transfer" },
  setReserve: { fn: "setReserve", description: "set the reserve address" },
  setReserveFeed: { fn: "setReserveFeed", description: "set the reserve attestation feed" },
  setMaxReserveAge: { fn: "setMaxReserveAge", description: "set the maximum age of the reserve attestation" },
  rescueERC20: { fn: "rescueERC20", description: "send tokens stuck in a contract to an address" },
  // upgrades
  upgrade: { fn: "upgradeToAndCall", description: "upgrade a UUPS proxy" },
  upgradeBeacon: { fn: "upgradeTo", description: "upgrade a beacon (every asset behind it)" },
  // attestation registry
  addAttestor: { fn: "addAttestor", description: "add an attestor" },
  removeAttestor: { fn: "removeAttestor", description: "remove an attestor" },
  setAttestationThreshold: { fn: "setThreshold", description: "set the attestor threshold" },
  setMaxFutureSkew: { fn: "setMaxFutureSkew", description: "set how far in the future a report's asOf may be" },
  configureSubject: { fn: "configureSubject", description: "configure an attested subject" },
  allowOutOfBoundsReport: { fn: "allowOutOfBoundsReport", description: "allow one out-of-bounds report" },
  // tokenization
  registerIdentity: { fn: "registerIdentity", description: "register an investor identity" },
  updateIdentity: { fn: "updateIdentity", description: "update an investor identity" },
  removeIdentity: { fn: "removeIdentity", description: "remove an investor identity" },
  registerIdentities: { fn: "registerIdentities", description: "register several identities" },
  updateIdentities: { fn: "updateIdentities", description: "update several identities" },
  removeIdentities: { fn: "removeIdentities", description: "remove several identities" },
  createAsset: { fn: "createAsset", description: "create an asset token through the factory" },
  setFrozenTokens: { fn: "setFrozenTokens", description: "freeze part of a holder's asset tokens" },
  forcedTransfer: {
    fn: "forcedTransfer(address,address,uint256,bytes32)",
    description: "move asset tokens under a legal order (reference required)",
  },
  recoverWallet: { fn: "recoverWallet", description: "move a lost wallet's asset tokens to a new wallet" },
  setDocument: { fn: "setDocument", description: "attach a legal document to an asset" },
  removeDocument: { fn: "removeDocument", description: "remove an asset document" },
  setEncumbrance: { fn: "setEncumbrance", description: "set an asset's encumbrance status" },
  setCustodian: { fn: "setCustodian", description: "set an asset's custodian" },
  // asset holder rules (the asset admin: the Safe)
  setAllowedCountries: {
    fn: "setAllowedCountries",
    description: "restrict an asset to holders of these ISO 3166-1 numeric countries (empty list: no rule)",
  },
  setMaxHolders: {
    fn: "setMaxHolders",
    description: "set an asset's maximum number of holders, the reserve included (0: no limit)",
  },
  setMaxBalance: {
    fn: "setMaxBalance",
    description: "set an asset's maximum balance per holder, in base units (0: no limit)",
  },
};
// primary market (src/market/actions.ts): settle, reject, window, minimum capital
Object.assign(ACTIONS, MARKET_ACTIONS);

/** `--arg name=value` flags to an ArgInput; a value starting with "[" or "{" is parsed as JSON. */
export function parseArgFlags(flags: readonly string[]): Record<string, ArgValue> {
  const out: Record<string, ArgValue> = {};
  for (const f of flags) {
    const eq = f.indexOf("=");
    if (eq <= 0) throw new ActionError(`--arg "${f}" must be name=value (or index=value)`);
    const name = f.slice(0, eq);
    const raw = f.slice(eq + 1);
    if (raw.startsWith("[") || raw.startsWith("{")) {
      try {
        out[name] = JSON.parse(raw) as ArgValue;
      } catch {
        throw new ActionError(`--arg ${name}: invalid JSON ${raw}`);
      }
    } else {
      out[name] = raw;
    }
  }
  return out;
}

/** Reads a batch file: a JSON array of CallRequest. */
export function parseBatch(json: unknown, source: string): CallRequest[] {
  if (!Array.isArray(json) || json.length === 0)
    throw new ActionError(`${source}: a batch is a non-empty JSON array of {action|fn, contract, args}`);
  return json.map((r: unknown, i) => {
    const o = r as Partial<CallRequest>;
    if (
      typeof o !== "object" ||
      o === null ||
      typeof o.contract !== "string" ||
      (o.action === undefined && o.fn === undefined)
    ) {
      throw new ActionError(`${source}: entry #${i + 1} needs "contract" and "action" or "fn"`);
    }
    return { action: o.action, fn: o.fn, contract: o.contract, args: o.args };
  });
}
