// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Amounts and timestamps stay in event data: nobody filters on them, and topics cost gas.
/* solhint-disable gas-indexed-events */

/**
 * @title ISomStablecoinReserves
 * @notice The reserve rules of the som stablecoin: the reserve address (the only mint
 * destination) and the cached attestation of the som reserves that caps every mint.
 */
interface ISomStablecoinReserves {
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
     * @param oldAsOf the cached as-of timestamp before.
     * @param newAsOf the cached (effective) as-of timestamp after: for a report not cached before,
     * the report's, or the block's when the report is post-dated; for a re-sync of the cached report
     * (same as-of), the cached one unchanged (so re-syncing a post-dated report never extends its
     * freshness).
     */
    event ReservesSynced(uint256 oldReserves, uint256 newReserves, uint64 oldAsOf, uint64 newAsOf);

    /**
     * @notice The mint would take the total supply above the attested reserves.
     * @param supply the total supply before the mint.
     * @param amount the amount asked.
     * @param reserves the attested reserves, in token units.
     */
    error SomStablecoinMintExceedsReserves(uint256 supply, uint256 amount, uint256 reserves);

    /**
     * @notice The latest reserve attestation is older than the maximum age.
     * @param asOf the cached as-of timestamp.
     * @param maxAge the maximum age in seconds.
     * @param currentTime the block timestamp.
     */
    error SomStablecoinReserveAttestationStale(uint64 asOf, uint64 maxAge, uint256 currentTime);

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
     * @notice The maximum reserve age is invalid (zero, or above 2**40 - 1 seconds).
     * @param maxAge the rejected value.
     */
    error SomStablecoinInvalidMaxReserveAge(uint64 maxAge);

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
     * @dev Requirements: DEFAULT_ADMIN_ROLE; 0 < `newMaxAge` < 2**40.
     * @param newMaxAge the new maximum age in seconds.
     */
    function setMaxReserveAge(uint64 newMaxAge) external;

    /**
     * @notice Pulls the latest `SOM_RESERVES` report from the attestation source into the cache.
     * Anyone may call it: it only reads the configured source. A post-dated report (its as-of after
     * the block, as the registry accepts within its future skew) is cached as of the block of its
     * first sync; re-syncing the same report (same as-of) keeps that effective as-of, so its
     * freshness deadline never moves forward.
     */
    function syncReserves() external;

    /// @notice The reserve address every mint credits.
    /// @return the reserve.
    function reserve() external view returns (address);

    /// @notice The attestation source of the som reserves.
    /// @return the source.
    function reserveFeed() external view returns (address);

    /**
     * @notice The cached reserve report the mint checks against.
     * @return reservesInTokenUnits attested reserves converted to token units (rounded down, capped
     * at 2**120 - 1).
     * @return asOf the cached (effective) as-of timestamp: min of the report's and the block of the
     * first sync of that report (later re-syncs of the same report do not move it).
     * @return maxAge the maximum age accepted by mints.
     */
    function reserveSnapshot() external view returns (uint256 reservesInTokenUnits, uint64 asOf, uint64 maxAge);
}
