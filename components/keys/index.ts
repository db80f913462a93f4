export * from "./key-policy";
export * from "./region-key";
