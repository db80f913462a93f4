import type { PackDefinition } from "../lib/pack";
import { iamNoAdmin } from "./iamNoAdmin";
import { iamNoInlineUserPolicies } from "./iamNoInlineUserPolicies";
import { iamNoWildcardActions } from "./iamNoWildcardActions";
import { iamNoWildcardResources } from "./iamNoWildcardResources";
import { iamPassroleScoped } from "./iamPassroleScoped";
import { iamTrustKnownPrincipals } from "./iamTrustKnownPrincipals";
import { iamTrustScoped } from "./iamTrustScoped";

export const pack: PackDefinition = {
    name: "spot-grid-least-privilege-iam",
    dir: "least-privilege-iam",
    version: "0.1.0",
    description: "Least-privilege IAM: no admin grants, named actions and resources, scoped PassRole and trust, trust only in known principals, no user policies.",
    enforcementLevel: "mandatory",
    policies: [iamNoAdmin, iamNoWildcardActions, iamNoWildcardResources, iamPassroleScoped, iamTrustScoped, iamTrustKnownPrincipals, iamNoInlineUserPolicies],
};
