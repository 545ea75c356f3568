// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// values are read by indexers, not filtered on
// solhint-disable gas-indexed-events

/**
 * @title ICounterpartyRegistry
 * @notice The licensed counterparties of the primary market: crypto exchanges, crypto exchangers
 * and banks that may receive the som stablecoin from the reserve and redeem it at par. A
 * counterparty is eligible while its status is Active and `block.timestamp < licenceExpiry`:
 * an expired licence stops eligibility by itself, without any transaction.
 */
interface ICounterpartyRegistry {
    /// @notice Kind of licensed counterparty.
    enum Category {
        Exchange,
        Exchanger,
        Bank
    }

    /// @notice Licence status. `None`: never licensed.
    enum Status {
        None,
        Active,
        Suspended,
        Revoked
    }

    /**
     * @notice One counterparty. Status, category and expiry share the first slot, so
     * {isEligible} reads one storage word.
     * @param status licence status.
     * @param category kind of counterparty.
     * @param licenceExpiry timestamp from which the licence no longer makes the counterparty eligible.
     * @param declaredCapital declared capital, in whole som.
     * @param capitalDocHash hash of the document that proves the declared capital.
     * @param name legal name.
     * @param licenceNumber licence number given by the regulator.
     */
    struct Counterparty {
        Status status;
        Category category;
        uint64 licenceExpiry;
        uint256 declaredCapital;
        bytes32 capitalDocHash;
        string name;
        string licenceNumber;
    }

    /**
     * @notice The input of {license}.
     * @param name legal name (not empty).
     * @param category kind of counterparty.
     * @param licenceNumber licence number (not empty).
     * @param licenceExpiry licence expiry, in the future.
     * @param declaredCapital declared capital in whole som, at least the category's minimum.
     * @param capitalDocHash hash of the capital document (not zero).
     */
    struct Licence {
        string name;
        Category category;
        string licenceNumber;
        uint64 licenceExpiry;
        uint256 declaredCapital;
        bytes32 capitalDocHash;
    }

    /**
     * @notice Emitted when `account` is licensed (first time or again after a revocation).
     * @param account the counterparty.
     * @param category its category.
     * @param name its legal name.
     * @param licenceNumber its licence number.
     * @param licenceExpiry its licence expiry.
     * @param declaredCapital its declared capital in som.
     * @param capitalDocHash hash of the capital document.
     */
    event CounterpartyLicensed(
        address indexed account,
        Category category,
        string name,
        string licenceNumber,
        uint64 licenceExpiry,
        uint256 declaredCapital,
        bytes32 capitalDocHash
    );

    /**
     * @notice Emitted when the licence of `account` is renewed or amended.
     * @param account the counterparty.
     * @param licenceNumber the licence number after.
     * @param oldExpiry the expiry before.
     * @param newExpiry the expiry after.
     */
    event LicenceRenewed(address indexed account, string licenceNumber, uint64 oldExpiry, uint64 newExpiry);

    /**
     * @notice Emitted when `account` declares new capital.
     * @param account the counterparty.
     * @param oldCapital the declared capital before, in som.
     * @param newCapital the declared capital after, in som.
     * @param capitalDocHash hash of the new capital document.
     */
    event CapitalDeclared(address indexed account, uint256 oldCapital, uint256 newCapital, bytes32 capitalDocHash);

    /**
     * @notice Emitted when the status of `account` changes by suspension, reinstatement or revocation.
     * @param account the counterparty.
     * @param oldStatus the status before.
     * @param newStatus the status after.
     * @param reason the regulator's reference (decision number).
     */
    event StatusChanged(address indexed account, Status oldStatus, Status newStatus, bytes32 reason);

    /**
     * @notice Emitted when the minimum declared capital of `category` changes.
     * @param category the category.
     * @param oldMinimum the minimum before, in som.
     * @param newMinimum the minimum after, in som.
     */
    event MinimumCapitalSet(Category category, uint256 oldMinimum, uint256 newMinimum);

    /// @notice An address argument is zero.
    error CounterpartyRegistryZeroAddress();

    /**
     * @notice `account` is already licensed (Active or Suspended).
     * @param account the counterparty.
     */
    error CounterpartyRegistryAlreadyLicensed(address account);

    /**
     * @notice `account` has no licence to act on (never licensed, or revoked).
     * @param account the counterparty.
     */
    error CounterpartyRegistryNotLicensed(address account);

    /**
     * @notice The status change is not allowed from the current status.
     * @param account the counterparty.
     * @param status its current status.
     */
    error CounterpartyRegistryWrongStatus(address account, Status status);

    /**
     * @notice The licence expiry is not in the future.
     * @param expiry the expiry given.
     * @param currentTime the block timestamp.
     */
    error CounterpartyRegistryExpiryNotInFuture(uint64 expiry, uint256 currentTime);

    /**
     * @notice A name, a licence number or a document hash is empty.
     */
    error CounterpartyRegistryEmptyField();

    /**
     * @notice The declared capital is below the category's minimum.
     * @param category the category.
     * @param capital the declared capital.
     * @param minimum the category's minimum.
     */
    error CounterpartyRegistryCapitalBelowMinimum(Category category, uint256 capital, uint256 minimum);

    /**
     * @notice Licenses `account` (never licensed, or revoked before). Only the regulator.
     * @param account the counterparty.
     * @param licence its licence data.
     */
    function license(address account, Licence calldata licence) external;

    /**
     * @notice Renews or amends the licence of an Active or Suspended counterparty. Only the regulator.
     * @param account the counterparty.
     * @param licenceNumber the licence number (not empty).
     * @param licenceExpiry the new expiry, in the future.
     */
    function renewLicence(address account, string calldata licenceNumber, uint64 licenceExpiry) external;

    /**
     * @notice Records a new declaration of capital. Only the regulator.
     * @param account the counterparty (Active or Suspended).
     * @param declaredCapital capital in som, at least the category's minimum.
     * @param capitalDocHash hash of the document (not zero).
     */
    function declareCapital(address account, uint256 declaredCapital, bytes32 capitalDocHash) external;

    /**
     * @notice Suspends an Active counterparty. Only the regulator.
     * @param account the counterparty.
     * @param reason the regulator's decision reference.
     */
    function suspend(address account, bytes32 reason) external;

    /**
     * @notice Reinstates a Suspended counterparty. Only the regulator.
     * @param account the counterparty.
     * @param reason the regulator's decision reference.
     */
    function reinstate(address account, bytes32 reason) external;

    /**
     * @notice Revokes an Active or Suspended licence. Only the regulator.
     * @param account the counterparty.
     * @param reason the regulator's decision reference.
     */
    function revoke(address account, bytes32 reason) external;

    /**
     * @notice Sets the minimum declared capital of `category`, checked when licensing and when
     * capital is declared. Only the default admin (the reserve Safe).
     * @param category the category.
     * @param minimum minimum capital in som.
     */
    function setMinimumCapital(Category category, uint256 minimum) external;

    /**
     * @notice Whether `account` may receive stablecoin from the reserve and redeem it: Active and
     * its licence not expired.
     * @param account the address.
     * @return eligible true when eligible.
     */
    function isEligible(address account) external view returns (bool eligible);

    /**
     * @notice The record of `account` (all zero when never licensed).
     * @param account the address.
     * @return record the counterparty record.
     */
    function counterparty(address account) external view returns (Counterparty memory record);

    /**
     * @notice Number of addresses ever licensed.
     * @return count the number.
     */
    function counterpartyCount() external view returns (uint256 count);

    /**
     * @notice The `index`-th address ever licensed, in licensing order.
     * @param index position, below {counterpartyCount}.
     * @return account the address.
     */
    function counterpartyAt(uint256 index) external view returns (address account);

    /**
     * @notice The minimum declared capital of `category`, in som.
     * @param category the category.
     * @return minimum the minimum.
     */
    function minimumCapital(Category category) external view returns (uint256 minimum);
}
