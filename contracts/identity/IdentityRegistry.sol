// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRulesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/extensions/AccessControlDefaultAdminRulesUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";

/**
 * @title IdentityRegistry
 * @notice Verified holders of the real-asset tokens (see {IIdentityRegistry}). Behind a UUPS
 * proxy; the UPGRADER_ROLE authorizes upgrades, the KYC_OFFICER_ROLE writes identities and the
 * default admin (two-step, delayed) sets the reserve and manages roles.
 * @dev Fixes two ERC-3643 anchor holes by construction: an expired KYC stops verifying without
 * any revocation (ERC-3643 #95), and there are no self-issued claims: only the KYC officer
 * writes identities (#101).
 */
contract IdentityRegistry is
    Initializable,
    AccessControlDefaultAdminRulesUpgradeable,
    UUPSUpgradeable,
    IIdentityRegistry
{
    /// @notice Role that registers, updates and removes identities.
    bytes32 public constant KYC_OFFICER_ROLE = keccak256("KYC_OFFICER_ROLE");
    /// @notice Role that authorizes upgrades of the implementation.
    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");

    /// @dev Largest ISO 3166-1 numeric code (three digits).
    uint16 private constant _MAX_COUNTRY = 999;

    /// @custom:storage-location erc7201:som.storage.IdentityRegistry
    struct IdentityRegistryStorage {
        mapping(address account => Identity) identities;
        address reserve;
    }

    // keccak256(abi.encode(uint256(keccak256("som.storage.IdentityRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0xd2d42ace8386642a5d2bc37fff023753d8000eef0eee67f2c814eb2348769100;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Initializes the registry behind its proxy.
     * @param admin the default admin (the reserve Safe in deployment).
     * @param initialAdminDelay delay of a default-admin transfer, in seconds.
     * @param kycOfficer first holder of KYC_OFFICER_ROLE.
     * @param upgrader first holder of UPGRADER_ROLE.
     * @param reserve_ the reserve, always verified.
     */
    function initialize(
        address admin,
        uint48 initialAdminDelay,
        address kycOfficer,
        address upgrader,
        address reserve_
    ) external initializer {
        if (kycOfficer == address(0) || upgrader == address(0)) revert IdentityRegistryZeroAddress();
        __AccessControlDefaultAdminRules_init(initialAdminDelay, admin);
        _grantRole(KYC_OFFICER_ROLE, kycOfficer);
        _grantRole(UPGRADER_ROLE, upgrader);
        _setReserve(reserve_);
    }

    /// @inheritdoc IIdentityRegistry
    function registerIdentity(address account, uint16 country, uint64 kycExpiry) external onlyRole(KYC_OFFICER_ROLE) {
        _register(account, country, kycExpiry);
    }

    /// @inheritdoc IIdentityRegistry
    function updateIdentity(address account, uint16 country, uint64 kycExpiry) external onlyRole(KYC_OFFICER_ROLE) {
        _update(account, country, kycExpiry);
    }

    /// @inheritdoc IIdentityRegistry
    function removeIdentity(address account) external onlyRole(KYC_OFFICER_ROLE) {
        _remove(account);
    }

    /// @inheritdoc IIdentityRegistry
    function registerIdentities(
        address[] calldata accounts,
        uint16[] calldata countries,
        uint64[] calldata kycExpiries
    ) external onlyRole(KYC_OFFICER_ROLE) {
        _checkLengths(accounts, countries, kycExpiries);
        for (uint256 i = 0; i < accounts.length; ++i) {
            _register(accounts[i], countries[i], kycExpiries[i]);
        }
    }

    /// @inheritdoc IIdentityRegistry
    function updateIdentities(
        address[] calldata accounts,
        uint16[] calldata countries,
        uint64[] calldata kycExpiries
    ) external onlyRole(KYC_OFFICER_ROLE) {
        _checkLengths(accounts, countries, kycExpiries);
        for (uint256 i = 0; i < accounts.length; ++i) {
            _update(accounts[i], countries[i], kycExpiries[i]);
        }
    }

    /// @inheritdoc IIdentityRegistry
    function removeIdentities(address[] calldata accounts) external onlyRole(KYC_OFFICER_ROLE) {
        for (uint256 i = 0; i < accounts.length; ++i) {
            _remove(accounts[i]);
        }
    }

    /// @inheritdoc IIdentityRegistry
    function setReserve(address newReserve) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReserve(newReserve);
    }

    /// @inheritdoc IIdentityRegistry
    function identity(address account) external view returns (Identity memory) {
        return _getIdentityRegistryStorage().identities[account];
    }

    /// @inheritdoc IIdentityRegistry
    function isVerified(address account) external view returns (bool) {
        IdentityRegistryStorage storage $ = _getIdentityRegistryStorage();
        return block.timestamp < $.identities[account].kycExpiry || account == $.reserve;
    }

    /// @inheritdoc IIdentityRegistry
    function areVerified(address a, address b) external view returns (bool aVerified, bool bVerified) {
        IdentityRegistryStorage storage $ = _getIdentityRegistryStorage();
        aVerified = block.timestamp < $.identities[a].kycExpiry;
        bVerified = block.timestamp < $.identities[b].kycExpiry;
        // The reserve slot is read only when needed: a transfer between two KYC'd holders skips it.
        if (!(aVerified && bVerified)) {
            address reserve_ = $.reserve;
            aVerified = aVerified || a == reserve_;
            bVerified = bVerified || b == reserve_;
        }
    }

    /// @inheritdoc IIdentityRegistry
    function verifiedPair(address from, address to) external view returns (bool fromVerified, bool toVerified, uint16 toCountry) {
        IdentityRegistryStorage storage $ = _getIdentityRegistryStorage();
        Identity memory toId = $.identities[to];
        fromVerified = block.timestamp < $.identities[from].kycExpiry;
        toVerified = block.timestamp < toId.kycExpiry;
        toCountry = toId.country;
        // The reserve slot is read only when needed: a transfer between two KYC'd holders skips it.
        if (!(fromVerified && toVerified)) {
            address reserve_ = $.reserve;
            fromVerified = fromVerified || from == reserve_;
            toVerified = toVerified || to == reserve_;
        }
    }

    /// @inheritdoc IIdentityRegistry
    function verification(address account) external view returns (bool verified, uint16 country, address reserve_) {
        IdentityRegistryStorage storage $ = _getIdentityRegistryStorage();
        Identity memory id = $.identities[account];
        reserve_ = $.reserve;
        verified = block.timestamp < id.kycExpiry || account == reserve_;
        country = id.country;
    }

    /// @inheritdoc IIdentityRegistry
    function reserve() external view returns (address) {
        return _getIdentityRegistryStorage().reserve;
    }

    /// @dev Only UPGRADER_ROLE may upgrade.
    function _authorizeUpgrade(address) internal view override {
        _checkRole(UPGRADER_ROLE);
    }

    function _register(address account, uint16 country, uint64 kycExpiry) private {
        if (account == address(0)) revert IdentityRegistryZeroAddress();
        Identity storage id = _getIdentityRegistryStorage().identities[account];
        if (id.kycExpiry != 0) revert IdentityRegistryAlreadyRegistered(account);
        _checkIdentity(account, country, kycExpiry);
        id.country = country;
        id.kycExpiry = kycExpiry;
        emit IdentityRegistered(account, country, kycExpiry);
    }

    function _update(address account, uint16 country, uint64 kycExpiry) private {
        Identity storage id = _getIdentityRegistryStorage().identities[account];
        Identity memory old = id;
        if (old.kycExpiry == 0) revert IdentityRegistryNotRegistered(account);
        _checkIdentity(account, country, kycExpiry);
        id.country = country;
        id.kycExpiry = kycExpiry;
        emit IdentityUpdated(account, old.country, country, old.kycExpiry, kycExpiry);
    }

    function _remove(address account) private {
        IdentityRegistryStorage storage $ = _getIdentityRegistryStorage();
        Identity memory old = $.identities[account];
        if (old.kycExpiry == 0) revert IdentityRegistryNotRegistered(account);
        delete $.identities[account];
        emit IdentityRemoved(account, old.country, old.kycExpiry);
    }

    function _setReserve(address newReserve) private {
        if (newReserve == address(0)) revert IdentityRegistryZeroAddress();
        IdentityRegistryStorage storage $ = _getIdentityRegistryStorage();
        emit ReserveUpdated($.reserve, newReserve);
        $.reserve = newReserve;
    }

    function _checkIdentity(address account, uint16 country, uint64 kycExpiry) private view {
        if (country == 0 || country > _MAX_COUNTRY) revert IdentityRegistryInvalidCountry(account, country);
        if (!(kycExpiry > block.timestamp)) revert IdentityRegistryExpiryNotInFuture(account, kycExpiry, block.timestamp);
    }

    function _checkLengths(
        address[] calldata accounts,
        uint16[] calldata countries,
        uint64[] calldata kycExpiries
    ) private pure {
        if (accounts.length != countries.length || accounts.length != kycExpiries.length) {
            revert IdentityRegistryLengthMismatch(accounts.length, countries.length, kycExpiries.length);
        }
    }

    function _getIdentityRegistryStorage() private pure returns (IdentityRegistryStorage storage $) {
        // ERC-7201: point the storage struct at its namespaced slot.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }
}
