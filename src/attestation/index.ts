/** Public API of the attestation tooling. */
export * from "./report";
export * from "./sign";
export * from "./submit";
export * from "./status";
export * from "./cli";
export { ATTESTATION_REGISTRY_ABI, registryAt } from "./abi";
