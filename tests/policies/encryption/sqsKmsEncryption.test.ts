import * as assert from "assert";
import { sqsKmsEncryption } from "../../../policies/encryption/sqsKmsEncryption";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { CMK } from "./fixtures";

const queue = (props: Record<string, unknown>) => ({ type: "aws:sqs/queue:Queue", name: "jobs", props: { name: "spot-grid-mumbai-jobs", visibilityTimeoutSeconds: 900, ...props } });

describe("encryption/sqs-kms-encryption", () => {
    it("stays quiet on a queue encrypted with a CMK (by ARN, by alias of our own)", async () => {
        assertNoViolations(await runResourcePolicy(sqsKmsEncryption, queue({ kmsMasterKeyId: CMK })));
        assertNoViolations(await runResourcePolicy(sqsKmsEncryption, queue({ kmsMasterKeyId: "alias/spot-grid-mumbai-queues" })));
    });
    it("ignores other resource types", async () => assertNoViolations(await runResourcePolicy(sqsKmsEncryption, { type: "aws:sns/topic:Topic", name: "t", props: {} })));
    it("fires on an unencrypted queue", async () => assertHasViolation(await runResourcePolicy(sqsKmsEncryption, queue({})), /'jobs' \(aws:sqs\/queue:Queue\) must be encrypted with a customer-managed KMS key: kmsMasterKeyId is not set; set it/));
    it("fires on SSE-SQS (keys SQS owns), naming it", async () =>
        assertHasViolation(await runResourcePolicy(sqsKmsEncryption, queue({ sqsManagedSseEnabled: true })), /kmsMasterKeyId is not set \(sqsManagedSseEnabled uses keys SQS owns/));
    it("fires on the AWS-managed alias/aws/sqs, by alias and by alias ARN", async () => {
        assertHasViolation(await runResourcePolicy(sqsKmsEncryption, queue({ kmsMasterKeyId: "alias/aws/sqs" })), /AWS-managed alias\/aws\/sqs, whose policy admits the whole account/);
        assertHasViolation(await runResourcePolicy(sqsKmsEncryption, queue({ kmsMasterKeyId: "arn:aws:kms:ap-south-1:111122223333:alias/aws/sqs" })), /AWS-managed/);
    });
    it("raises UnknownValueError when the key is unknown during preview", async () => {
        await assert.rejects(runResourcePolicy(sqsKmsEncryption, queue({ kmsMasterKeyId: UNKNOWN })), UnknownValueError);
    });
});
