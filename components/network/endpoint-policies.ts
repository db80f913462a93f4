/**
 * Endpoint policy documents: pure functions from plain facts (account, partition, region, bucket
 * names) to IAM JSON. Every endpoint gets one, because the default endpoint policy is "everyone,
 * everything" and an endpoint is a path out of the VPC: a policy scoped to our account and our
 * buckets stops it from being an exfiltration route to someone else's bucket or account.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
import type { PolicyDocument, PolicyStatement } from "../lib/policy-document";
import type { ListProblem } from "./endpoint-catalogue";

export type { PolicyDocument, PolicyStatement };

/**
 * Object and bucket actions the grid, the replication tooling and on-prem uploads use on our own
 * buckets. Deliberately no bucket-administration actions (policy, ACL, encryption, lifecycle):
 * those are made by Pulumi from outside the grid, never through the grid's endpoints.
 */
export const S3_DATA_ACTIONS: readonly string[] = [
    "s3:AbortMultipartUpload",
    "s3:DeleteObject",
    "s3:GetBucketLocation",
    "s3:GetObject",
    "s3:GetObjectTagging",
    "s3:GetObjectVersion",
    "s3:ListBucket",
    "s3:ListBucketMultipartUploads",
    "s3:ListMultipartUploadParts",
    "s3:PutObject",
    "s3:PutObjectTagging",
];

/**
 * AWS-owned buckets that agents and the OS package manager on a private Amazon Linux worker read
 * through the S3 gateway endpoint, by region. These reads are unauthenticated (no principal, so no
 * `aws:PrincipalAccount`): a statement conditioned on our account would deny them, hence their own
 * statement with `s3:GetObject` on exactly these objects and no principal condition.
 * The list is AWS's, per source:
 * - SSM Agent (updates, documents, patch baselines):
 *   https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-minimum-s3-permissions.html
 *   (Windows- and macOS-only buckets left out: the grid runs Linux);
 * - CloudWatch agent package:
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/download-cloudwatch-agent-commandline.html
 * - Amazon Linux 2 and 2023 repositories (dnf/yum, kernel live patching):
 *   https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/al2-live-patching.html,
 *   https://docs.aws.amazon.com/linux/al2023/ug/live-patching.html
 * All three are collected, with the statement shape ("AllowRequestsToAWSOwnedResources", no
 * principal condition), in AWS's data perimeter examples:
 * https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/README.md
 */
export function awsOwnedBucketObjectArns(partition: string, region: string): string[] {
    return [
        // SSM Agent
        `aws-ssm-${region}`,
        `amazon-ssm-${region}`,
        `amazon-ssm-packages-${region}`,
        `${region}-birdwatcher-prod`,
        `aws-ssm-distributor-file-${region}`,
        `aws-ssm-document-attachments-${region}`,
        `patch-baseline-snapshot-${region}`,
        // CloudWatch agent
        `amazoncloudwatch-agent-${region}`,
        "amazoncloudwatch-agent",
        // Amazon Linux 2 and Amazon Linux 2023 repositories
        `packages.${region}.amazonaws.com`,
        `repo.${region}.amazonaws.com`,
        `amazonlinux.${region}.amazonaws.com`,
        `amazonlinux-2-repos-${region}`,
        `al2023-repos-${region}-de612dc2`,
        `al2023-${region}`,
    ].map((b) => `arn:${partition}:s3:::${b}/*`);
}

export interface S3EndpointPolicyArgs {
    readonly accountId: string;
    readonly partition: string;
    readonly region: string;
    /** Our buckets' name prefix, e.g. `spot-grid-`: `arn:aws:s3:::spot-grid-*`, and only in our account. */
    readonly ownBucketNamePrefix: string;
    /** Further bucket ARNs (`arn:aws:s3:::name`), e.g. a partner's feed bucket in another account. */
    readonly extraBucketArns?: readonly string[];
    /** Let SSM Agent, the CloudWatch agent and dnf read their AWS-owned buckets (read-only, {@link awsOwnedBucketObjectArns}). */
    readonly allowAwsOwnedBuckets?: boolean;
}

const S3_BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The first entry of `arns` that is not a plain S3 bucket ARN, or undefined. */
export function findExtraBucketArnProblem(arns: readonly string[]): ListProblem | undefined {
    for (const [index, arn] of arns.entries()) {
        if (typeof arn !== "string" || !S3_BUCKET_ARN.test(arn)) {
            return { index, reason: `${JSON.stringify(arn)} is not an S3 bucket ARN; write arn:aws:s3:::<bucket-name> (no /key part, no wildcards)` };
        }
    }
    return undefined;
}

/** Checks extra bucket ARNs; returns one message naming the input and entry, or undefined. */
export function validateExtraBucketArns(arns: readonly string[]): string | undefined {
    const p = findExtraBucketArnProblem(arns);
    return p && `extraS3BucketArns[${p.index}] ${p.reason}`;
}

/**
 * Policy for the S3 gateway and interface endpoints: our principals, reaching our own buckets
 * (by name prefix AND owning account, so a look-alike bucket in another account is refused),
 * the extra buckets the config names, and the agents' and OS repositories' AWS-owned buckets
 * read-only and without a principal condition (those reads carry no credentials).
 */
export function s3EndpointPolicy(a: S3EndpointPolicyArgs): PolicyDocument {
    if (a.ownBucketNamePrefix.length === 0 || a.ownBucketNamePrefix.includes("*")) {
        throw new Error(`ownBucketNamePrefix ${JSON.stringify(a.ownBucketNamePrefix)} must be a literal, non-empty bucket name prefix such as "spot-grid-"`);
    }
    const extra = a.extraBucketArns ?? [];
    const problem = validateExtraBucketArns(extra);
    if (problem) throw new Error(problem);
    const ourPrincipals = { "aws:PrincipalAccount": a.accountId };
    const own = `arn:${a.partition}:s3:::${a.ownBucketNamePrefix}*`;
    const statements: PolicyStatement[] = [
        {
            Sid: "OwnBuckets",
            Effect: "Allow",
            Principal: "*",
            Action: [...S3_DATA_ACTIONS],
            Resource: [own, `${own}/*`],
            Condition: { StringEquals: { ...ourPrincipals, "aws:ResourceAccount": a.accountId } },
        },
    ];
    if (extra.length > 0) {
        statements.push({
            Sid: "ExtraBuckets",
            Effect: "Allow",
            Principal: "*",
            Action: [...S3_DATA_ACTIONS],
            Resource: [...extra].sort().flatMap((arn) => [arn, `${arn}/*`]),
            Condition: { StringEquals: ourPrincipals },
        });
    }
    if (a.allowAwsOwnedBuckets ?? true) {
        statements.push({
            Sid: "AwsOwnedAgentAndRepoBucketsReadOnly",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: awsOwnedBucketObjectArns(a.partition, a.region),
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * Policy for an interface endpoint of a non-S3 service: the service's own actions, for principals
 * of our account only. Resource stays `*`: which resources a principal may touch is the job of its
 * IAM policy; the endpoint's job is that no other account's credentials can use our private path.
 */
export function serviceEndpointPolicy(a: { readonly accountId: string; readonly iamPrefix: string }): PolicyDocument {
    if (!/^[a-z0-9-]+$/.test(a.iamPrefix)) throw new Error(`iamPrefix ${JSON.stringify(a.iamPrefix)} must be an IAM service prefix such as "ssm"`);
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OwnAccountOnly",
                Effect: "Allow",
                Principal: "*",
                Action: `${a.iamPrefix}:*`,
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalAccount": a.accountId } },
            },
        ],
    };
}

/** What the grid's callers do through the SQS endpoint: messages of their queues, and read a queue's URL and attributes. */
export const SQS_ENDPOINT_ACTIONS: readonly string[] = [
    "sqs:ChangeMessageVisibility",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
    "sqs:ReceiveMessage",
    "sqs:SendMessage",
];

export interface SqsEndpointPolicyArgs {
    readonly accountId: string;
    readonly partition: string;
    readonly region: string;
    /** Our queues' name prefix, e.g. `spot-grid-`: `arn:aws:sqs:<region>:<account>:spot-grid-*`. */
    readonly ownQueueNamePrefix: string;
}

/**
 * Policy for the SQS interface endpoint (workers in the VPC, and on-prem's job submitter and
 * results reader over the VPN): principals of this account, messages of this account's spot-grid
 * queues in this region only. Anyone else's queue is unreachable through it, so the endpoint cannot
 * carry our data out to another account's queue. SQS supports endpoint policies.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-internetwork-traffic-privacy.html
 */
export function sqsEndpointPolicy(a: SqsEndpointPolicyArgs): PolicyDocument {
    if (!/^[A-Za-z0-9_-]+$/.test(a.ownQueueNamePrefix)) {
        throw new Error(`ownQueueNamePrefix ${JSON.stringify(a.ownQueueNamePrefix)} must be a literal, non-empty queue name prefix such as "spot-grid-"`);
    }
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OwnQueuesOwnAccount",
                Effect: "Allow",
                Principal: "*",
                Action: [...SQS_ENDPOINT_ACTIONS],
                Resource: `arn:${a.partition}:sqs:${a.region}:${a.accountId}:${a.ownQueueNamePrefix}*`,
                Condition: { StringEquals: { "aws:PrincipalAccount": a.accountId } },
            },
        ],
    };
}
