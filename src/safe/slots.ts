/** Storage slots of a Safe v1.4.1 that our checks read directly (the Safe has no getter for them). */

/** The fallback handler: keccak256("fallback_manager.handler.address"). A reserve Safe keeps it zero. */
export const FALLBACK_HANDLER_SLOT = "0x6c9a6c4a39284e37ed1cf53d337577d14212a4870fb976a4366c693b939918d5";
/** The transaction guard: keccak256("guard_manager.guard.address"). */
export const SAFE_GUARD_SLOT = "0x4a204f620c8c5ccdca3fd54d003badd85ba500436a431f0cbda4f558c93c34c8";
