// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRulesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/extensions/AccessControlDefaultAdminRulesUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ICounterpartyRegistry} from "./interfaces/ICounterpartyRegistry.sol";

/**
 * @title CounterpartyRegistry
 * @notice The licensed counterparties of the primary market (see {ICounterpartyRegistry} and
 * docs/market.md). The regulator (REGULATOR_ROLE, a key of its own) licenses, renews, suspends,
 * reinstates and revokes; the default admin (the reserve Safe, two-step and delayed) manages
 * roles and the minimum capital per category; UPGRADER_ROLE authorizes upgrades.
 * @dev UUPS proxy, ERC-7201 storage (namespace `som.storage.CounterpartyRegistry`). Status,
 * category and expiry of a counterparty share one slot: {isEligible} costs one storage read.
 */
contract CounterpartyRegistry is
    Initializable,
    AccessControlDefaultAdminRulesUpgradeable,
    UUPSUpgradeable,
    ICounterpartyRegistry
{
    /// @notice Role that licenses, renews, suspends, reinstates and revokes counterparties.
    bytes32 public constant REGULATOR_ROLE = keccak256("REGULATOR_ROLE");
    /// @notice Role that authorizes upgrades of the implementation.
    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");

    /// @custom:storage-location erc7201:som.storage.CounterpartyRegistry
    struct CounterpartyRegistryStorage {
        mapping(address account => Counterparty) counterparties;
        address[] accounts;
        mapping(Category category => uint256) minimumCapital;
    }

    // keccak256(abi.encode(uint256(keccak256("som.storage.CounterpartyRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x463a767ec37067b85d8e61ed96d9fdf0b116b73915305250fa9ac58ad9b18000;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Initializes the registry behind its proxy.
     * @param initialAdminDelay delay of a default-admin transfer, in seconds.
     * @param admin the default admin (the reserve Safe in deployment).
     * @param regulator first holder of REGULATOR_ROLE (the regulator's own key).
     * @param upgrader first holder of UPGRADER_ROLE (the reserve Safe in deployment).
     */
    function initialize(uint48 initialAdminDelay, address admin, address regulator, address upgrader)
        external
        initializer
    {
        if (regulator == address(0) || upgrader == address(0)) revert CounterpartyRegistryZeroAddress();
        __AccessControlDefaultAdminRules_init(initialAdminDelay, admin);
        _grantRole(REGULATOR_ROLE, regulator);
        _grantRole(UPGRADER_ROLE, upgrader);
    }

    /// @inheritdoc ICounterpartyRegistry
    function license(address account, Licence calldata licence) external onlyRole(REGULATOR_ROLE) {
        if (account == address(0)) revert CounterpartyRegistryZeroAddress();
        CounterpartyRegistryStorage storage $ = _getStorage();
        Counterparty storage c = $.counterparties[account];
        Status status = c.status;
        if (status == Status.Active || status == Status.Suspended) revert CounterpartyRegistryAlreadyLicensed(account);
        if (bytes(licence.name).length == 0 || bytes(licence.licenceNumber).length == 0) {
            revert CounterpartyRegistryEmptyField();
        }
        _checkExpiry(licence.licenceExpiry);
        _checkCapital($, licence.category, licence.declaredCapital, licence.capitalDocHash);
        if (status == Status.None) $.accounts.push(account);
        c.status = Status.Active;
        c.category = licence.category;
        c.licenceExpiry = licence.licenceExpiry;
        c.declaredCapital = licence.declaredCapital;
        c.capitalDocHash = licence.capitalDocHash;
        c.name = licence.name;
        c.licenceNumber = licence.licenceNumber;
        emit CounterpartyLicensed(
            account,
            licence.category,
            licence.name,
            licence.licenceNumber,
            licence.licenceExpiry,
            licence.declaredCapital,
            licence.capitalDocHash
        );
    }

    /// @inheritdoc ICounterpartyRegistry
    function renewLicence(address account, string calldata licenceNumber, uint64 licenceExpiry)
        external
        onlyRole(REGULATOR_ROLE)
    {
        Counterparty storage c = _licensed(account);
        if (bytes(licenceNumber).length == 0) revert CounterpartyRegistryEmptyField();
        _checkExpiry(licenceExpiry);
        uint64 oldExpiry = c.licenceExpiry;
        c.licenceExpiry = licenceExpiry;
        c.licenceNumber = licenceNumber;
        emit LicenceRenewed(account, licenceNumber, oldExpiry, licenceExpiry);
    }

    /// @inheritdoc ICounterpartyRegistry
    function declareCapital(address account, uint256 declaredCapital, bytes32 capitalDocHash)
        external
        onlyRole(REGULATOR_ROLE)
    {
        Counterparty storage c = _licensed(account);
        _checkCapital(_getStorage(), c.category, declaredCapital, capitalDocHash);
        uint256 oldCapital = c.declaredCapital;
        c.declaredCapital = declaredCapital;
        c.capitalDocHash = capitalDocHash;
        emit CapitalDeclared(account, oldCapital, declaredCapital, capitalDocHash);
    }

    /// @inheritdoc ICounterpartyRegistry
    function suspend(address account, bytes32 reason) external onlyRole(REGULATOR_ROLE) {
        _changeStatus(account, Status.Active, Status.Suspended, reason);
    }

    /// @inheritdoc ICounterpartyRegistry
    function reinstate(address account, bytes32 reason) external onlyRole(REGULATOR_ROLE) {
        _changeStatus(account, Status.Suspended, Status.Active, reason);
    }

    /// @inheritdoc ICounterpartyRegistry
    function revoke(address account, bytes32 reason) external onlyRole(REGULATOR_ROLE) {
        Counterparty storage c = _licensed(account);
        Status old = c.status;
        c.status = Status.Revoked;
        emit StatusChanged(account, old, Status.Revoked, reason);
    }

    /// @inheritdoc ICounterpartyRegistry
    function setMinimumCapital(Category category, uint256 minimum) external onlyRole(DEFAULT_ADMIN_ROLE) {
        CounterpartyRegistryStorage storage $ = _getStorage();
        uint256 old = $.minimumCapital[category];
        $.minimumCapital[category] = minimum;
        emit MinimumCapitalSet(category, old, minimum);
    }

    /// @inheritdoc ICounterpartyRegistry
    function isEligible(address account) external view returns (bool eligible) {
        Counterparty storage c = _getStorage().counterparties[account];
        return c.status == Status.Active && block.timestamp < c.licenceExpiry;
    }

    /// @inheritdoc ICounterpartyRegistry
    function counterparty(address account) external view returns (Counterparty memory record) {
        return _getStorage().counterparties[account];
    }

    /// @inheritdoc ICounterpartyRegistry
    function counterpartyCount() external view returns (uint256 count) {
        return _getStorage().accounts.length;
    }

    /// @inheritdoc ICounterpartyRegistry
    function counterpartyAt(uint256 index) external view returns (address account) {
        return _getStorage().accounts[index];
    }

    /// @inheritdoc ICounterpartyRegistry
    function minimumCapital(Category category) external view returns (uint256 minimum) {
        return _getStorage().minimumCapital[category];
    }

    /// @dev Only UPGRADER_ROLE may upgrade.
    function _authorizeUpgrade(address) internal view override {
        _checkRole(UPGRADER_ROLE);
    }

    /// @dev Moves `account` from `from` to `to`, or reverts when its status is not `from`.
    function _changeStatus(address account, Status from, Status to, bytes32 reason) private {
        Counterparty storage c = _getStorage().counterparties[account];
        Status status = c.status;
        if (status != from) revert CounterpartyRegistryWrongStatus(account, status);
        c.status = to;
        emit StatusChanged(account, from, to, reason);
    }

    /// @dev The record of `account`, which must be Active or Suspended.
    function _licensed(address account) private view returns (Counterparty storage c) {
        c = _getStorage().counterparties[account];
        Status status = c.status;
        if (status != Status.Active && status != Status.Suspended) revert CounterpartyRegistryNotLicensed(account);
    }

    /// @dev Reverts unless `expiry` is in the future.
    function _checkExpiry(uint64 expiry) private view {
        if (!(expiry > block.timestamp)) revert CounterpartyRegistryExpiryNotInFuture(expiry, block.timestamp);
    }

    /// @dev Reverts unless the capital meets the category's minimum and its document hash is set.
    function _checkCapital(
        CounterpartyRegistryStorage storage $,
        Category category,
        uint256 capital,
        bytes32 docHash
    ) private view {
        if (docHash == bytes32(0)) revert CounterpartyRegistryEmptyField();
        uint256 minimum = $.minimumCapital[category];
        if (capital < minimum) revert CounterpartyRegistryCapitalBelowMinimum(category, capital, minimum);
    }

    /// @dev The registry's ERC-7201 namespace.
    function _getStorage() private pure returns (CounterpartyRegistryStorage storage $) {
        // ERC-7201: point the storage struct at its namespaced slot.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }
}
