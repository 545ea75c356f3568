// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Amounts and rates stay in event data: nobody filters on them, and topics cost gas.
/* solhint-disable gas-indexed-events */

/**
 * @title ISomSupplyController
 * @notice The only minter of the som stablecoin (the shape of Paxos' SupplyControl and Circle's
 * MintController): it keeps the minters, each with an allowance (total it may still mint; burns do
 * not refill it) and a refilling rate limit (a bucket of `capacity` that refills `refillPerSecond`
 * per second). A mint spends both, then asks the token to mint into the reserve, where the
 * token's own rules (reserve cap, fresh attestation, pause, frozen reserve) apply.
 */
interface ISomSupplyController {
    /// @notice A minter's settings and current state.
    struct MinterState {
        /// @notice whether the address is a minter.
        bool active;
        /// @notice what it may still mint in total.
        uint256 allowance;
        /// @notice the size of its rate-limit bucket.
        uint256 capacity;
        /// @notice how much the bucket refills per second.
        uint256 refillPerSecond;
        /// @notice what the bucket holds now (at most `capacity`).
        uint256 available;
    }

    /**
     * @notice `minter` minted `amount` into the reserve (the token emits the Transfer).
     * @param minter the minter.
     * @param amount the amount, in token units (its allowance went down by as much).
     */
    event Minted(address indexed minter, uint256 amount);

    /**
     * @notice `minter` was made a minter, or its allowance and rate limit were replaced.
     * @param minter the minter.
     * @param allowance its allowance.
     * @param capacity its bucket size.
     * @param refillPerSecond its refill per second.
     */
    event MinterConfigured(address indexed minter, uint256 allowance, uint256 capacity, uint256 refillPerSecond);

    /**
     * @notice The rate limit of `minter` changed (its bucket keeps what it held, up to the new capacity).
     * @param minter the minter.
     * @param capacity its bucket size.
     * @param refillPerSecond its refill per second.
     */
    event MinterRateLimitUpdated(address indexed minter, uint256 capacity, uint256 refillPerSecond);

    /**
     * @notice `minter` is no longer a minter; its allowance and rate limit were cleared.
     * @param minter the former minter.
     * @param allowanceLeft the allowance it had left.
     */
    event MinterRemoved(address indexed minter, uint256 allowanceLeft);

    /**
     * @notice The caller (or the address named) is not a minter.
     * @param account the address.
     */
    error SomSupplyControllerNotMinter(address account);

    /**
     * @notice The minter address is invalid (zero).
     * @param minter the rejected address.
     */
    error SomSupplyControllerInvalidMinter(address minter);

    /**
     * @notice The token address given to the implementation is invalid (zero).
     * @param token the rejected address.
     */
    error SomSupplyControllerInvalidToken(address token);

    /**
     * @notice A setting does not fit its storage (allowance: below 2**128; capacity and refill:
     * below 2**88) or the capacity is zero.
     * @param value the rejected value.
     */
    error SomSupplyControllerInvalidSetting(uint256 value);

    /// @notice Mint amounts must be greater than zero.
    error SomSupplyControllerZeroAmount();

    /**
     * @notice The mint exceeds the minter's remaining allowance.
     * @param minter the minter.
     * @param amount the amount asked.
     * @param allowance the allowance left.
     */
    error SomSupplyControllerAllowanceExceeded(address minter, uint256 amount, uint256 allowance);

    /**
     * @notice The mint exceeds what the minter's rate limit allows now.
     * @param minter the minter.
     * @param amount the amount asked.
     * @param available what the bucket holds now (the current capacity).
     * @param capacity the bucket size (a mint above it never succeeds).
     * @param secondsUntilAvailable seconds until the bucket holds `amount` (type(uint256).max:
     * never, because `amount` exceeds `capacity` or nothing refills).
     */
    error SomSupplyControllerRateLimitExceeded(
        address minter, uint256 amount, uint256 available, uint256 capacity, uint256 secondsUntilAvailable
    );

    /**
     * @notice Initializes the proxy (once). Same shape as every upgradeable contract of the system:
     * the admin, then the admin transfer delay. The token is fixed in the implementation.
     * @param admin the initial DEFAULT_ADMIN_ROLE holder (two-step, delayed transfer).
     * @param adminTransferDelay delay in seconds before a new admin can accept.
     */
    function initialize(address admin, uint48 adminTransferDelay) external;

    /**
     * @notice Mints `amount` into the token's reserve, spending the caller's allowance and rate limit.
     * @dev Requirements: the caller is a minter; `amount` > 0, within its allowance and within what
     * its bucket holds; then the token's rules (not paused, reserve not frozen, fresh attestation,
     * supply + `amount` <= reserves).
     * @param amount the amount, in token units.
     */
    function mint(uint256 amount) external;

    /**
     * @notice Makes `minter` a minter (its bucket starts full), or replaces the allowance and rate
     * limit of an existing minter: its bucket keeps what it holds now (refill accrued up to this
     * block), up to the new capacity, so lowering a minter's limits never refills its bucket.
     * @dev Requirements: MINTER_ADMIN_ROLE; `minter` not zero; `allowance` < 2**128;
     * 0 < `capacity` < 2**88; `refillPerSecond` < 2**88.
     * @param minter the minter.
     * @param allowance what it may mint in total from now on.
     * @param capacity the most it may mint at once (the bucket size).
     * @param refillPerSecond how much the bucket refills per second.
     */
    function configureMinter(address minter, uint256 allowance, uint256 capacity, uint256 refillPerSecond) external;

    /**
     * @notice Changes the rate limit of the minter `minter`; its bucket keeps what it holds now,
     * up to the new capacity.
     * @dev Requirements: MINTER_ADMIN_ROLE; `minter` a minter; 0 < `capacity` < 2**88;
     * `refillPerSecond` < 2**88.
     * @param minter the minter.
     * @param capacity the new bucket size.
     * @param refillPerSecond the new refill per second.
     */
    function setRateLimit(address minter, uint256 capacity, uint256 refillPerSecond) external;

    /**
     * @notice Removes the minter `minter` and clears its allowance and rate limit.
     * @dev Requirements: MINTER_ADMIN_ROLE; `minter` a minter (removing a non-minter reverts).
     * @param minter the minter.
     */
    function removeMinter(address minter) external;

    /// @notice The token this controller mints (fixed in the implementation).
    /// @return the token.
    function token() external view returns (address);

    /**
     * @notice Whether `account` is a minter.
     * @param account the address.
     * @return true for a minter.
     */
    function isMinter(address account) external view returns (bool);

    /**
     * @notice The allowance `minter` has left.
     * @param minter the minter.
     * @return the allowance in token units.
     */
    function minterAllowance(address minter) external view returns (uint256);

    /**
     * @notice Settings and current state of `minter` (all zero for a non-minter).
     * @param minter the minter.
     * @return the state, with the bucket refilled up to this block.
     */
    function minterState(address minter) external view returns (MinterState memory);
}
