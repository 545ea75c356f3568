// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// event signatures fixed by the ERC-7943 draft

// solhint-disable gas-indexed-events

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/**
 * @title IERC7943Fungible
 * @notice ERC-7943 "uRWA" interface for ERC-20 based tokens, as defined by the draft in
 * `ethereum/ERCs` `ERCS/erc-7943.md` at commit 0981419f92db8630e80114d8160d70edac4be48f
 * (status Review; names `canSend` / `canReceive` / `canTransfer` / `getFrozenTokens` /
 * `setFrozenTokens` / `forcedTransfer`). ERC-165 interface id: `0x3edbb4c4`.
 * @dev See docs/assets.md for how the names moved between drafts.
 */
interface IERC7943Fungible is IERC165 {
    /**
     * @notice Emitted when tokens are taken from one address and transferred to another.
     * @param from the address tokens were taken from.
     * @param to the address the seized tokens were transferred to.
     * @param amount the amount seized.
     */
    event ForcedTransfer(address indexed from, address indexed to, uint256 amount);

    /**
     * @notice Emitted when the frozen amount of `account` changes.
     * @param account the account whose frozen amount changed.
     * @param amount the frozen amount after the change.
     */
    event Frozen(address indexed account, uint256 amount);

    /// @notice `account` is not allowed to send tokens.
    error ERC7943CannotSend(address account);

    /// @notice `account` is not allowed to receive tokens.
    error ERC7943CannotReceive(address account);

    /// @notice A transfer of `amount` from `from` to `to` is not allowed by the token's rules.
    error ERC7943CannotTransfer(address from, address to, uint256 amount);

    /// @notice `amount` is within the balance of `account` but above its unfrozen part `unfrozen`.
    error ERC7943InsufficientUnfrozenBalance(address account, uint256 amount, uint256 unfrozen);

    /**
     * @notice Takes `amount` tokens from `from` and gives them to `to` (restricted).
     * @return result true; reverts on failure.
     */
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool result);

    /**
     * @notice Overwrites the frozen amount of `account` with `amount` (restricted). The amount
     * may exceed the balance, which withholds future receipts.
     * @return result true; reverts on failure.
     */
    function setFrozenTokens(address account, uint256 amount) external returns (bool result);

    /// @notice Whether `account` may send tokens (account-level eligibility; never reverts).
    function canSend(address account) external view returns (bool allowed);

    /// @notice Whether `account` may receive tokens (account-level eligibility; never reverts).
    function canReceive(address account) external view returns (bool allowed);

    /// @notice Frozen amount of `account`; may exceed its balance.
    function getFrozenTokens(address account) external view returns (uint256 amount);

    /**
     * @notice Whether a transfer of `amount` from `from` to `to` is currently allowed: not paused,
     * `canSend(from)`, `canReceive(to)` and `amount` within the unfrozen balance of `from`.
     */
    function canTransfer(address from, address to, uint256 amount) external view returns (bool allowed);
}
