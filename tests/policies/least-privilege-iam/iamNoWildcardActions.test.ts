import { iamNoWildcardActions } from "../../../policies/least-privilege-iam/iamNoWildcardActions";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { doc, role, rolePolicy, S3_READ } from "./fixtures";

describe("least-privilege-iam/iam-no-wildcard-actions", () => {
    it("passes named actions (string and object documents) and a role whose trust uses sts:AssumeRole", async () => {
        assertNoViolations(await runResourcePolicy(iamNoWildcardActions, rolePolicy(doc(S3_READ))));
        assertNoViolations(await runResourcePolicy(iamNoWildcardActions, rolePolicy(JSON.parse(doc(S3_READ)))));
        assertNoViolations(await runResourcePolicy(iamNoWildcardActions, role()));
    });
    it("fires on service-wide wildcards", async () => {
        assertHasViolation(await runResourcePolicy(iamNoWildcardActions, rolePolicy(doc({ ...S3_READ, Action: "s3:*" }))), /'workers-s3'.*allows "s3:\*"/);
        assertHasViolation(await runResourcePolicy(iamNoWildcardActions, rolePolicy(doc({ ...S3_READ, Action: ["s3:GetObject", "*"] }))), /allows "\*"/);
    });
    it("fires on a partial wildcard unless allow-listed", async () => {
        const partial = rolePolicy(doc({ ...S3_READ, Action: "s3:Get*" }));
        assertHasViolation(await runResourcePolicy(iamNoWildcardActions, partial), /partial wildcard "s3:Get\*".*allowedPartialWildcards/);
        assertNoViolations(await runResourcePolicy(iamNoWildcardActions, partial, { allowedPartialWildcards: ["s3:Get*"] }));
    });
    it("never allow-lists a service-wide wildcard", async () => {
        assertHasViolation(await runResourcePolicy(iamNoWildcardActions, rolePolicy(doc({ ...S3_READ, Action: "s3:*" })), { allowedPartialWildcards: ["s3:*"] }), /allows "s3:\*"/);
    });
    it("fires on NotAction in an Allow", async () => {
        assertHasViolation(await runResourcePolicy(iamNoWildcardActions, rolePolicy(doc({ Effect: "Allow", NotAction: ["iam:*"], Resource: "arn:aws:s3:::b" }))), /NotAction in an Allow/);
    });
    it("passes wildcards in Deny statements", async () => {
        assertNoViolations(await runResourcePolicy(iamNoWildcardActions, rolePolicy(doc(S3_READ, { Effect: "Deny", Action: "s3:*", Resource: "*" }))));
    });
    it("judges user and group policies too", async () => {
        for (const type of ["aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"]) {
            assertHasViolation(await runResourcePolicy(iamNoWildcardActions, { type, name: "u", props: { policy: doc({ ...S3_READ, Action: "ec2:*" }) } }), /allows "ec2:\*"/);
        }
    });
});
