// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Amounts stay in event data: nobody filters on them, and topics cost gas.
/* solhint-disable gas-indexed-events */

/**
 * @title ISomStablecoinRescue
 * @notice Rescue of ERC-20 tokens sent to the stablecoin contract by mistake.
 */
interface ISomStablecoinRescue {
    /**
     * @notice ERC-20 tokens held by this contract were sent out by the rescuer.
     * @param token the rescued token.
     * @param to the recipient.
     * @param amount the amount sent.
     */
    event ERC20Rescued(address indexed token, address indexed to, uint256 amount);

    /**
     * @notice The rescue recipient is invalid (zero).
     * @param to the rejected address.
     */
    error SomStablecoinInvalidRescueRecipient(address to);

    /**
     * @notice Sends `amount` of an ERC-20 `token` held by this contract to `to`.
     * @dev Requirements: RESCUER_ROLE; `to` not zero. KGSC itself can be rescued too: the token
     * then transfers from its own address like any holder, so the rescue fails while the token is
     * paused or when the token contract's address or `to` is frozen.
     * @param token the token to rescue (any ERC-20, this token included).
     * @param to the recipient.
     * @param amount the amount.
     */
    function rescueERC20(address token, address to, uint256 amount) external;
}
