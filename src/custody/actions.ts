/**
 * The custodian's action API in one import: the action catalog and proposal assembly. An action is a thin
 * preset over a generic call: a deployment record (by name) and a function of its ABI; arguments are given in
 * human form (record names for addresses, role names for roles, token units for amounts) and encoded with the
 * record's ABI. Adding or renaming an action is one entry in ACTIONS.
 *
 * The code lives in three modules, each importing only the ones before it: ./catalog.ts (ACTIONS,
 * ActionError, `--arg`/batch parsing), ./encode.ts (buildCall: a request into a call), ./assemble.ts
 * (assembleProposal, loadProposalContext, proposeCalls, currentNonce).
 */
export type { ActionPreset, ArgInput, ArgValue, CallRequest } from "../chain/calls";
export { ACTIONS, ActionError, parseArgFlags, parseBatch } from "./catalog";
export { buildCall } from "./encode";
export { assembleProposal, currentNonce, loadProposalContext, proposeCalls } from "./assemble";
export type { AssembleOptions, ProposeCallsOptions } from "./assemble";
