// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IAttestedValueSource
 * @notice Read side of the attestation registry: the latest report that M-of-N attestors
 * agreed on for a subject. The stablecoin's reserve check reads the `SOM_RESERVES` subject;
 * each asset token reads its own asset id as subject for its valuation.
 * @dev Values are in som minor units scaled by {valueDecimals}. A subject that never had a
 * report returns zeros.
 */
interface IAttestedValueSource {
    /**
     * @notice Latest accepted report for `subject`.
     * @param subject the report subject (`bytes32("SOM_RESERVES")` or an asset id).
     * @return value the attested value, scaled by {valueDecimals}.
     * @return asOf the as-of timestamp the attestors signed (seconds since epoch).
     * @return docHash hash of the underlying document (bank statement, audit, appraisal).
     */
    function latestReport(bytes32 subject) external view returns (uint256 value, uint64 asOf, bytes32 docHash);

    /**
     * @notice Whether the latest report for `subject` is within that subject's maximum age.
     * @dev False when the subject never had a report.
     */
    function isFresh(bytes32 subject) external view returns (bool);

    /// @notice Number of decimals every reported value is scaled by.
    function valueDecimals() external view returns (uint8);
}
