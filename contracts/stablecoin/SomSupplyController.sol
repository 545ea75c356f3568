// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Allowance and bucket checks need non-strict comparisons (`>=` is what the rule means).
/* solhint-disable gas-strict-inequalities */

import {AccessControlDefaultAdminRulesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/extensions/AccessControlDefaultAdminRulesUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ISomStablecoinSupply} from "./interfaces/ISomStablecoinSupply.sol";
import {ISomSupplyController} from "./interfaces/ISomSupplyController.sol";

/**
 * @title SomSupplyController
 * @notice The only minter of the som stablecoin: minters with allowances and refilling rate
 * limits, managed by the minter admin (see {ISomSupplyController} and docs/stablecoin.md).
 * @dev UUPS proxy, ERC-7201 storage (namespace `som.storage.SomSupplyController`), roles via
 * {AccessControlDefaultAdminRulesUpgradeable}. The token is an immutable of the implementation (the
 * token proxy's address never changes; an upgrade may name another). A mint reads two slots of
 * its minter and writes one.
 * @custom:oz-upgrades-unsafe-allow state-variable-immutable
 */
contract SomSupplyController is
    Initializable,
    UUPSUpgradeable,
    AccessControlDefaultAdminRulesUpgradeable,
    ISomSupplyController
{
    /// @notice May upgrade the implementation.
    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");
    /// @notice May configure minters, set their rate limits and remove them.
    bytes32 public constant MINTER_ADMIN_ROLE = keccak256("MINTER_ADMIN_ROLE");

    /// @dev A minter: the first slot is read and written by every mint, the second only read.
    struct Minter {
        uint128 allowance;
        uint88 available;
        uint40 updatedAt;
        uint88 capacity;
        uint88 refillPerSecond;
        bool active;
    }

    /// @custom:storage-location erc7201:som.storage.SomSupplyController
    struct SomSupplyControllerStorage {
        mapping(address minter => Minter) minters;
    }

    // keccak256(abi.encode(uint256(keccak256("som.storage.SomSupplyController")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0xef2d6623a82c434139c3d7180c6de18be930ac5b552be743509d48602e1c3600;

    /// @dev The token (a proxy); every mint goes to its `mint`.
    ISomStablecoinSupply private immutable _TOKEN;

    /**
     * @param token_ the stablecoin proxy this controller mints.
     * @custom:oz-upgrades-unsafe-allow constructor
     */
    constructor(address token_) {
        if (token_ == address(0)) revert SomSupplyControllerInvalidToken(token_);
        _TOKEN = ISomStablecoinSupply(token_);
        _disableInitializers();
    }

    /// @inheritdoc ISomSupplyController
    function initialize(address admin, uint48 adminTransferDelay) external initializer {
        __AccessControlDefaultAdminRules_init(adminTransferDelay, admin);
    }

    /// @inheritdoc ISomSupplyController
    function mint(uint256 amount) external {
        if (amount == 0) revert SomSupplyControllerZeroAmount();
        Minter storage m = _getSomSupplyControllerStorage().minters[msg.sender];
        Minter memory current = m;
        if (!current.active) revert SomSupplyControllerNotMinter(msg.sender);
        if (amount > current.allowance) {
            revert SomSupplyControllerAllowanceExceeded(msg.sender, amount, current.allowance);
        }
        uint256 available = _available(current);
        if (amount > available) {
            revert SomSupplyControllerRateLimitExceeded(
                msg.sender, amount, available, current.capacity, _secondsUntil(current, available, amount)
            );
        }
        unchecked {
            // amount <= allowance, amount <= available <= capacity < 2**88
            m.allowance = current.allowance - uint128(amount);
            m.available = uint88(available - amount);
            m.updatedAt = uint40(block.timestamp);
        }
        emit Minted(msg.sender, amount);
        _TOKEN.mint(amount);
    }

    /// @inheritdoc ISomSupplyController
    function configureMinter(address minter, uint256 allowance, uint256 capacity, uint256 refillPerSecond)
        external
        onlyRole(MINTER_ADMIN_ROLE)
    {
        if (minter == address(0)) revert SomSupplyControllerInvalidMinter(minter);
        if (allowance > type(uint128).max) revert SomSupplyControllerInvalidSetting(allowance);
        _checkRateLimit(capacity, refillPerSecond);
        Minter storage m = _getSomSupplyControllerStorage().minters[minter];
        // An existing minter keeps what its bucket holds now (refill accrued), up to the new capacity:
        // lowering a compromised minter's limits must not hand it a full bucket. A new one starts full.
        uint256 available = capacity;
        if (m.active) {
            uint256 current = _available(m);
            if (current < capacity) available = current;
        }
        _getSomSupplyControllerStorage().minters[minter] = Minter({
            allowance: uint128(allowance),
            available: uint88(available),
            updatedAt: uint40(block.timestamp),
            capacity: uint88(capacity),
            refillPerSecond: uint88(refillPerSecond),
            active: true
        });
        emit MinterConfigured(minter, allowance, capacity, refillPerSecond);
    }

    /// @inheritdoc ISomSupplyController
    function setRateLimit(address minter, uint256 capacity, uint256 refillPerSecond) external onlyRole(MINTER_ADMIN_ROLE) {
        Minter storage m = _requireMinter(minter);
        _checkRateLimit(capacity, refillPerSecond);
        uint256 available = _available(m);
        m.available = uint88(available < capacity ? available : capacity);
        m.updatedAt = uint40(block.timestamp);
        m.capacity = uint88(capacity);
        m.refillPerSecond = uint88(refillPerSecond);
        emit MinterRateLimitUpdated(minter, capacity, refillPerSecond);
    }

    /// @inheritdoc ISomSupplyController
    function removeMinter(address minter) external onlyRole(MINTER_ADMIN_ROLE) {
        uint256 allowanceLeft = _requireMinter(minter).allowance;
        delete _getSomSupplyControllerStorage().minters[minter];
        emit MinterRemoved(minter, allowanceLeft);
    }

    /// @inheritdoc ISomSupplyController
    function token() external view returns (address) {
        return address(_TOKEN);
    }

    /// @inheritdoc ISomSupplyController
    function isMinter(address account) external view returns (bool) {
        return _getSomSupplyControllerStorage().minters[account].active;
    }

    /// @inheritdoc ISomSupplyController
    function minterAllowance(address minter) external view returns (uint256) {
        return _getSomSupplyControllerStorage().minters[minter].allowance;
    }

    /// @inheritdoc ISomSupplyController
    function minterState(address minter) external view returns (MinterState memory) {
        Minter memory m = _getSomSupplyControllerStorage().minters[minter];
        return MinterState({
            active: m.active,
            allowance: m.allowance,
            capacity: m.capacity,
            refillPerSecond: m.refillPerSecond,
            available: _available(m)
        });
    }

    /// @dev Only UPGRADER_ROLE may upgrade.
    function _authorizeUpgrade(address) internal override onlyRole(UPGRADER_ROLE) {} // solhint-disable-line no-empty-blocks

    /// @dev The minter `minter`, reverting with {SomSupplyControllerNotMinter} for any other address.
    function _requireMinter(address minter) private view returns (Minter storage m) {
        m = _getSomSupplyControllerStorage().minters[minter];
        if (!m.active) revert SomSupplyControllerNotMinter(minter);
    }

    /// @dev Reverts unless 0 < `capacity` < 2**88 and `refillPerSecond` < 2**88.
    function _checkRateLimit(uint256 capacity, uint256 refillPerSecond) private pure {
        if (capacity == 0 || capacity > type(uint88).max) revert SomSupplyControllerInvalidSetting(capacity);
        if (refillPerSecond > type(uint88).max) revert SomSupplyControllerInvalidSetting(refillPerSecond);
    }

    /// @dev What the bucket of `m` holds now: what it held, plus the refill since, up to the capacity.
    function _available(Minter memory m) private view returns (uint256) {
        // elapsed < 2**40 and refill < 2**88: no overflow
        uint256 refilled = uint256(m.available) + (block.timestamp - m.updatedAt) * m.refillPerSecond;
        return refilled < m.capacity ? refilled : m.capacity;
    }

    /// @dev Seconds until the bucket of `m`, holding `available` now, holds `amount`; max when never.
    function _secondsUntil(Minter memory m, uint256 available, uint256 amount) private pure returns (uint256) {
        if (amount > m.capacity || m.refillPerSecond == 0) return type(uint256).max;
        // ceil((amount - available) / refill)
        return (amount - available + m.refillPerSecond - 1) / m.refillPerSecond;
    }

    /// @dev The controller's ERC-7201 namespace.
    function _getSomSupplyControllerStorage() private pure returns (SomSupplyControllerStorage storage $) {
        // Inline assembly is the only way to point a storage pointer at an ERC-7201 slot.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }
}
