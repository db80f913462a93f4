/**
 * The data layout of a region's data bucket and the tags that tell policies (and people) what a
 * bucket is for. These are conventions other components and the policy packs rely on: changing a
 * prefix moves data; changing a tag value silences or trips policies.
 */

/** On-prem daily uploads land here (the uploader role may write nothing else). */
export const INCOMING_PREFIX = "incoming/";
/** Validated raw trading data the workers read. */
export const RAW_PREFIX = "raw/";
/** Reference data (calendars, instrument static) the workers read. */
export const STATIC_PREFIX = "static/";
/** Worker results, one sub-prefix per region: `processed/<region>/` (see {@link processedPrefix}). */
export const PROCESSED_PREFIX = "processed/";
/** Uploads the validator refused, with the reason as an object tag ({@link REJECTION_REASON_TAG}). */
export const REJECTED_PREFIX = "rejected/";

/** Every top-level prefix of a data bucket, for outputs and docs. */
export const DATA_PREFIXES = {
    incoming: INCOMING_PREFIX,
    raw: RAW_PREFIX,
    static: STATIC_PREFIX,
    processed: PROCESSED_PREFIX,
    rejected: REJECTED_PREFIX,
} as const;

/**
 * `processed/<region>/`: where one region's workers write their results. Replication copies the
 * primary's `processed/<its region>/` into every peer, so each region's own results and the
 * replicas of another region's can never share a key (no overwrite across regions).
 */
export function processedPrefix(region: string): string {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`processedPrefix: ${JSON.stringify(region)} is not an AWS region code like ap-south-1`);
    return `${PROCESSED_PREFIX}${region}/`;
}

/**
 * What the primary replicates to each peer, prefix by prefix. Not `incoming/`: uploads are
 * transient (the validator deletes them) and an S3 replica raises an ObjectCreated event in the
 * destination like any put, so replicated uploads would be validated twice.
 */
export function replicatedPrefixes(sourceRegion: string): string[] {
    return [RAW_PREFIX, STATIC_PREFIX, REJECTED_PREFIX, processedPrefix(sourceRegion)];
}

/** Object tag the validator writes on a refused upload under `rejected/`: why it was refused. */
export const REJECTION_REASON_TAG = "spot-grid:rejection-reason";

/**
 * Tag key naming what a bucket or key is for. Policy packs select on it, e.g. the encryption pack
 * allows SSE-S3 only on `access-logs` buckets and the data-protection pack requires replication of
 * `data` buckets. Set on the resource itself (not the provider's default tags) so it survives
 * any provider configuration.
 */
export const ROLE_TAG = "spot-grid:role";

/**
 * Tag on replica (destination) data buckets: the source stacks, space-separated (tag values allow
 * no commas). The data-protection pack exempts buckets with this tag from "must replicate".
 */
export const REPLICA_OF_TAG = "spot-grid:replica-of";

export const ROLE_DATA = "data";
/** Server access log target: SSE-S3 by necessity (see access-log-bucket.ts). */
export const ROLE_ACCESS_LOGS = "access-logs";
export const ROLE_DATA_KEY = "data-key";
export const ROLE_EBS_KEY = "ebs-key";
export const ROLE_REPLICATION = "replication";
export const ROLE_UPLOADER = "uploader";
export const ROLE_REFERENCE_PUBLISHER = "reference-publisher";
export const ROLE_RESULTS_READER = "results-reader";
export const ROLE_JOB_SUBMITTER = "job-submitter";

/** Where server access logs of the data bucket land inside the log bucket. */
export const ACCESS_LOG_PREFIX = "s3-access/";
