/**
 * Physical names of the data layer: bucket names and the key alias.
 *
 * Bucket names are global across every AWS account, so a name made only of public facts
 * (project, stack, region) could be registered first by anyone ("bucket squatting": a predictable
 * name created in an attacker's account receives our writes or blocks our deploy), and the same
 * stacks deployed to a second account (staging) would collide with production. The name therefore
 * ends with the account id: still deterministic (peers and docs can derive it), unique per account.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
import { iamName, PROJECT } from "../lib/naming";

/** What a bucket holds; part of its name. Never change for an existing bucket (a rename replaces it). */
export type BucketPurpose = "data" | "logs" | "audit";

export const BUCKET_NAME_MAX_LENGTH = 63;
const ACCOUNT_ID = /^\d{12}$/;
const NAME_PART = /^[a-z0-9][a-z0-9-]*$/;

export interface BucketNameArgs {
    readonly stack: string;
    readonly region: string;
    readonly accountId: string;
    readonly purpose: BucketPurpose;
}

/** `spot-grid-<stack>-<purpose>-<region>-<account>`, e.g. `spot-grid-mumbai-data-ap-south-1-111122223333`. */
export function bucketName(a: BucketNameArgs): string {
    const problem = validateBucketNameArgs(a);
    if (problem) throw new Error(problem);
    return `${PROJECT}-${a.stack}-${a.purpose}-${a.region}-${a.accountId}`;
}

/** Why the parts cannot form a valid bucket name, or undefined when they can. */
export function validateBucketNameArgs(a: BucketNameArgs): string | undefined {
    if (!NAME_PART.test(a.stack)) return `stack ${JSON.stringify(a.stack)} must be lower-case letters, digits and dashes, starting with a letter or digit`;
    if (!NAME_PART.test(a.region)) return `region ${JSON.stringify(a.region)} must be an AWS region code like ap-south-1`;
    if (!ACCOUNT_ID.test(a.accountId)) return `accountId ${JSON.stringify(a.accountId)} must be a 12-digit AWS account id`;
    const name = `${PROJECT}-${a.stack}-${a.purpose}-${a.region}-${a.accountId}`;
    if (name.length > BUCKET_NAME_MAX_LENGTH) {
        const spare = name.length - BUCKET_NAME_MAX_LENGTH;
        return `bucket name ${name} is ${name.length} characters, more than S3's ${BUCKET_NAME_MAX_LENGTH}; shorten the stack name ${JSON.stringify(a.stack)} by at least ${spare} characters`;
    }
    return undefined;
}

/** `alias/spot-grid-<stack>-data`: one alias per stack (aliases are per account and region). */
export function dataKeyAlias(stack: string): string {
    return `alias/${PROJECT}-${stack}-data`;
}

/** `alias/spot-grid-<stack>-ebs`: the key of the workers' volumes. */
export function ebsKeyAlias(stack: string): string {
    return `alias/${PROJECT}-${stack}-ebs`;
}

/**
 * IAM role names are global per account, so they carry the region (components/lib/naming).
 * No other stack's policy names these roles (docs/identity.md): renaming one replaces the role and
 * the policies that reference its ARN output, in the same deploy.
 */
export function replicationRoleName(region: string): string {
    return iamName("replication", region);
}

export function uploaderRoleName(region: string): string {
    return iamName("uploader", region);
}

/** The reference-data publisher's role (puts under `static/`). */
export function referencePublisherRoleName(region: string): string {
    return iamName("reference-publisher", region);
}

/** The on-prem results reader's role (reads `processed/`, receives the results queue). */
export function resultsReaderRoleName(region: string): string {
    return iamName("results-reader", region);
}

/** The on-prem job submitter's role (sends to the job queue). */
export function jobSubmitterRoleName(region: string): string {
    return iamName("job-submitter", region);
}

/**
 * The workers' role name the data layer grants key use to (compute creates the role).
 * Must equal the compute component's role name.
 */
export function workersRoleName(region: string): string {
    return iamName("workers", region);
}
