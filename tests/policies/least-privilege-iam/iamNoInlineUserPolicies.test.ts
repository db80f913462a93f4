import { iamNoInlineUserPolicies } from "../../../policies/least-privilege-iam/iamNoInlineUserPolicies";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { doc, role, rolePolicy, S3_READ } from "./fixtures";

describe("least-privilege-iam/iam-no-inline-user-policies", () => {
    it("passes role policies, roles and group attachments", async () => {
        assertNoViolations(await runResourcePolicy(iamNoInlineUserPolicies, rolePolicy(doc(S3_READ))));
        assertNoViolations(await runResourcePolicy(iamNoInlineUserPolicies, role()));
        assertNoViolations(await runResourcePolicy(iamNoInlineUserPolicies, { type: "aws:iam/policyAttachment:PolicyAttachment", name: "a", props: { policyArn: "arn", roles: ["r"], users: [] } }));
    });
    it("fires on a UserPolicy and a UserPolicyAttachment", async () => {
        assertHasViolation(await runResourcePolicy(iamNoInlineUserPolicies, { type: "aws:iam/userPolicy:UserPolicy", name: "alice-s3", props: { user: "alice", policy: doc(S3_READ) } }), /'alice-s3'.*IAM user directly.*role/);
        assertHasViolation(await runResourcePolicy(iamNoInlineUserPolicies, { type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", name: "alice-ro", props: { user: "alice", policyArn: "arn" } }), /'alice-ro'/);
    });
    it("fires on a PolicyAttachment that lists users", async () => {
        assertHasViolation(await runResourcePolicy(iamNoInlineUserPolicies, { type: "aws:iam/policyAttachment:PolicyAttachment", name: "a", props: { policyArn: "arn", users: ["alice"] } }), /attaches to alice/);
    });
});
