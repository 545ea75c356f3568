// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IAttestationListener
 * @notice Implemented by contracts that cache an attested value (the stablecoin caches the
 * `SOM_RESERVES` report so that the reserve check inside a mint costs one storage read).
 * @dev The registry calls {attestationUpdated} in the same transaction that makes a report
 * current, so the cache can never lag the registry. The callback carries no value: the
 * listener pulls the report from its own configured {IAttestedValueSource}, so calling it is
 * harmless and may be permissionless. A reverting listener makes the report submission revert.
 */
interface IAttestationListener {
    /**
     * @notice Called by the registry after a new report for `subject` became current.
     * @param subject the subject whose report changed.
     */
    function attestationUpdated(bytes32 subject) external;
}
