// Entry point for `pulumi preview --policy-pack policies/<pack>`: builds the PolicyPack only.
// Constructing it starts the analyzer's gRPC server, so nothing else may import this file.
import { PolicyPack } from "@pulumi/policy";
import { pack } from "./pack";

new PolicyPack(pack.name, { enforcementLevel: pack.enforcementLevel, policies: pack.policies });
