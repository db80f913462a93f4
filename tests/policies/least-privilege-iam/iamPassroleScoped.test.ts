import { iamPassroleScoped } from "../../../policies/least-privilege-iam/iamPassroleScoped";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { doc, rolePolicy, S3_READ } from "./fixtures";

const WORKER_ROLE = "arn:aws:iam::111122223333:role/spot-grid-workers-ap-south-1";
const pass = (over: Record<string, unknown> = {}) => ({
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: WORKER_ROLE,
    Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
    ...over,
});

describe("least-privilege-iam/iam-passrole-scoped", () => {
    it("passes PassRole on a named role with iam:PassedToService, and documents without PassRole", async () => {
        assertNoViolations(await runResourcePolicy(iamPassroleScoped, rolePolicy(doc(pass()))));
        assertNoViolations(await runResourcePolicy(iamPassroleScoped, rolePolicy(doc(S3_READ))));
    });
    it("fires on PassRole on \"*\" or a wildcard role ARN", async () => {
        assertHasViolation(await runResourcePolicy(iamPassroleScoped, rolePolicy(doc(pass({ Resource: "*" })))), /allows it on \*/);
        assertHasViolation(await runResourcePolicy(iamPassroleScoped, rolePolicy(doc(pass({ Resource: "arn:aws:iam::111122223333:role/*" })))), /role\/\*/);
    });
    it("fires without an iam:PassedToService condition", async () => {
        assertHasViolation(await runResourcePolicy(iamPassroleScoped, rolePolicy(doc(pass({ Condition: undefined })))), /no iam:PassedToService condition/);
    });
    it("fires when PassRole is granted through iam:Pass*, iam:* or NotAction", async () => {
        assertHasViolation(await runResourcePolicy(iamPassroleScoped, rolePolicy(doc(pass({ Action: "iam:Pass*", Resource: "*" })))), /allows it on \*/);
        assertHasViolation(await runResourcePolicy(iamPassroleScoped, rolePolicy(doc(pass({ Action: "iam:*", Condition: undefined })))), /no iam:PassedToService/);
        assertHasViolation(await runResourcePolicy(iamPassroleScoped, rolePolicy(doc({ Effect: "Allow", NotAction: "s3:*", Resource: "*" }))), /allows it on \*/);
    });
    it("passes NotAction that excludes iam:PassRole", async () => {
        assertNoViolations(await runResourcePolicy(iamPassroleScoped, rolePolicy(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::b" }))));
    });
});
