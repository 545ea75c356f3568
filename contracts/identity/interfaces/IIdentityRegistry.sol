// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// values are read by indexers, not filtered on

// solhint-disable gas-indexed-events

/**
 * @title IIdentityRegistry
 * @notice Verified holders of the real-asset tokens: each registered account has a country code
 * and a KYC expiry. An account is verified while `block.timestamp < kycExpiry` (an expired entry
 * stops verifying by itself, nobody needs to revoke it) and the reserve is always verified.
 * Only the KYC officer role writes identities: an account cannot verify itself.
 */
interface IIdentityRegistry {
    /**
     * @notice One registered identity, packed in one storage slot.
     * @param country ISO 3166-1 numeric country code (e.g. 417 for Kyrgyzstan); never 0.
     * @param kycExpiry timestamp from which the KYC no longer verifies; 0 means not registered.
     */
    struct Identity {
        uint16 country;
        uint64 kycExpiry;
    }

    /**
     * @notice Emitted when `account` is registered.
     * @param account the registered account.
     * @param country its ISO 3166-1 numeric country code.
     * @param kycExpiry the timestamp its KYC expires at.
     */
    event IdentityRegistered(address indexed account, uint16 country, uint64 kycExpiry);

    /**
     * @notice Emitted when the identity of `account` changes.
     * @param account the account.
     * @param oldCountry the country before.
     * @param newCountry the country after.
     * @param oldKycExpiry the KYC expiry before.
     * @param newKycExpiry the KYC expiry after.
     */
    event IdentityUpdated(
        address indexed account,
        uint16 oldCountry,
        uint16 newCountry,
        uint64 oldKycExpiry,
        uint64 newKycExpiry
    );

    /**
     * @notice Emitted when `account` is removed.
     * @param account the removed account.
     * @param country the country it had.
     * @param kycExpiry the KYC expiry it had.
     */
    event IdentityRemoved(address indexed account, uint16 country, uint64 kycExpiry);

    /**
     * @notice Emitted when the reserve (always verified) changes.
     * @param oldReserve the reserve before.
     * @param newReserve the reserve after.
     */
    event ReserveUpdated(address indexed oldReserve, address indexed newReserve);

    /// @notice An address argument that must be set was zero.
    error IdentityRegistryZeroAddress();

    /// @notice `account` is already registered (use update).
    error IdentityRegistryAlreadyRegistered(address account);

    /// @notice `account` is not registered.
    error IdentityRegistryNotRegistered(address account);

    /// @notice `country` is not a valid ISO 3166-1 numeric code (0 or above 999).
    error IdentityRegistryInvalidCountry(address account, uint16 country);

    /// @notice `kycExpiry` is not after the current block timestamp `nowTimestamp`.
    error IdentityRegistryExpiryNotInFuture(address account, uint64 kycExpiry, uint256 nowTimestamp);

    /// @notice The arrays of a batch call have different lengths.
    error IdentityRegistryLengthMismatch(uint256 accounts, uint256 countries, uint256 kycExpiries);

    /**
     * @notice Registers `account` with `country` and a KYC valid until `kycExpiry`.
     * @dev Requirements: caller has KYC_OFFICER_ROLE; `account` non-zero and not registered;
     * `country` in 1..999; `kycExpiry` after the current block timestamp.
     */
    function registerIdentity(address account, uint16 country, uint64 kycExpiry) external;

    /**
     * @notice Replaces the country and KYC expiry of registered `account` (e.g. a renewed KYC).
     * @dev Requirements: caller has KYC_OFFICER_ROLE; `account` registered; same checks as register.
     */
    function updateIdentity(address account, uint16 country, uint64 kycExpiry) external;

    /**
     * @notice Removes registered `account`; it stops verifying at once.
     * @dev Requirements: caller has KYC_OFFICER_ROLE; `account` registered.
     */
    function removeIdentity(address account) external;

    /// @notice Batch {registerIdentity}: all or nothing.
    function registerIdentities(
        address[] calldata accounts,
        uint16[] calldata countries,
        uint64[] calldata kycExpiries
    ) external;

    /// @notice Batch {updateIdentity}: all or nothing.
    function updateIdentities(
        address[] calldata accounts,
        uint16[] calldata countries,
        uint64[] calldata kycExpiries
    ) external;

    /// @notice Batch {removeIdentity}: all or nothing.
    function removeIdentities(address[] calldata accounts) external;

    /**
     * @notice Sets the reserve, which is always verified.
     * @dev Requirements: caller has DEFAULT_ADMIN_ROLE; `newReserve` non-zero.
     */
    function setReserve(address newReserve) external;

    /// @notice The stored identity of `account` (zeros when not registered; may be expired).
    function identity(address account) external view returns (Identity memory);

    /// @notice Whether `account` is verified: the reserve, or registered with an unexpired KYC.
    function isVerified(address account) external view returns (bool);

    /// @notice {isVerified} of `a` and of `b` in one call (one call per token transfer).
    function areVerified(address a, address b) external view returns (bool aVerified, bool bVerified);

    /**
     * @notice {isVerified} of `from` and of `to`, and the country of `to` (0: not registered), in one call
     * (one call per asset-token transfer, which applies the asset's holder-country rule to `to`).
     */
    function verifiedPair(address from, address to) external view returns (bool fromVerified, bool toVerified, uint16 toCountry);

    /// @notice {isVerified} of `account`, its country (0: not registered) and the reserve, in one call.
    function verification(address account) external view returns (bool verified, uint16 country, address reserve_);

    /// @notice The reserve (the reserve Safe in deployment): always verified.
    function reserve() external view returns (address);
}
