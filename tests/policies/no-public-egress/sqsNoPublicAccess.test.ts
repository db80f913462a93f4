import { sqsNoPublicAccess } from "../../../policies/no-public-egress/sqsNoPublicAccess";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { res, withProp } from "./fixtures";

const QUEUE_ARN = "arn:aws:sqs:ap-south-1:111122223333:spot-grid-mumbai-intake";
const BUCKET_ARN = "arn:aws:s3:::spot-grid-mumbai-data-ap-south-1-111122223333";

describe("sqs-no-public-access", () => {
    // The shape of the grid's own intake-queue policy: S3 admitted for one bucket and account, denies for everyone.
    const ours = {
        Version: "2012-10-17",
        Statement: [
            { Sid: "S3Sends", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: QUEUE_ARN, Condition: { ArnEquals: { "aws:SourceArn": BUCKET_ARN }, StringEquals: { "aws:SourceAccount": "111122223333" } } },
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: QUEUE_ARN, Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "DenyOutside", Effect: "Deny", Principal: "*", Action: ["sqs:SendMessage"], Resource: QUEUE_ARN, Condition: { StringNotEquals: { "aws:SourceVpce": ["vpce-0a1b2c3d4e5f60718"] } } },
        ],
    };
    const policy = res("aws:sqs/queuePolicy:QueuePolicy", "intake-policy", { queueUrl: "https://sqs.ap-south-1.amazonaws.com/111122223333/spot-grid-mumbai-intake", policy: JSON.stringify(ours) });
    const open = { Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: QUEUE_ARN };

    it("stays quiet on the grid's own policy (Principal \"*\" only in Deny statements)", async () => assertNoViolations(await runResourcePolicy(sqsNoPublicAccess, policy)));
    it("stays quiet on Principal \"*\" restricted to our VPC endpoint", async () =>
        assertNoViolations(await runResourcePolicy(sqsNoPublicAccess, withProp(policy, ["policy"], { Statement: [{ ...open, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60718" } } }] }))));
    it("stays quiet on Principal \"*\" restricted by aws:SourceArn (a bucket of ours: the account in ARNs is implicit for S3)", async () =>
        assertNoViolations(await runResourcePolicy(sqsNoPublicAccess, withProp(policy, ["policy"], { Statement: [{ ...open, Condition: { ArnLike: { "aws:SourceArn": BUCKET_ARN } } }] }))));
    it("stays quiet on a queue without a policy", async () => assertNoViolations(await runResourcePolicy(sqsNoPublicAccess, res("aws:sqs/queue:Queue", "jobs", { name: "jobs" }))));
    it("fires on an Allow to Principal \"*\" with no condition", async () =>
        assertHasViolation(await runResourcePolicy(sqsNoPublicAccess, withProp(policy, ["policy"], JSON.stringify({ Statement: [open] }))), /'intake-policy' \(aws:sqs\/queuePolicy:QueuePolicy\) queue policy Statement\[0\] allows Principal "\*" with no restricting condition/));
    it("fires on {AWS: \"*\"} with only an IfExists condition (a request without the key passes)", async () =>
        assertHasViolation(await runResourcePolicy(sqsNoPublicAccess, withProp(policy, ["policy"], { Statement: [{ ...open, Principal: { AWS: "*" }, Condition: { StringEqualsIfExists: { "aws:SourceVpce": "vpce-1" } } }] })), /allows Principal "\*"/));
    it("fires on a wildcard-only condition value (aws:SourceArn arn:aws:s3:::*)", async () =>
        assertHasViolation(await runResourcePolicy(sqsNoPublicAccess, withProp(policy, ["policy"], { Statement: [{ ...open, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } } }] })), /allows Principal/));
    it("fires on NotPrincipal (everyone but the listed)", async () =>
        assertHasViolation(await runResourcePolicy(sqsNoPublicAccess, withProp(policy, ["policy"], { Statement: [{ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sqs:*", Resource: QUEUE_ARN }] })), /allows Principal/));
    it("fires on the inline policy of a queue", async () =>
        assertHasViolation(await runResourcePolicy(sqsNoPublicAccess, res("aws:sqs/queue:Queue", "jobs", { policy: JSON.stringify({ Statement: [open] }) })), /'jobs' \(aws:sqs\/queue:Queue\) queue policy/));
    it("reports a malformed policy rather than crashing", async () =>
        assertHasViolation(await runResourcePolicy(sqsNoPublicAccess, withProp(policy, ["policy"], "{not json")), /cannot be judged/));
});
