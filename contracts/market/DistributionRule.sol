// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IReserveCallRule} from "../guard/interfaces/IReserveCallRule.sol";
import {ICounterpartyRegistry} from "./interfaces/ICounterpartyRegistry.sol";

/**
 * @title DistributionRule
 * @notice The reserve guard's call rule for the reserve Safe: stablecoin leaves the Safe only to
 * a counterparty eligible ({ICounterpartyRegistry-isEligible}) in the block the tokens move, and
 * the Safe's calls to the stablecoin fail closed. For a call of the Safe to the stablecoin:
 * - `transfer(to, v)`: refused unless `to` is eligible or the Safe itself;
 * - `approve(spender, v)` with `v > 0`, `permit(owner, spender, v, ...)` (both overloads) with
 *   `owner == safe` and `v > 0`: always refused. The Safe grants no standing allowance, so
 *   `transferFrom(safe, ...)` can never succeed and an allowance cannot outlive its spender's
 *   eligibility; an approval to zero passes (it revokes);
 * - `transferFrom(from, to, v)`, `transferWithAuthorization`, `receiveWithAuthorization` (both
 *   overloads each) with `from == safe`: refused unless `to` is eligible or the Safe itself;
 * - `wipeFrozen(account, ...)`: refused when `account` is the redemption desk (its pooled escrow)
 *   or the Safe itself;
 * - the other functions the Safe may legitimately call (burn, syncReserves, attestationUpdated,
 *   cancelAuthorization, and the delayed administration: setReserve, setReserveFeed,
 *   setMaxReserveAge, setSupplyController, rescueERC20, unfreeze, unfreezeBatch, unpause,
 *   grantRole, upgradeToAndCall, the default-admin transfer and delay functions) pass;
 * - everything else is refused ({DistributionRuleUnknownCall}): a future token function opens no
 *   unreviewed path. The guard never passes protective calls (pause, freeze, revokeRole, ...) to
 *   the rule; `mint` (the supply controller's) and `initialize` are deliberately refused.
 * Calls to other contracts pass. Paths outside the Safe's own calls (off-chain ERC-1271
 * signatures, modules) are discussed in docs/market.md.
 * @dev Immutable: replacing the rule is a guard configuration change, announced and delayed like
 * every other. Holders' transfers never touch this contract: only the Safe's calls are checked.
 * `transfer` is tested first: a guarded distribution stays within the guard's gas targets.
 */
contract DistributionRule is IReserveCallRule {
    /// @notice The stablecoin whose outflows from the Safe are restricted.
    address public immutable token;
    /// @notice The registry that decides eligibility.
    ICounterpartyRegistry public immutable registry;
    /// @notice The redemption desk, whose pooled escrow the Safe can never wipe.
    address public immutable desk;

    bytes4 private constant _TRANSFER = 0xa9059cbb; // transfer(address,uint256)
    bytes4 private constant _APPROVE = 0x095ea7b3; // approve(address,uint256)
    bytes4 private constant _TRANSFER_FROM = 0x23b872dd; // transferFrom(address,address,uint256)
    // permit(address,address,uint256,uint256,uint8,bytes32,bytes32)
    bytes4 private constant _PERMIT_VRS = 0xd505accf;
    // permit(address,address,uint256,uint256,bytes)
    bytes4 private constant _PERMIT_BYTES = 0x9fd5a6cf;
    // transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)
    bytes4 private constant _TWA_VRS = 0xe3ee160e;
    // transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)
    bytes4 private constant _TWA_BYTES = 0xcf092995;
    // receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)
    bytes4 private constant _RWA_VRS = 0xef55bec6;
    // receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)
    bytes4 private constant _RWA_BYTES = 0x88b7ab63;
    bytes4 private constant _WIPE_FROZEN = 0xaef15b03; // wipeFrozen(address,bytes32)

    /**
     * @notice Stablecoin would leave the Safe to `recipient`, which is not an eligible counterparty.
     * @param recipient the recipient.
     * @param selector the stablecoin function called.
     */
    error DistributionRuleNotEligible(address recipient, bytes4 selector);

    /**
     * @notice The Safe would grant `spender` a standing allowance (approve or permit above zero):
     * the reserve distributes by transfer only.
     * @param spender the spender.
     * @param selector the stablecoin function called.
     */
    error DistributionRuleAllowanceRefused(address spender, bytes4 selector);

    /**
     * @notice The Safe would wipe a system account: the redemption desk or the Safe itself.
     * @param account the account.
     * @param selector the stablecoin function called.
     */
    error DistributionRuleSystemAccount(address account, bytes4 selector);

    /**
     * @notice The Safe calls a stablecoin function the rule does not recognise (fail closed).
     * @param selector the stablecoin function called (zero when the data is shorter than 4 bytes).
     */
    error DistributionRuleUnknownCall(bytes4 selector);

    /**
     * @notice The call's data is too short for the function it names.
     * @param selector the stablecoin function called.
     */
    error DistributionRuleMalformedCall(bytes4 selector);

    /// @notice A constructor argument is zero.
    error DistributionRuleZeroAddress();

    /**
     * @notice Sets the stablecoin, the registry and the redemption desk for good.
     * @param token_ the stablecoin (its proxy).
     * @param registry_ the counterparty registry (its proxy).
     * @param desk_ the redemption desk.
     */
    constructor(address token_, ICounterpartyRegistry registry_, address desk_) {
        if (token_ == address(0) || address(registry_) == address(0) || desk_ == address(0)) {
            revert DistributionRuleZeroAddress();
        }
        token = token_;
        registry = registry_;
        desk = desk_;
    }

    /// @inheritdoc IReserveCallRule
    function checkCall(address safe, address to, uint256, bytes calldata data) external view {
        if (to != token) return;
        if (data.length < 4) revert DistributionRuleUnknownCall(bytes4(0));
        bytes4 selector = bytes4(data[:4]);
        if (selector == _TRANSFER) {
            _requireEligible(safe, _arg(data, 0, selector), selector);
        } else if (selector == _APPROVE) {
            if (_uintArg(data, 1, selector) != 0) {
                revert DistributionRuleAllowanceRefused(_arg(data, 0, selector), selector);
            }
        } else if (
            selector == _TRANSFER_FROM || selector == _TWA_VRS || selector == _TWA_BYTES || selector == _RWA_VRS
                || selector == _RWA_BYTES
        ) {
            if (_arg(data, 0, selector) == safe) _requireEligible(safe, _arg(data, 1, selector), selector);
        } else if (selector == _PERMIT_VRS || selector == _PERMIT_BYTES) {
            if (_arg(data, 0, selector) == safe && _uintArg(data, 2, selector) != 0) {
                revert DistributionRuleAllowanceRefused(_arg(data, 1, selector), selector);
            }
        } else if (selector == _WIPE_FROZEN) {
            address account = _arg(data, 0, selector);
            if (account == desk || account == safe) revert DistributionRuleSystemAccount(account, selector);
        } else if (!_passes(selector)) {
            revert DistributionRuleUnknownCall(selector);
        }
    }

    /// @dev Whether `selector` is a stablecoin function the Safe may call whatever its arguments.
    function _passes(bytes4 s) private pure returns (bool) {
        return s == 0xbcf64e05 // burn(uint256,bytes32)
            || s == 0x5249f13e // syncReserves()
            || s == 0x0d911d2d // attestationUpdated(bytes32)
            || s == 0x5a049a70 // cancelAuthorization(address,bytes32,uint8,bytes32,bytes32)
            || s == 0xb7b72899 // cancelAuthorization(address,bytes32,bytes)
            || s == 0x9cecc80a // setReserve(address)
            || s == 0x2b0e8cd7 // setReserveFeed(address)
            || s == 0x41181c6f // setMaxReserveAge(uint64)
            || s == 0x52875bc3 // setSupplyController(address)
            || s == 0xb2118a8d // rescueERC20(address,address,uint256)
            || s == 0x45c8b1a6 // unfreeze(address)
            || s == 0xfd89d324 // unfreezeBatch(address[])
            || s == 0x3f4ba83a // unpause()
            || s == 0x2f2ff15d // grantRole(bytes32,address)
            || s == 0x4f1ef286 // upgradeToAndCall(address,bytes)
            || s == 0x649a5ec7 // changeDefaultAdminDelay(uint48)
            || s == 0x634e93da // beginDefaultAdminTransfer(address)
            || s == 0xcefc1429 // acceptDefaultAdminTransfer()
            || s == 0x0aa6220b; // rollbackDefaultAdminDelay()
    }

    /// @dev Reverts unless `recipient` is the Safe itself or an eligible counterparty.
    function _requireEligible(address safe, address recipient, bytes4 selector) private view {
        if (recipient != safe && !registry.isEligible(recipient)) {
            revert DistributionRuleNotEligible(recipient, selector);
        }
    }

    /// @dev The `index`-th static argument of `data` as an address (reverts on dirty upper bits).
    function _arg(bytes calldata data, uint256 index, bytes4 selector) private pure returns (address) {
        return address(uint160(_checkedWord(data, index, selector, true)));
    }

    /// @dev The `index`-th static argument of `data` as a uint256.
    function _uintArg(bytes calldata data, uint256 index, bytes4 selector) private pure returns (uint256) {
        return _checkedWord(data, index, selector, false);
    }

    /// @dev Reads the `index`-th 32-byte word after the selector; an address word must fit 160 bits.
    function _checkedWord(bytes calldata data, uint256 index, bytes4 selector, bool isAddress)
        private
        pure
        returns (uint256 word)
    {
        uint256 start = 4 + index * 32;
        if (data.length < start + 32) revert DistributionRuleMalformedCall(selector);
        word = uint256(bytes32(data[start:start + 32]));
        if (isAddress && word > type(uint160).max) revert DistributionRuleMalformedCall(selector);
    }
}
