export * from "./regional-grid";
