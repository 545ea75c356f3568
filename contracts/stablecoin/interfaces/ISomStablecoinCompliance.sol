// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Accounts of pause events and amounts stay in event data: nobody filters on them, and topics cost gas.
/* solhint-disable gas-indexed-events */

/**
 * @title ISomStablecoinCompliance
 * @notice Pause and freeze of the som stablecoin: the pauser stops every movement of tokens; the
 * compliance officer freezes accounts under legal orders. Both act at once (protective). Lifting
 * the pause, unfreezing and wiping a frozen balance undo a protection or destroy a balance: they
 * are the default admin's (the reserve Safe's alone, a delayed Safe call).
 */
interface ISomStablecoinCompliance {
    /**
     * @notice The token was paused by `account`.
     * @param account the pauser.
     */
    event Paused(address account);

    /**
     * @notice The token was unpaused by `account`.
     * @param account the default admin (the reserve Safe).
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

    /// @notice The operation is not allowed while the token is paused.
    error SomStablecoinPaused();

    /// @notice Unpause was called while the token is not paused.
    error SomStablecoinNotPaused();

    /**
     * @notice `account` is frozen and cannot send, receive, spend, sign or burn.
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

    /**
     * @notice Pauses transfers, approvals, mints, burns, permits and authorizations.
     * @dev Requirements: PAUSER_ROLE; not paused.
     */
    function pause() external;

    /**
     * @notice Lifts the pause.
     * @dev Requirements: DEFAULT_ADMIN_ROLE (the reserve Safe; PAUSER_ROLE can only pause); paused.
     */
    function unpause() external;

    /// @notice Whether the token is paused.
    /// @return true when paused.
    function paused() external view returns (bool);

    /**
     * @notice Freezes `account` under a legal order. Works while paused.
     * @dev Requirements: COMPLIANCE_ROLE; `account` not frozen.
     * @param account the account.
     */
    function freeze(address account) external;

    /**
     * @notice Unfreezes `account`. Works while paused.
     * @dev Requirements: DEFAULT_ADMIN_ROLE (the reserve Safe; COMPLIANCE_ROLE can only freeze);
     * `account` frozen.
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
     * @dev Requirements: DEFAULT_ADMIN_ROLE (the reserve Safe).
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
     * @dev Requirements: DEFAULT_ADMIN_ROLE (the reserve Safe; the compliance officer freezes, the
     * Safe wipes); `account` frozen. The account stays frozen.
     * @param account the frozen account.
     * @param legalOrderRef reference to the legal order, carried by {FrozenBalanceWiped}.
     */
    function wipeFrozen(address account, bytes32 legalOrderRef) external;
}
