// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Amounts and timestamps stay in event data: nobody filters on them, and topics cost gas.
/* solhint-disable gas-indexed-events, gas-calldata-parameters */

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/**
 * @title ISomStablecoin
 * @notice A token backed 1:1 by Kyrgyz som held in bank reserves. Every mint credits the reserve
 * address (never anyone else) and is capped by the latest attested som reserves; distribution to
 * holders is a transfer out of the reserve. Adds to the ERC-20, EIP-2612 and EIP-3009 surfaces:
 * minters with allowances, burn for redemption with an off-chain
 * reference, pause, freeze under legal order with wipe, and rescue of foreign tokens.
 * @dev Failures revert with the custom errors below or with the ERC-6093 `ERC20...` errors. Roles
 * are checked with OpenZeppelin AccessControl (`AccessControlUnauthorizedAccount`).
 */
interface ISomStablecoin is IERC20Metadata, IERC20Permit, IERC20Errors {
    // ------------------------------------------------------------------ events

    /**
     * @notice Tokens were minted into the reserve.
     * @param minter the minter that minted (its allowance went down by `amount`).
     * @param reserve the reserve address credited.
     * @param amount the amount minted, in token units.
     */
    event Minted(address indexed minter, address indexed reserve, uint256 amount);

    /**
     * @notice Tokens were burned for a redemption.
     * @param burner the account whose balance was burned (the caller).
     * @param amount the amount burned, in token units.
     * @param redemptionRef the off-chain redemption reference (bank payout order).
     */
    event Burned(address indexed burner, uint256 amount, bytes32 indexed redemptionRef);

    /**
     * @notice A minter's allowance was set by the minter admin.
     * @param minter the minter.
     * @param oldAllowance the allowance before.
     * @param newAllowance the allowance after.
     */
    event MinterAllowanceUpdated(address indexed minter, uint256 oldAllowance, uint256 newAllowance);

    /**
     * @notice A minter was removed: its role revoked, its allowance cleared.
     * @param minter the former minter.
     * @param oldAllowance the allowance it had left.
     */
    event MinterRemoved(address indexed minter, uint256 oldAllowance);

    /**
     * @notice The token was paused by `account`.
     * @param account the pauser.
     */
    event Paused(address account);

    /**
     * @notice The token was unpaused by `account`.
     * @param account the pauser.
     */
    event Unpaused(address account);

    /**
     * @notice `account` was frozen (blocklisted) under a legal order.
     * @param account the frozen account.
     */
    event Frozen(address indexed account);

    /**
     * @notice `account` was unfrozen.
     * @param account the unfrozen account.
     */
    event Unfrozen(address indexed account);

    /**
     * @notice The whole balance of a frozen account was burned under a legal order.
     * @param account the frozen account.
     * @param amount the amount burned.
     * @param legalOrderRef reference to the legal order.
     */
    event FrozenBalanceWiped(address indexed account, uint256 amount, bytes32 indexed legalOrderRef);

    /**
     * @notice The reserve address (the only mint destination) changed.
     * @param oldReserve the reserve before.
     * @param newReserve the reserve after.
     */
    event ReserveUpdated(address indexed oldReserve, address indexed newReserve);

    /**
     * @notice The reserve attestation source changed.
     * @param oldFeed the source before.
     * @param newFeed the source after.
     */
    event ReserveFeedUpdated(address indexed oldFeed, address indexed newFeed);

    /**
     * @notice The maximum age of the reserve attestation accepted by mints changed.
     * @param oldMaxAge the maximum age before, in seconds.
     * @param newMaxAge the maximum age after, in seconds.
     */
    event MaxReserveAgeUpdated(uint64 oldMaxAge, uint64 newMaxAge);

    /**
     * @notice The cached reserve report was refreshed from the attestation source.
     * @param oldReserves the cached reserves before, in token units.
     * @param newReserves the cached reserves after, in token units (rounded down).
     * @param oldAsOf the as-of timestamp before.
     * @param newAsOf the as-of timestamp after.
     */
    event ReservesSynced(uint256 oldReserves, uint256 newReserves, uint64 oldAsOf, uint64 newAsOf);

    /**
     * @notice Foreign ERC-20 tokens held by this contract were sent out by the rescuer.
     * @param token the rescued token.
     * @param to the recipient.
     * @param amount the amount sent.
     */
    event ERC20Rescued(address indexed token, address indexed to, uint256 amount);

    /**
     * @notice An EIP-3009 authorization was used.
     * @param authorizer the signer of the authorization.
     * @param nonce the authorization's unique nonce.
     */
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);

    /**
     * @notice An EIP-3009 authorization was canceled before use.
     * @param authorizer the signer of the authorization.
     * @param nonce the authorization's unique nonce.
     */
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    // ------------------------------------------------------------------ errors

    /// @notice The operation is not allowed while the token is paused.
    error SomStablecoinPaused();

    /// @notice Unpause was called while the token is not paused.
    error SomStablecoinNotPaused();

    /**
     * @notice `account` is frozen and cannot send, receive, spend, sign, mint or burn.
     * @param account the frozen account.
     */
    error SomStablecoinAccountFrozen(address account);

    /**
     * @notice `account` is already frozen.
     * @param account the account.
     */
    error SomStablecoinAccountAlreadyFrozen(address account);

    /**
     * @notice `account` is not frozen (unfreeze and wipe need a frozen account).
     * @param account the account.
     */
    error SomStablecoinAccountNotFrozen(address account);

    /// @notice Mint and burn amounts must be greater than zero.
    error SomStablecoinZeroAmount();

    /**
     * @notice The mint exceeds the minter's remaining allowance.
     * @param minter the minter.
     * @param amount the amount asked.
     * @param allowance the allowance left.
     */
    error SomStablecoinMintExceedsAllowance(address minter, uint256 amount, uint256 allowance);

    /**
     * @notice The mint would take the total supply above the attested reserves.
     * @param supply the total supply before the mint.
     * @param amount the amount asked.
     * @param reserves the attested reserves, in token units.
     */
    error SomStablecoinMintExceedsReserves(uint256 supply, uint256 amount, uint256 reserves);

    /**
     * @notice The latest reserve attestation is older than the maximum age.
     * @param asOf the attestation's as-of timestamp.
     * @param maxAge the maximum age in seconds.
     * @param currentTime the block timestamp.
     */
    error SomStablecoinReserveAttestationStale(uint64 asOf, uint64 maxAge, uint256 currentTime);

    /**
     * @notice The attestation source reported an as-of timestamp in the future.
     * @param asOf the reported as-of timestamp.
     * @param currentTime the block timestamp.
     */
    error SomStablecoinReserveAttestationInFuture(uint64 asOf, uint256 currentTime);

    /**
     * @notice The attested value does not fit in token units after scaling up.
     * @param value the attested value.
     * @param feedDecimals the source's decimals.
     * @param tokenDecimals the token's decimals.
     */
    error SomStablecoinReserveConversionOverflow(uint256 value, uint8 feedDecimals, uint8 tokenDecimals);

    /**
     * @notice The reserve address is invalid (zero).
     * @param reserve the rejected address.
     */
    error SomStablecoinInvalidReserve(address reserve);

    /**
     * @notice The attestation source address is invalid (zero).
     * @param feed the rejected address.
     */
    error SomStablecoinInvalidReserveFeed(address feed);

    /**
     * @notice The maximum reserve age is invalid (zero).
     * @param maxAge the rejected value.
     */
    error SomStablecoinInvalidMaxReserveAge(uint64 maxAge);

    /**
     * @notice The minter address is invalid (zero).
     * @param minter the rejected address.
     */
    error SomStablecoinInvalidMinter(address minter);

    /**
     * @notice The rescue recipient is invalid (zero).
     * @param to the rejected address.
     */
    error SomStablecoinInvalidRescueRecipient(address to);

    /**
     * @notice The permit's deadline has passed.
     * @param deadline the signed deadline.
     * @param currentTime the block timestamp.
     */
    error SomStablecoinPermitExpired(uint256 deadline, uint256 currentTime);

    /**
     * @notice The signature is not a valid signature of `signer` (ECDSA or ERC-1271) over the digest.
     * @param signer the expected signer.
     */
    error SomStablecoinInvalidSignature(address signer);

    /**
     * @notice The EIP-3009 authorization is not valid yet.
     * @param validAfter the signed start (exclusive).
     * @param currentTime the block timestamp.
     */
    error SomStablecoinAuthorizationNotYetValid(uint256 validAfter, uint256 currentTime);

    /**
     * @notice The EIP-3009 authorization has expired.
     * @param validBefore the signed end (exclusive).
     * @param currentTime the block timestamp.
     */
    error SomStablecoinAuthorizationExpired(uint256 validBefore, uint256 currentTime);

    /**
     * @notice The EIP-3009 authorization nonce was already used or canceled.
     * @param authorizer the signer.
     * @param nonce the nonce.
     */
    error SomStablecoinAuthorizationUsedOrCanceled(address authorizer, bytes32 nonce);

    /**
     * @notice receiveWithAuthorization must be called by the payee.
     * @param caller the caller.
     * @param payee the signed recipient.
     */
    error SomStablecoinCallerNotPayee(address caller, address payee);

    // ------------------------------------------------------------------ initialization

    /**
     * @notice Initializes the proxy (once).
     * @param name_ token name (also the EIP-712 domain name), e.g. "Som Stablecoin".
     * @param symbol_ token symbol, e.g. "KGSC".
     * @param decimals_ token decimals, e.g. 2 (one unit per tyiyn).
     * @param admin the initial DEFAULT_ADMIN_ROLE holder (two-step, delayed transfer).
     * @param adminTransferDelay delay in seconds before a new admin can accept.
     * @param reserve_ the reserve address every mint credits.
     * @param reserveFeed_ the attestation source of the som reserves (synced immediately).
     * @param maxReserveAge_ maximum age in seconds of the reserve attestation accepted by mints.
     */
    function initialize(
        string calldata name_,
        string calldata symbol_,
        uint8 decimals_,
        address admin,
        uint48 adminTransferDelay,
        address reserve_,
        address reserveFeed_,
        uint64 maxReserveAge_
    ) external;

    // ------------------------------------------------------------------ supply

    /**
     * @notice Mints `amount` into the reserve. There is no recipient parameter: the reserve is the
     * only destination.
     * @dev Requirements: MINTER_ROLE; not paused; caller and reserve not frozen; `amount` > 0 and
     * within the caller's allowance; attestation not older than the maximum age;
     * total supply + `amount` <= attested reserves.
     * @param amount the amount to mint, in token units.
     */
    function mint(uint256 amount) external;

    /**
     * @notice Burns `amount` of the caller's own balance for a redemption.
     * @dev Requirements: BURNER_ROLE; not paused; caller not frozen; `amount` > 0 and <= balance.
     * @param amount the amount to burn.
     * @param redemptionRef the off-chain redemption reference carried by {Burned}.
     */
    function burn(uint256 amount, bytes32 redemptionRef) external;

    /**
     * @notice Grants MINTER_ROLE to `minter` and sets its allowance. Burning does not refill it.
     * @dev Requirements: MINTER_ADMIN_ROLE; `minter` not zero.
     * @param minter the minter.
     * @param allowance the new allowance (replaces the old one).
     */
    function configureMinter(address minter, uint256 allowance) external;

    /**
     * @notice Revokes MINTER_ROLE from `minter` and clears its allowance.
     * @dev Requirements: MINTER_ADMIN_ROLE.
     * @param minter the minter.
     */
    function removeMinter(address minter) external;

    /**
     * @notice The allowance `minter` has left.
     * @param minter the minter.
     * @return the remaining allowance in token units.
     */
    function minterAllowance(address minter) external view returns (uint256);

    // ------------------------------------------------------------------ pause

    /**
     * @notice Pauses transfers, approvals, mints, burns, permits and authorizations.
     * @dev Requirements: PAUSER_ROLE; not paused.
     */
    function pause() external;

    /**
     * @notice Lifts the pause.
     * @dev Requirements: PAUSER_ROLE; paused.
     */
    function unpause() external;

    /// @notice Whether the token is paused.
    function paused() external view returns (bool);

    // ------------------------------------------------------------------ compliance

    /**
     * @notice Freezes `account` under a legal order. Works while paused.
     * @dev Requirements: COMPLIANCE_ROLE; `account` not frozen.
     * @param account the account.
     */
    function freeze(address account) external;

    /**
     * @notice Unfreezes `account`. Works while paused.
     * @dev Requirements: COMPLIANCE_ROLE; `account` frozen.
     * @param account the account.
     */
    function unfreeze(address account) external;

    /**
     * @notice Freezes every account in `accounts` (reverts as a whole if one is already frozen).
     * @dev Requirements: COMPLIANCE_ROLE.
     * @param accounts the accounts.
     */
    function freezeBatch(address[] calldata accounts) external;

    /**
     * @notice Unfreezes every account in `accounts` (reverts as a whole if one is not frozen).
     * @dev Requirements: COMPLIANCE_ROLE.
     * @param accounts the accounts.
     */
    function unfreezeBatch(address[] calldata accounts) external;

    /**
     * @notice Whether `account` is frozen.
     * @param account the account.
     * @return true when frozen.
     */
    function isFrozen(address account) external view returns (bool);

    /**
     * @notice Burns the whole balance of the frozen `account`. Works while paused.
     * @dev Requirements: COMPLIANCE_ROLE; `account` frozen. The account stays frozen.
     * @param account the frozen account.
     * @param legalOrderRef reference to the legal order, carried by {FrozenBalanceWiped}.
     */
    function wipeFrozen(address account, bytes32 legalOrderRef) external;

    // ------------------------------------------------------------------ reserves

    /**
     * @notice Sets the reserve address, the only mint destination.
     * @dev Requirements: DEFAULT_ADMIN_ROLE; not zero.
     * @param newReserve the new reserve (the reserve Safe).
     */
    function setReserve(address newReserve) external;

    /**
     * @notice Sets the attestation source of the som reserves and syncs from it immediately.
     * @dev Requirements: DEFAULT_ADMIN_ROLE; not zero.
     * @param newFeed the new source.
     */
    function setReserveFeed(address newFeed) external;

    /**
     * @notice Sets the maximum age of the reserve attestation accepted by mints.
     * @dev Requirements: DEFAULT_ADMIN_ROLE; not zero.
     * @param newMaxAge the new maximum age in seconds.
     */
    function setMaxReserveAge(uint64 newMaxAge) external;

    /**
     * @notice Pulls the latest `SOM_RESERVES` report from the attestation source into the cache.
     * Anyone may call it: it only reads the configured source.
     */
    function syncReserves() external;

    /// @notice The reserve address every mint credits.
    function reserve() external view returns (address);

    /// @notice The attestation source of the som reserves.
    function reserveFeed() external view returns (address);

    /**
     * @notice The cached reserve report the mint checks against.
     * @return reservesInTokenUnits attested reserves converted to token units (rounded down).
     * @return asOf the attestation's as-of timestamp.
     * @return maxAge the maximum age accepted by mints.
     */
    function reserveSnapshot() external view returns (uint256 reservesInTokenUnits, uint64 asOf, uint64 maxAge);

    // ------------------------------------------------------------------ rescue

    /**
     * @notice Sends `amount` of a foreign ERC-20 `token` held by this contract to `to`.
     * @dev Requirements: RESCUER_ROLE; `to` not zero.
     * @param token the token to rescue.
     * @param to the recipient.
     * @param amount the amount.
     */
    function rescueERC20(address token, address to, uint256 amount) external;

    // ------------------------------------------------------------------ EIP-2612 / EIP-3009

    /**
     * @notice EIP-2612 permit with a `bytes` signature (65-byte ECDSA or ERC-1271 for contract wallets).
     * @dev Requirements: not paused; owner and spender not frozen; deadline not passed; valid signature.
     * @param owner the token owner (signer).
     * @param spender the spender.
     * @param value the allowance.
     * @param deadline the last valid timestamp.
     * @param signature the signature.
     */
    function permit(address owner, address spender, uint256 value, uint256 deadline, bytes memory signature) external;

    /**
     * @notice EIP-3009: executes a transfer signed by `from`, sent by anyone.
     * @dev Requirements: not paused; `from` and `to` not frozen; validAfter < now < validBefore;
     * nonce unused; valid signature (ECDSA or ERC-1271).
     * @param from the payer (signer).
     * @param to the payee.
     * @param value the amount.
     * @param validAfter the time after which it is valid (exclusive).
     * @param validBefore the time before which it is valid (exclusive).
     * @param nonce a unique 32-byte nonce chosen by the signer.
     * @param v signature v.
     * @param r signature r.
     * @param s signature s.
     */
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /**
     * @notice EIP-3009 {transferWithAuthorization} with a `bytes` signature (ECDSA or ERC-1271).
     * @param from the payer (signer).
     * @param to the payee.
     * @param value the amount.
     * @param validAfter the time after which it is valid (exclusive).
     * @param validBefore the time before which it is valid (exclusive).
     * @param nonce a unique 32-byte nonce chosen by the signer.
     * @param signature the signature.
     */
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external;

    /**
     * @notice EIP-3009: the payee executes a transfer signed by `from` (front-running safe).
     * @dev Requirements: as {transferWithAuthorization}, and the caller must be `to`.
     * @param from the payer (signer).
     * @param to the payee, must be the caller.
     * @param value the amount.
     * @param validAfter the time after which it is valid (exclusive).
     * @param validBefore the time before which it is valid (exclusive).
     * @param nonce a unique 32-byte nonce chosen by the signer.
     * @param v signature v.
     * @param r signature r.
     * @param s signature s.
     */
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /**
     * @notice EIP-3009 {receiveWithAuthorization} with a `bytes` signature (ECDSA or ERC-1271).
     * @param from the payer (signer).
     * @param to the payee, must be the caller.
     * @param value the amount.
     * @param validAfter the time after which it is valid (exclusive).
     * @param validBefore the time before which it is valid (exclusive).
     * @param nonce a unique 32-byte nonce chosen by the signer.
     * @param signature the signature.
     */
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external;

    /**
     * @notice EIP-3009: cancels an unused authorization.
     * @dev Requirements: not paused; authorizer not frozen; nonce unused; valid signature.
     * @param authorizer the signer of the authorization.
     * @param nonce the nonce to cancel.
     * @param v signature v.
     * @param r signature r.
     * @param s signature s.
     */
    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external;

    /**
     * @notice EIP-3009 {cancelAuthorization} with a `bytes` signature (ECDSA or ERC-1271).
     * @param authorizer the signer of the authorization.
     * @param nonce the nonce to cancel.
     * @param signature the signature.
     */
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes memory signature) external;

    /**
     * @notice Whether the authorization `nonce` of `authorizer` was used or canceled.
     * @param authorizer the signer.
     * @param nonce the nonce.
     * @return true when used or canceled.
     */
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool);
}
