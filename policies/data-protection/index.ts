// Builds the PolicyPack only (this starts the analyzer's gRPC server): tests import ./pack instead.
import { PolicyPack } from "@pulumi/policy";
import { pack } from "./pack";

new PolicyPack(pack.name, { policies: pack.policies, enforcementLevel: pack.enforcementLevel });
