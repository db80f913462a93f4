export * from "./access-policies";
export * from "./naming";
export * from "./onprem-role";
export * from "./queue-policies";
export * from "./queue-settings";
export * from "./regional-flow";
