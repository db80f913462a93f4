import { iamTrustScoped } from "../../../policies/least-privilege-iam/iamTrustScoped";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { role } from "./fixtures";

const trust = (statement: Record<string, unknown>) => role({ assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }] }) });

describe("least-privilege-iam/iam-trust-scoped", () => {
    it("passes a service principal and a named account role", async () => {
        assertNoViolations(await runResourcePolicy(iamTrustScoped, role()));
        assertNoViolations(await runResourcePolicy(iamTrustScoped, trust({ Principal: { AWS: "arn:aws:iam::111122223333:role/ci" } })));
    });
    it("fires on Principal \"*\" and {AWS: \"*\"}", async () => {
        assertHasViolation(await runResourcePolicy(iamTrustScoped, trust({ Principal: "*" })), /'workers'.*trusts Principal "\*"/);
        assertHasViolation(await runResourcePolicy(iamTrustScoped, trust({ Principal: { AWS: "*" } })), /trusts Principal "\*"/);
    });
    it("passes Principal \"*\" restricted to our organization", async () => {
        assertNoViolations(await runResourcePolicy(iamTrustScoped, trust({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } })));
    });
    it("fires on NotPrincipal", async () => {
        assertHasViolation(await runResourcePolicy(iamTrustScoped, trust({ NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" } })), /NotPrincipal/);
    });
    it("fires on an AWS principal without a concrete account", async () => {
        assertHasViolation(await runResourcePolicy(iamTrustScoped, trust({ Principal: { AWS: "arn:aws:iam::*:root" } })), /names no specific account/);
    });
    it("fires on an account outside trustedAccounts when configured", async () => {
        const other = trust({ Principal: { AWS: "arn:aws:iam::999999999999:root" } });
        assertNoViolations(await runResourcePolicy(iamTrustScoped, other));
        assertHasViolation(await runResourcePolicy(iamTrustScoped, other, { trustedAccounts: ["111122223333"] }), /account 999999999999, which is not in trustedAccounts/);
    });
    it("fires on federation without conditions, passes it with them", async () => {
        const fed = { Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity" };
        assertHasViolation(await runResourcePolicy(iamTrustScoped, trust(fed)), /federated principal with no condition/);
        assertNoViolations(await runResourcePolicy(iamTrustScoped, trust({ ...fed, Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } })));
    });
    it("reports a trust policy that is not valid JSON", async () => {
        assertHasViolation(await runResourcePolicy(iamTrustScoped, role({ assumeRolePolicy: "{" })), /cannot be judged/);
    });
});
