/**
 * EIP-712 typed data for the som stablecoin's signed operations: EIP-2612 `Permit` and EIP-3009
 * `TransferWithAuthorization`, `ReceiveWithAuthorization` and `CancelAuthorization`.
 *
 * Builders return plain typed data (domain, types, primaryType, message) that any wallet or
 * hardware signer can show; signers take an ethers `TypedDataSigner` and return the 65-byte
 * signature together with its v, r, s parts (for the v,r,s overloads of the contract).
 * Used by the tests, the gas suite, the main job and the custodian tooling alike.
 */
import { Signature, TypedDataEncoder, getAddress, hexlify, isHexString, randomBytes } from "ethers";
import type { TypedDataDomain, TypedDataField } from "ethers";
import { typedDataFields } from "../chain/eip712";
import { UserError } from "../chain/errors";

/** The EIP-712 domain version of SomStablecoin (`EIP712_VERSION` in SomStablecoinSignatures.sol). */
export const SOM_STABLECOIN_EIP712_VERSION = "1";

/** A signer that can sign EIP-712 typed data (an ethers `Signer`, `Wallet` or `HardhatEthersSigner`). */
export interface TypedDataSigner {
  getAddress(): Promise<string>;
  signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string>;
}

/** Thrown when an input cannot be turned into valid typed data (the message names the field). */
export class SignatureInputError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "SignatureInputError";
  }
}

/** Thrown when the signer's address is not the account the typed data is signed for. */
export class SignerMismatchError extends UserError {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`signer ${actual} cannot sign for ${expected}; use signFor…AsWalletOwner for ERC-1271 contract wallets`);
    this.name = "SignerMismatchError";
  }
}

/** The stablecoin's EIP-712 domain. */
export interface StablecoinDomain {
  /** Token name as initialized (e.g. "Som Stablecoin"). */
  name: string;
  /** Domain version; defaults to {@link SOM_STABLECOIN_EIP712_VERSION}. */
  version?: string;
  chainId: bigint | number;
  /** The proxy address (what users call), not the implementation. */
  verifyingContract: string;
}

export interface PermitMessage {
  owner: string;
  spender: string;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}

export interface AuthorizationMessage {
  from: string;
  to: string;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  /** 32-byte hex nonce chosen by the signer (see {@link randomAuthorizationNonce}). */
  nonce: string;
}

export interface CancelAuthorizationMessage {
  authorizer: string;
  nonce: string;
}

export type PrimaryType = "Permit" | "TransferWithAuthorization" | "ReceiveWithAuthorization" | "CancelAuthorization";

/** Typed data ready for `signTypedData` or for display. */
export interface TypedData<M> {
  domain: TypedDataDomain;
  types: Record<string, TypedDataField[]>;
  primaryType: PrimaryType;
  message: M;
}

/** A signature in both shapes the contract accepts. */
export interface SplitSignature {
  /** 65 bytes r ‖ s ‖ v, for the `bytes signature` overloads. */
  signature: string;
  v: number;
  r: string;
  s: string;
}

const AUTHORIZATION_FIELDS = typedDataFields(
  "address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce",
);

export const STABLECOIN_TYPES = {
  Permit: typedDataFields("address owner, address spender, uint256 value, uint256 nonce, uint256 deadline"),
  TransferWithAuthorization: AUTHORIZATION_FIELDS,
  ReceiveWithAuthorization: AUTHORIZATION_FIELDS,
  CancelAuthorization: typedDataFields("address authorizer, bytes32 nonce"),
} as const satisfies Record<PrimaryType, readonly TypedDataField[]>;

/** A fresh random 32-byte EIP-3009 nonce. */
export function randomAuthorizationNonce(): string {
  return hexlify(randomBytes(32));
}

export function buildDomain(domain: StablecoinDomain): TypedDataDomain {
  if (domain.name.length === 0) throw new SignatureInputError("domain.name must not be empty");
  return {
    name: domain.name,
    version: domain.version ?? SOM_STABLECOIN_EIP712_VERSION,
    chainId: BigInt(domain.chainId),
    verifyingContract: checkedAddress("domain.verifyingContract", domain.verifyingContract),
  };
}

export function buildPermit(domain: StablecoinDomain, message: PermitMessage): TypedData<PermitMessage> {
  const checked: PermitMessage = {
    owner: checkedAddress("owner", message.owner),
    spender: checkedAddress("spender", message.spender),
    value: checkedUint("value", message.value),
    nonce: checkedUint("nonce", message.nonce),
    deadline: checkedUint("deadline", message.deadline),
  };
  return typed(domain, "Permit", checked);
}

export function buildTransferWithAuthorization(
  domain: StablecoinDomain,
  message: AuthorizationMessage,
): TypedData<AuthorizationMessage> {
  return typed(domain, "TransferWithAuthorization", checkedAuthorization(message));
}

export function buildReceiveWithAuthorization(
  domain: StablecoinDomain,
  message: AuthorizationMessage,
): TypedData<AuthorizationMessage> {
  return typed(domain, "ReceiveWithAuthorization", checkedAuthorization(message));
}

export function buildCancelAuthorization(
  domain: StablecoinDomain,
  message: CancelAuthorizationMessage,
): TypedData<CancelAuthorizationMessage> {
  return typed(domain, "CancelAuthorization", {
    authorizer: checkedAddress("authorizer", message.authorizer),
    nonce: checkedBytes32("nonce", message.nonce),
  });
}

/** The EIP-712 digest the contract verifies (what an ERC-1271 wallet is asked about). */
export function typedDataDigest<M extends object>(data: TypedData<M>): string {
  return TypedDataEncoder.hash(data.domain, onlyPrimary(data), data.message as Record<string, unknown>);
}

/**
 * Signs typed data with `signer`. The signer must be the account named in the message (owner,
 * from or authorizer) unless `allowOtherSigner` is set, which is how the owner of an ERC-1271
 * contract wallet signs for the wallet.
 */
export async function signTypedData<M extends object>(
  signer: TypedDataSigner,
  data: TypedData<M>,
  options: { allowOtherSigner?: boolean } = {},
): Promise<SplitSignature> {
  if (!options.allowOtherSigner) {
    const expected = signingAccount(data);
    const actual = getAddress(await signer.getAddress());
    if (actual !== expected) throw new SignerMismatchError(expected, actual);
  }
  const signature = await signer.signTypedData(data.domain, onlyPrimary(data), data.message as Record<string, unknown>);
  return splitSignature(signature);
}

/** Signs one kind of typed data: builds it from `domain` and `message`, then {@link signTypedData}. */
export type StablecoinSigner<M extends object> = (
  signer: TypedDataSigner,
  domain: StablecoinDomain,
  message: M,
  options?: { allowOtherSigner?: boolean },
) => Promise<SplitSignature>;

/** The signer of the typed data that `build` makes (input errors reject the returned promise, as signing does). */
function signerFor<M extends object>(
  build: (domain: StablecoinDomain, message: M) => TypedData<M>,
): StablecoinSigner<M> {
  return async (signer, domain, message, options) => signTypedData(signer, build(domain, message), options);
}

/** Signs an EIP-2612 `Permit`; the signer must be `message.owner` (see {@link signTypedData}). */
export const signPermit: StablecoinSigner<PermitMessage> = signerFor(buildPermit);

/** Signs an EIP-3009 `TransferWithAuthorization`; the signer must be `message.from`. */
export const signTransferWithAuthorization: StablecoinSigner<AuthorizationMessage> =
  signerFor(buildTransferWithAuthorization);

/** Signs an EIP-3009 `ReceiveWithAuthorization`; the signer must be `message.from`. */
export const signReceiveWithAuthorization: StablecoinSigner<AuthorizationMessage> =
  signerFor(buildReceiveWithAuthorization);

/** Signs an EIP-3009 `CancelAuthorization`; the signer must be `message.authorizer`. */
export const signCancelAuthorization: StablecoinSigner<CancelAuthorizationMessage> =
  signerFor(buildCancelAuthorization);

/** Splits a 65-byte signature into v, r, s (v normalized to 27/28). */
export function splitSignature(signature: string): SplitSignature {
  if (!isHexString(signature, 65)) throw new SignatureInputError("signature must be 65 bytes of hex");
  const sig = Signature.from(signature);
  return { signature: sig.serialized, v: sig.v, r: sig.r, s: sig.s };
}

function typed<M>(domain: StablecoinDomain, primaryType: PrimaryType, message: M): TypedData<M> {
  return {
    domain: buildDomain(domain),
    types: { [primaryType]: [...STABLECOIN_TYPES[primaryType]] },
    primaryType,
    message,
  };
}

function onlyPrimary<M>(data: TypedData<M>): Record<string, TypedDataField[]> {
  return { [data.primaryType]: [...STABLECOIN_TYPES[data.primaryType]] };
}

function signingAccount<M extends object>(data: TypedData<M>): string {
  const m = data.message as Record<string, unknown>;
  const account =
    data.primaryType === "Permit" ? m.owner : data.primaryType === "CancelAuthorization" ? m.authorizer : m.from;
  return getAddress(String(account));
}

function checkedAuthorization(message: AuthorizationMessage): AuthorizationMessage {
  const checked: AuthorizationMessage = {
    from: checkedAddress("from", message.from),
    to: checkedAddress("to", message.to),
    value: checkedUint("value", message.value),
    validAfter: checkedUint("validAfter", message.validAfter),
    validBefore: checkedUint("validBefore", message.validBefore),
    nonce: checkedBytes32("nonce", message.nonce),
  };
  if (checked.validBefore <= checked.validAfter) {
    throw new SignatureInputError(
      `validBefore (${checked.validBefore}) must be after validAfter (${checked.validAfter})`,
    );
  }
  return checked;
}

function checkedAddress(field: string, value: string): string {
  try {
    return getAddress(value);
  } catch {
    throw new SignatureInputError(`${field} is not an address: ${JSON.stringify(value)}`);
  }
}

const UINT256_MAX = (1n << 256n) - 1n;

function checkedUint(field: string, value: bigint): bigint {
  if (typeof value !== "bigint" || value < 0n || value > UINT256_MAX) {
    throw new SignatureInputError(`${field} must be a uint256 bigint, got ${String(value)}`);
  }
  return value;
}

function checkedBytes32(field: string, value: string): string {
  if (!isHexString(value, 32))
    throw new SignatureInputError(`${field} must be 32 bytes of hex, got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}
