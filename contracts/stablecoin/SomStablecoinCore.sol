// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Balance and allowance checks need non-strict comparisons (`>=` is what the rule means).
/* solhint-disable gas-strict-inequalities */

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ISomStablecoin} from "./interfaces/ISomStablecoin.sol";

/**
 * @title SomStablecoinCore
 * @notice ERC-20 core of the som stablecoin: balances with the frozen flag in bit 255 of the
 * balance word (like USDC v2.2), allowances, the pause flag, and the one ERC-7201 namespace that
 * every module of the token shares.
 * @dev Storage is laid out for gas: a transfer reads the sender's and the recipient's balance words
 * (which carry their frozen flags) and the supply slot (which carries the pause flag), nothing else.
 * Balances and the total supply never exceed 2**128 - 1: the supply is a `uint128` and every mint
 * is capped by the reserves, which are cached as a `uint128`.
 */
abstract contract SomStablecoinCore is ISomStablecoin {
    /// @custom:storage-location erc7201:som.storage.SomStablecoin
    struct SomStablecoinStorage {
        /// @dev bit 255: frozen flag; bits 0..254: balance.
        mapping(address account => uint256) balanceWords;
        mapping(address owner => mapping(address spender => uint256)) allowances;
        /// @dev one slot: supply, pause flag, decimals (a transfer reads it for the pause flag).
        uint128 totalSupply;
        bool paused;
        uint8 decimals;
        /// @dev the only mint destination.
        address reserve;
        /// @dev one slot: the cached reserve report the mint checks.
        ReserveCache reserveCache;
        address reserveFeed;
        mapping(address minter => uint256) minterAllowances;
        mapping(address owner => uint256) nonces;
        mapping(address authorizer => mapping(bytes32 nonce => bool)) authorizationStates;
        /// @dev keccak256(bytes(name)), for the EIP-712 domain separator.
        bytes32 hashedName;
        string name;
        string symbol;
    }

    /// @dev The attested reserves converted to token units, with their as-of time and the maximum age.
    struct ReserveCache {
        uint128 reserves;
        uint64 asOf;
        uint64 maxAge;
    }

    // keccak256(abi.encode(uint256(keccak256("som.storage.SomStablecoin")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant SOM_STABLECOIN_STORAGE_LOCATION =
        0x563d2db404e75968d1f343ff7a9cae166c594f4d919a5ba405b91dcc44892800;

    /// @dev Frozen flag in a balance word.
    uint256 internal constant FROZEN_FLAG = 1 << 255;

    /// @dev Reverts when the token is paused.
    modifier whenNotPaused() {
        _requireNotPaused();
        _;
    }

    /// @inheritdoc IERC20Metadata
    function name() external view returns (string memory) {
        return _getSomStablecoinStorage().name;
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external view returns (string memory) {
        return _getSomStablecoinStorage().symbol;
    }

    /// @inheritdoc IERC20Metadata
    function decimals() external view returns (uint8) {
        return _getSomStablecoinStorage().decimals;
    }

    /// @inheritdoc IERC20
    function totalSupply() external view returns (uint256) {
        return _getSomStablecoinStorage().totalSupply;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) external view returns (uint256) {
        return _getSomStablecoinStorage().balanceWords[account] & ~FROZEN_FLAG;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _getSomStablecoinStorage().allowances[owner][spender];
    }

    /// @inheritdoc ISomStablecoin
    function paused() external view returns (bool) {
        return _getSomStablecoinStorage().paused;
    }

    /// @inheritdoc ISomStablecoin
    function isFrozen(address account) external view returns (bool) {
        return _getSomStablecoinStorage().balanceWords[account] >= FROZEN_FLAG;
    }

    /**
     * @inheritdoc IERC20
     * @dev Requirements: not paused; caller and `to` not frozen; `to` not zero; enough balance.
     */
    function transfer(address to, uint256 value) external whenNotPaused returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /**
     * @inheritdoc IERC20
     * @dev Requirements: not paused; caller (the spender), `from` and `to` not frozen; enough
     * allowance and balance. An allowance of type(uint256).max is not decreased. Emits only
     * {Transfer} (the allowance change is implied, as in OpenZeppelin 5).
     */
    function transferFrom(address from, address to, uint256 value) external whenNotPaused returns (bool) {
        _requireNotFrozen(msg.sender);
        _spendAllowance(from, msg.sender, value);
        _transfer(from, to, value);
        return true;
    }

    /**
     * @inheritdoc IERC20
     * @dev Requirements: not paused (like USDC); caller and `spender` not frozen; `spender` not zero.
     */
    function approve(address spender, uint256 value) external whenNotPaused returns (bool) {
        _requireNotFrozen(msg.sender);
        _requireNotFrozen(spender);
        _approve(msg.sender, spender, value);
        return true;
    }

    /**
     * @dev Moves `value` from `from` to `to`, checking both frozen flags. Self-transfers are safe:
     * the sender's word is written before the recipient's is read.
     */
    function _transfer(address from, address to, uint256 value) internal {
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        uint256 fromWord = $.balanceWords[from];
        if (fromWord >= FROZEN_FLAG) revert SomStablecoinAccountFrozen(from);
        if (fromWord < value) revert ERC20InsufficientBalance(from, fromWord, value);
        uint256 toWord;
        unchecked {
            $.balanceWords[from] = fromWord - value;
            toWord = $.balanceWords[to];
            if (toWord >= FROZEN_FLAG) revert SomStablecoinAccountFrozen(to);
            // cannot overflow into the flag: every balance is at most the supply, below 2**128
            $.balanceWords[to] = toWord + value;
        }
        emit Transfer(from, to, value);
    }

    /// @dev Sets the allowance; the caller has checked pause and frozen flags.
    function _approve(address owner, address spender, uint256 value) internal {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _getSomStablecoinStorage().allowances[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    /// @dev Spends `value` of the allowance `owner` gave `spender`; type(uint256).max is infinite.
    function _spendAllowance(address owner, address spender, uint256 value) internal {
        mapping(address => uint256) storage allowances = _getSomStablecoinStorage().allowances[owner];
        uint256 current = allowances[spender];
        if (current != type(uint256).max) {
            if (current < value) revert ERC20InsufficientAllowance(spender, current, value);
            unchecked {
                allowances[spender] = current - value;
            }
        }
    }

    /// @dev Reverts with {SomStablecoinAccountFrozen} when `account` is frozen.
    function _requireNotFrozen(address account) internal view {
        if (_getSomStablecoinStorage().balanceWords[account] >= FROZEN_FLAG) revert SomStablecoinAccountFrozen(account);
    }

    /// @dev Reverts with {SomStablecoinPaused} when paused.
    function _requireNotPaused() internal view {
        if (_getSomStablecoinStorage().paused) revert SomStablecoinPaused();
    }

    /// @dev The token's ERC-7201 namespace.
    function _getSomStablecoinStorage() internal pure returns (SomStablecoinStorage storage $) {
        // Inline assembly is the only way to point a storage pointer at an ERC-7201 slot.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := SOM_STABLECOIN_STORAGE_LOCATION
        }
    }
}
