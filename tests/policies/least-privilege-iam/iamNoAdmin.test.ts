import { iamNoAdmin } from "../../../policies/least-privilege-iam/iamNoAdmin";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { doc, role, rolePolicy, S3_READ } from "./fixtures";

const attachment = (type: string, policyArn: string) => ({ type, name: "attach", props: { role: "workers", policyArn } });

describe("least-privilege-iam/iam-no-admin", () => {
    it("passes scoped documents and harmless managed policies", async () => {
        assertNoViolations(await runResourcePolicy(iamNoAdmin, rolePolicy(doc(S3_READ))));
        assertNoViolations(await runResourcePolicy(iamNoAdmin, role({ managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"] })));
        assertNoViolations(await runResourcePolicy(iamNoAdmin, attachment("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "arn:aws:iam::aws:policy/ReadOnlyAccess")));
    });
    it("fires on Action \"*\" in a RolePolicy, a Policy and a role's inline policy", async () => {
        const admin = doc({ Effect: "Allow", Action: "*", Resource: "*" });
        assertHasViolation(await runResourcePolicy(iamNoAdmin, rolePolicy(admin)), /'workers-s3'.*Statement\[0\] allows Action "\*"/);
        assertHasViolation(await runResourcePolicy(iamNoAdmin, { type: "aws:iam/policy:Policy", name: "p", props: { policy: JSON.parse(admin) } }), /allows Action "\*"/);
        assertHasViolation(await runResourcePolicy(iamNoAdmin, role({ inlinePolicies: [{ name: "x", policy: admin }] })), /inlinePolicies\.0\.policy Statement\[0\]/);
    });
    it("fires on an Allow with NotAction on \"*\"", async () => {
        assertHasViolation(await runResourcePolicy(iamNoAdmin, rolePolicy(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }))), /every action except iam:\*/);
    });
    it("fires on each admin-equivalent AWS-managed attachment form", async () => {
        for (const [type, arn] of [
            ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "arn:aws:iam::aws:policy/AdministratorAccess"],
            ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "arn:aws:iam::aws:policy/PowerUserAccess"],
            ["aws:iam/policyAttachment:PolicyAttachment", "arn:aws:iam::aws:policy/IAMFullAccess"],
            ["aws:iam/userPolicyAttachment:UserPolicyAttachment", "arn:aws:iam::aws:policy/AmazonS3FullAccess"],
        ]) {
            assertHasViolation(await runResourcePolicy(iamNoAdmin, attachment(type, arn)), new RegExp(`attaches ${arn.replace(/[/.]/g, "\\$&")}`));
        }
        assertHasViolation(await runResourcePolicy(iamNoAdmin, role({ managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] })), /managedPolicyArns\[0\] attaches/);
    });
    it("fires on a configured extra admin-equivalent ARN only when configured", async () => {
        const custom = attachment("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "arn:aws:iam::111122223333:policy/BreakGlass");
        assertNoViolations(await runResourcePolicy(iamNoAdmin, custom));
        assertHasViolation(await runResourcePolicy(iamNoAdmin, custom, { extraAdminPolicyArns: ["arn:aws:iam::111122223333:policy/BreakGlass"] }), /BreakGlass/);
    });
    it("passes a Deny of \"*\"", async () => {
        assertNoViolations(await runResourcePolicy(iamNoAdmin, rolePolicy(doc(S3_READ, { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }))));
    });
});
