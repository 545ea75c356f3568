// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Amounts stay in event data: nobody filters on them, and topics cost gas.
/* solhint-disable gas-indexed-events */

/**
 * @title ISomStablecoinSupply
 * @notice Mint and burn of the som stablecoin. The token has exactly one minter, its supply
 * controller (see {ISomSupplyController}: minters, allowances and rate limits live there); every
 * mint credits the reserve. Burns are for redemptions: a holder of BURNER_ROLE (the reserve, a
 * redemption contract) burns its own balance.
 */
interface ISomStablecoinSupply {
    /**
     * @notice Tokens were burned for a redemption.
     * @param burner the account whose balance was burned (the caller).
     * @param amount the amount burned, in token units.
     * @param redemptionRef the off-chain redemption reference (bank payout order).
     */
    event Burned(address indexed burner, uint256 amount, bytes32 indexed redemptionRef);

    /**
     * @notice The supply controller (the only minter) changed.
     * @param oldController the controller before (zero: none).
     * @param newController the controller after.
     */
    event SupplyControllerUpdated(address indexed oldController, address indexed newController);

    /// @notice Mint and burn amounts must be greater than zero.
    error SomStablecoinZeroAmount();

    /**
     * @notice Only the supply controller may mint.
     * @param caller the caller.
     */
    error SomStablecoinCallerNotSupplyController(address caller);

    /**
     * @notice The supply controller address is invalid (zero).
     * @param controller the rejected address.
     */
    error SomStablecoinInvalidSupplyController(address controller);

    /**
     * @notice Mints `amount` into the reserve. There is no recipient parameter: the reserve is the
     * only destination.
     * @dev Requirements: the caller is the supply controller; not paused; reserve not frozen;
     * `amount` > 0; attestation not older than the maximum age; total supply + `amount` <= attested
     * reserves. Emits {IERC20-Transfer} from the zero address to the reserve.
     * @param amount the amount to mint, in token units.
     */
    function mint(uint256 amount) external;

    /**
     * @notice Burns `amount` of the caller's own balance for a redemption.
     * @dev Requirements: BURNER_ROLE; not paused; caller not frozen; `amount` > 0 and <= balance.
     * @param amount the amount to burn.
     * @param redemptionRef the off-chain redemption reference carried by {Burned}.
     */
    function burn(uint256 amount, bytes32 redemptionRef) external;

    /**
     * @notice Sets the supply controller, the token's only minter.
     * @dev Requirements: DEFAULT_ADMIN_ROLE; not zero.
     * @param newController the new controller.
     */
    function setSupplyController(address newController) external;

    /// @notice The supply controller, the only account that may mint (zero until set).
    /// @return the controller.
    function supplyController() external view returns (address);
}
