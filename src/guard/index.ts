/** ReserveGuard library: call facts (offline), deployment and self-check, announcements. */
export * from "./calls";
export * from "./classification";
export * from "./deploy";
export * from "./announcements";
export * from "./config";
export * from "./wait";
