export * from "./operations-topic";
export * from "./policies";
export * from "./subscriptions";
