/**
 * Identity policies of the principals on the work flow's trip, as pure documents, one per hop:
 *
 * - the validator (the workers' role by default, in its own inline policy): the intake queue's S3
 *   events, read `incoming/`, write `raw/` or `rejected/` (with the reason as a tag), delete the
 *   upload. The only principal that may delete anything (the bucket policy enforces it too);
 * - the workers: receive, delete and change visibility on the job queue only;
 * - the on-prem job submitter: send to the job queue only;
 * - the on-prem results reader: read `processed/` (every region's results in this region's
 *   bucket) and receive the results queue's S3 events only.
 *
 * Every SQS call is pinned to this region's SQS interface endpoint (aws:SourceVpce), the on-prem
 * reader's S3 reads to the S3 interface endpoint; the queue and bucket policies deny the same calls
 * from anywhere else. Every KMS grant goes through one service in one region (kms:ViaService) and,
 * for the data key, for one bucket (the S3 Bucket Key encryption context).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce
 */
import { EncryptedBucket, keyThroughS3 } from "../storage/access-policies";
import { INCOMING_PREFIX, PROCESSED_PREFIX, RAW_PREFIX, REJECTED_PREFIX } from "../storage/layout";
import { PolicyDocument, policyDocument, PolicyStatement, sqsViaService } from "../lib/policy-document";

/** What a consumer calls on its queue: receive, delete when done, extend while working. */
export const QUEUE_CONSUMER_ACTIONS = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:ReceiveMessage"] as const;

/** One queue, the key that encrypts it, the SQS endpoint its callers must use. */
export interface QueueAccess {
    readonly queueArn: string;
    readonly queueKeyArn: string;
    readonly region: string;
    readonly sqsEndpointId: string;
}

function queueKeyThroughSqs(sid: string, q: QueueAccess, actions: string[]): PolicyStatement {
    return { Sid: sid, Effect: "Allow", Action: actions, Resource: q.queueKeyArn, Condition: { StringEquals: { "kms:ViaService": sqsViaService(q.region) } } };
}

function onQueue(sid: string, q: QueueAccess, actions: readonly string[]): PolicyStatement {
    return { Sid: sid, Effect: "Allow", Action: [...actions], Resource: q.queueArn, Condition: { StringEquals: { "aws:SourceVpce": q.sqsEndpointId } } };
}

/** The workers: the job queue only (receive, delete, change visibility), decrypting its messages. */
export function workerQueuePolicy(jobs: QueueAccess): PolicyDocument {
    return policyDocument([onQueue("ConsumeJobs", jobs, QUEUE_CONSUMER_ACTIONS), queueKeyThroughSqs("DecryptJobs", jobs, ["kms:Decrypt"])]);
}

/**
 * The on-prem job submitter: SendMessage to the job queue only (SendMessageBatch authorizes as
 * SendMessage), through the SQS endpoint; a producer of an SSE-KMS queue needs
 * kms:GenerateDataKey and kms:Decrypt.
 */
export function jobSubmitterPolicy(jobs: QueueAccess): PolicyDocument {
    return policyDocument([onQueue("SendJobsThroughSqsEndpoint", jobs, ["sqs:SendMessage"]), queueKeyThroughSqs("EncryptJobs", jobs, ["kms:Decrypt", "kms:GenerateDataKey"])]);
}

export interface ValidatorPolicyArgs {
    readonly bucket: EncryptedBucket;
    readonly intake: QueueAccess;
}

/**
 * The validator: for each S3 event on the intake queue, read the upload under `incoming/`, put it
 * under `raw/` (valid) or `rejected/` (invalid, the reason as an object tag, which a put with
 * tags authorizes as s3:PutObjectTagging too), then delete the upload. Nothing else: no list, no
 * other prefix, no version deletes.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html (x-amz-tagging needs s3:PutObjectTagging)
 */
export function validatorPolicy(a: ValidatorPolicyArgs): PolicyDocument {
    const b = a.bucket.bucketArn;
    return policyDocument([
        onQueue("ConsumeUploadEvents", a.intake, QUEUE_CONSUMER_ACTIONS),
        queueKeyThroughSqs("DecryptUploadEvents", a.intake, ["kms:Decrypt"]),
        { Sid: "ReadAndRemoveUploads", Effect: "Allow", Action: ["s3:GetObject", "s3:DeleteObject"], Resource: `${b}/${INCOMING_PREFIX}*` },
        { Sid: "WriteValidated", Effect: "Allow", Action: ["s3:PutObject", "s3:AbortMultipartUpload"], Resource: `${b}/${RAW_PREFIX}*` },
        { Sid: "WriteRejectedWithReason", Effect: "Allow", Action: ["s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload"], Resource: `${b}/${REJECTED_PREFIX}*` },
        keyThroughS3("DataKeyThroughS3", a.bucket, ["kms:Decrypt", "kms:GenerateDataKey"]),
    ]);
}

export interface ResultsReaderPolicyArgs {
    readonly bucket: EncryptedBucket;
    readonly results: QueueAccess;
    /** The S3 interface endpoint on-prem reads through. */
    readonly s3EndpointId: string;
}

/**
 * The on-prem results reader: the results queue's S3 events (one per new object under this
 * region's `processed/<region>/`), then GetObject and list under `processed/` (all regions'
 * results this bucket holds: its own and the primary's replicas), only through the endpoints.
 */
export function resultsReaderPolicy(a: ResultsReaderPolicyArgs): PolicyDocument {
    const b = a.bucket.bucketArn;
    const viaS3Endpoint = { StringEquals: { "aws:SourceVpce": a.s3EndpointId } };
    return policyDocument([
        onQueue("ConsumeResultEvents", a.results, QUEUE_CONSUMER_ACTIONS),
        queueKeyThroughSqs("DecryptResultEvents", a.results, ["kms:Decrypt"]),
        { Sid: "ListResults", Effect: "Allow", Action: "s3:ListBucket", Resource: b, Condition: { ...viaS3Endpoint, StringLike: { "s3:prefix": `${PROCESSED_PREFIX}*` } } },
        { Sid: "ReadResults", Effect: "Allow", Action: "s3:GetObject", Resource: `${b}/${PROCESSED_PREFIX}*`, Condition: viaS3Endpoint },
        keyThroughS3("DataKeyThroughS3", a.bucket, ["kms:Decrypt"]),
    ]);
}
