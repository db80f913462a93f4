export * from "./errors";
export * from "./regions";
export * from "./stack";
export * from "./stack-set";
export type { NetworkConfig, OnPremConfig } from "./network";
export type { ComputeConfig } from "./compute";
export type { StorageConfig } from "./storage";
