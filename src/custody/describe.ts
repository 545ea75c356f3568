/**
 * Plain words over a decoded Safe transaction (./decode.ts): one first line per function, the arguments,
 * batch members indented, and the full summary a custodian reads. Pure and offline.
 */
import { getAddress } from "ethers";
import { formatDecimal } from "../chain/amounts";
import { decodeSafeTx } from "./decode";
import type { DecodeEnv, DecodedArg, DecodedCall } from "./decode";
import type { SafeTx } from "../safe/safeTx";

type Words = (a: string[], args: readonly DecodedArg[]) => string;

const member = (arg: DecodedArg | undefined, name: string): string =>
  arg?.members?.find((m) => m.name === name)?.text ?? "?";

/** First line of a call, by function name (overloads share a line; `a` are the argument texts). */
const PLAIN_WORDS: Record<string, Words> = {
  // ERC-20 (stablecoin and asset shares)
  transfer: (a) => `Send ${a[1]} from the reserve Safe to ${a[0]}`,
  approve: (a) => `Allow ${a[0]} to spend up to ${a[1]} of the reserve Safe's tokens`,
  burn: (a) => `Burn ${a[0]} held by the reserve Safe` + (a[1] ? `, reference ${a[1]}` : ""),
  mint: (a) => `Mint ${a[0]} into the reserve`,
  // stablecoin
  configureMinter: (a) =>
    `Make ${a[0]} a minter with allowance ${a[1]}, rate limit ${a[2]} refilling ${a[3]} per second`,
  setRateLimit: (a) => `Set the rate limit of minter ${a[0]} to ${a[1]} refilling ${a[2]} per second`,
  removeMinter: (a) => `Remove minter ${a[0]}`,
  pause: () => "PAUSE the contract",
  unpause: () => "Unpause the contract",
  freeze: (a) => `Freeze ${a[0]}`,
  unfreeze: (a) => `Unfreeze ${a[0]}`,
  freezeBatch: (a) => `Freeze ${a[0]}`,
  unfreezeBatch: (a) => `Unfreeze ${a[0]}`,
  wipeFrozen: (a) => `WIPE (burn) the whole balance of frozen account ${a[0]}, legal order ${a[1]}`,
  setReserve: (a) => `SET THE RESERVE to ${a[0]}`,
  setReserveFeed: (a) => `SET THE RESERVE ATTESTATION FEED to ${a[0]}`,
  setMaxReserveAge: (a) => `Set the maximum reserve attestation age to ${a[0]}`,
  rescueERC20: (a) => `Rescue ${a[2]} of token ${a[0]} to ${a[1]}`,
  // access control
  grantRole: (a) => `Grant ${a[0]} to ${a[1]}`,
  revokeRole: (a) => `Revoke ${a[0]} from ${a[1]}`,
  renounceRole: (a) => `Renounce ${a[0]} held by ${a[1]}`,
  beginDefaultAdminTransfer: (a) => `START HANDING DEFAULT_ADMIN_ROLE to ${a[0]}`,
  acceptDefaultAdminTransfer: () => "Accept DEFAULT_ADMIN_ROLE (the caller becomes the admin)",
  cancelDefaultAdminTransfer: () => "Cancel the pending DEFAULT_ADMIN_ROLE transfer",
  // upgrades
  upgradeToAndCall: (a) =>
    `UPGRADE the proxy to implementation ${a[0]}` + (a[1] && a[1] !== "0x" ? ` and call ${a[1]}` : ""),
  upgradeTo: (a) => `UPGRADE the beacon to implementation ${a[0]} (every asset token behind it)`,
  // attestation registry
  addAttestor: (a) => `Add attestor ${a[0]}`,
  removeAttestor: (a) => `Remove attestor ${a[0]}`,
  setThreshold: (a) => `Set the attestor threshold to ${a[0]}`,
  setMaxFutureSkew: (a) => `Set the allowed future skew of reports to ${a[0]}`,
  configureSubject: (a) => `Configure attested subject ${a[0]}: max age ${a[1]}, max change ${a[2]}, listener ${a[3]}`,
  allowOutOfBoundsReport: (a) => `ALLOW ONE OUT-OF-BOUNDS REPORT with digest ${a[0]}`,
  // identity registry
  registerIdentity: (a) => `Register identity ${a[0]}: country ${a[1]}, KYC valid until ${a[2]}`,
  updateIdentity: (a) => `Update identity ${a[0]}: country ${a[1]}, KYC valid until ${a[2]}`,
  removeIdentity: (a) => `Remove identity ${a[0]}`,
  registerIdentities: (a) => `Register identities ${a[0]}`,
  updateIdentities: (a) => `Update identities ${a[0]}`,
  removeIdentities: (a) => `Remove identities ${a[0]}`,
  // asset factory and asset tokens
  createAsset: (_a, args) =>
    `CREATE ASSET TOKEN ${member(args[0], "name")} (${member(args[0], "symbol")}), ` +
    `asset id ${member(args[0], "assetId")}, ` +
    `${member(args[0], "totalShares")} total shares`,
  setFrozenTokens: (a) => `Freeze ${a[1]} of ${a[0]} (replaces the frozen amount)`,
  forcedTransfer: (a) =>
    `FORCED TRANSFER of ${a[2]} from ${a[0]} to ${a[1]}` +
    (a[3] ? `, legal order ${a[3]}` : ", NO legal order reference"),
  recoverWallet: (a) => `RECOVER WALLET: move everything of ${a[0]} to ${a[1]}, reference ${a[2]}`,
  setDocument: (a) => `Set document ${a[0]}: ${a[1]}, hash ${a[2]}`,
  removeDocument: (a) => `Remove document ${a[0]}`,
  setEncumbrance: (a) => `Set the encumbrance to ${a[0]}, reference ${a[1]}`,
  setCustodian: (a) => `Set the asset custodian to ${a[0]}`,
  // the Safe itself
  addOwnerWithThreshold: (a) => `CHANGE SAFE OWNERS: add owner ${a[0]}, threshold ${a[1]}`,
  removeOwner: (a) => `CHANGE SAFE OWNERS: remove owner ${a[1]}, threshold ${a[2]}`,
  swapOwner: (a) => `CHANGE SAFE OWNERS: replace ${a[1]} by ${a[2]}`,
  changeThreshold: (a) => `CHANGE SAFE THRESHOLD to ${a[0]}`,
  enableModule: (a) => `ENABLE SAFE MODULE ${a[0]} (it could move everything without signatures)`,
  disableModule: (a) => `Disable Safe module ${a[1]}`,
  setGuard: (a) => `SET SAFE GUARD ${a[0]}`,
  setFallbackHandler: (a) => `SET SAFE FALLBACK HANDLER ${a[0]}`,
  multiSend: () => "Batch of calls (MultiSendCallOnly)",
};

/** Plain-words lines of a decoded call; `indent` for batch members. */
export function describeCall(call: DecodedCall, indent = ""): string[] {
  const lines: string[] = [];
  const op = call.operation === 1 ? "DELEGATECALL (runs foreign code AS the Safe)" : "call";
  const fn = call.functionName
    ? `${call.functionName}`
    : call.data === "0x"
      ? "(no function: plain native-coin transfer)"
      : "(undecodable)";
  const words = call.functionName
    ? PLAIN_WORDS[call.functionName]?.(
        call.args.map((a) => a.text),
        call.args,
      )
    : undefined;
  lines.push(`${indent}${words ?? `Call ${fn}`}`);
  lines.push(`${indent}  ${op} to ${call.target}`);
  if (call.signature) lines.push(`${indent}  function ${call.signature}`);
  for (const a of call.args) {
    if (call.kind === "multisend" && a.name === "transactions") continue;
    if (a.members) {
      lines.push(`${indent}    ${a.name} (${a.type}):`);
      for (const m of a.members) lines.push(`${indent}      ${m.name} (${m.type}) = ${m.text}`);
    } else {
      lines.push(`${indent}    ${a.name} (${a.type}) = ${a.text}`);
    }
  }
  if (call.value !== 0n)
    lines.push(`${indent}  NATIVE COIN SENT: ${formatDecimal(call.value, 18)} (raw ${call.value} wei)`);
  if (call.reference) lines.push(`${indent}  ${call.reference} (appended to the calldata; the token ignores it)`);
  if (call.error) lines.push(`${indent}  CANNOT DECODE: ${call.error}`);
  call.inner?.forEach((c, i) => {
    lines.push(`${indent}  [${i + 1}/${call.inner?.length}]`);
    lines.push(...describeCall(c, `${indent}    `));
  });
  return lines;
}

/** The full human-readable summary of a SafeTx (`decoded`: its decoding, when the caller already has it). */
export function summarizeSafeTx(env: DecodeEnv, tx: SafeTx, decoded: DecodedCall = decodeSafeTx(env, tx)): string[] {
  const head = [
    `Safe ${getAddress(env.safe)} on chain ${env.chainId}, nonce ${tx.nonce}`,
    `Owners ${env.context.owners.length}, threshold ${env.context.threshold}`,
  ];
  const refund =
    tx.gasPrice !== 0n ||
    tx.baseGas !== 0n ||
    tx.safeTxGas !== 0n ||
    getAddress(tx.gasToken) !== getAddress("0x" + "00".repeat(20))
      ? [
          `GAS REFUND from the Safe: safeTxGas ${tx.safeTxGas}, baseGas ${tx.baseGas}, gasPrice ${tx.gasPrice}, ` +
            `gasToken ${tx.gasToken}, refundReceiver ${tx.refundReceiver}`,
        ]
      : [];
  return [...head, ...refund, ...describeCall(decoded)];
}
