// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Balance and allowance checks need non-strict comparisons (`>=` is what the rule means).
/* solhint-disable gas-strict-inequalities */

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ISomStablecoin} from "./interfaces/ISomStablecoin.sol";
import {ISomStablecoinCompliance} from "./interfaces/ISomStablecoinCompliance.sol";

/**
 * @title SomStablecoinCore
 * @notice ERC-20 core of the som stablecoin: balances with the frozen flag in bit 255 of the
 * balance word (like USDC v2.2), allowances, the pause flag, and the one ERC-7201 namespace that
 * every module of the token shares.
 * @dev Storage is laid out for gas: a transfer reads the sender's and the recipient's balance words
 * (which carry their frozen flags) and the supply slot (which carries the pause flag), nothing else;
 * a mint reads the supply slot (supply, cached reserves, pause), the reserve slot (reserve address,
 * cached as-of, maximum age) and the supply controller. Balances and the total supply stay below
 * 2**120: every mint is capped by the cached reserves, a `uint120`.
 * Every balance and supply change goes through {_update} (the shape of OpenZeppelin's ERC-20).
 */
abstract contract SomStablecoinCore is ISomStablecoin {
    /// @custom:storage-location erc7201:som.storage.SomStablecoin
    struct SomStablecoinStorage {
        /// @dev bit 255: frozen flag; bits 0..254: balance.
        mapping(address account => uint256) balanceWords;
        mapping(address owner => mapping(address spender => uint256)) allowances;
        /// @dev one slot, read by every transfer (pause), mint and burn.
        bool paused;
        /// @dev the attested reserves in token units (capped at 2**120 - 1).
        uint120 reserves;
        uint128 totalSupply;
        /// @dev one slot, read by every mint: the only mint destination, the cached as-of, the maximum age.
        address reserve;
        uint40 reservesAsOf;
        uint40 maxReserveAge;
        uint8 decimals;
        /// @dev the only minter.
        address supplyController;
        address reserveFeed;
        /// @dev packed with the feed (read by every sync): the as-of of the cached report when it was
        /// post-dated at its first sync (then cached as of that block), else 0. Tells a re-sync of
        /// the same report (its effective as-of stays) from a new report.
        uint64 postDatedAsOf;
        mapping(address owner => uint256) nonces;
        mapping(address authorizer => mapping(bytes32 nonce => bool)) authorizationStates;
        /// @dev keccak256(bytes(name)), for the EIP-712 domain separator.
        bytes32 hashedName;
        string name;
        string symbol;
    }

    // keccak256(abi.encode(uint256(keccak256("som.storage.SomStablecoin")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x563d2db404e75968d1f343ff7a9cae166c594f4d919a5ba405b91dcc44892800;

    /// @dev Frozen flag in a balance word.
    uint256 internal constant FROZEN_FLAG = 1 << 255;

    /// @dev Reverts when the token is paused.
    modifier whenNotPaused() {
        _requireNotPaused();
        _;
    }

    /// @inheritdoc IERC20Metadata
    function name() public view returns (string memory) {
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

    /// @inheritdoc ISomStablecoinCompliance
    function paused() external view returns (bool) {
        return _getSomStablecoinStorage().paused;
    }

    /// @inheritdoc ISomStablecoinCompliance
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
     * @dev Requirements: not paused; caller (the spender), `from` and `to` not frozen; `from` and
     * `to` not zero (even for a zero value: a `Transfer` from the zero address reads as a mint);
     * enough allowance and balance. An allowance of type(uint256).max is not decreased. Emits only
     * {Transfer} (the allowance change is implied, as in OpenZeppelin 5).
     */
    function transferFrom(address from, address to, uint256 value) external whenNotPaused returns (bool) {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        _requireNotFrozen(msg.sender);
        _spendAllowance(from, msg.sender, value);
        _transfer(from, to, value);
        return true;
    }

    /**
     * @inheritdoc IERC20
     * @dev Requirements: not paused (like USDC); caller and `spender` not frozen; `spender` not zero.
     * Gas: the caller pays for reading the pause flag and both frozen flags (three cold storage
     * reads) besides writing the allowance; that is what the frozen rule costs an approval.
     */
    function approve(address spender, uint256 value) external whenNotPaused returns (bool) {
        _requireNeitherFrozen(msg.sender, spender);
        _approve(msg.sender, spender, value);
        return true;
    }

    /**
     * @dev A transfer between two accounts, then {_update}: `to` may not be the zero address;
     * `from` is never zero here (transfer: the caller; transferFrom: checked; EIP-3009: no signature
     * recovers to or is accepted by the zero address).
     */
    function _transfer(address from, address to, uint256 value) internal {
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        _update(from, to, value);
    }

    /**
     * @dev The one balance-and-supply update of the token (transfer, mint, burn, wipe), in the shape
     * of OpenZeppelin's ERC-20 `_update`: `from` zero mints (the supply grows), `to` zero burns (the
     * supply shrinks). Checks the frozen flag of every nonzero side and the sender's balance.
     * Self-transfers are safe: the sender's word is written before the recipient's is read.
     * Callers check everything else (pause, roles, the reserve cap that keeps the supply below 2**120).
     */
    function _update(address from, address to, uint256 value) internal {
        SomStablecoinStorage storage $ = _getSomStablecoinStorage();
        if (from == address(0)) {
            // the caller (mint) checked supply + value <= reserves < 2**120
            $.totalSupply += uint128(value);
        } else {
            uint256 fromWord = $.balanceWords[from];
            if (fromWord >= FROZEN_FLAG) revert SomStablecoinAccountFrozen(from);
            if (fromWord < value) revert ERC20InsufficientBalance(from, fromWord, value);
            unchecked {
                $.balanceWords[from] = fromWord - value;
            }
        }
        if (to == address(0)) {
            unchecked {
                // value <= balance of `from` <= supply
                $.totalSupply -= uint128(value);
            }
        } else {
            uint256 toWord = $.balanceWords[to];
            if (toWord >= FROZEN_FLAG) revert SomStablecoinAccountFrozen(to);
            unchecked {
                // cannot overflow into the flag: every balance is at most the supply, below 2**120
                $.balanceWords[to] = toWord + value;
            }
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

    /// @dev Reverts with {SomStablecoinAccountFrozen} when `a` or `b` is frozen (`a` checked first).
    function _requireNeitherFrozen(address a, address b) internal view {
        mapping(address => uint256) storage words = _getSomStablecoinStorage().balanceWords;
        if (words[a] >= FROZEN_FLAG) revert SomStablecoinAccountFrozen(a);
        if (words[b] >= FROZEN_FLAG) revert SomStablecoinAccountFrozen(b);
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
            $.slot := _STORAGE_SLOT
        }
    }
}
