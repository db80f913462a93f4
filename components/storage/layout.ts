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
/** Worker results. */
export const PROCESSED_PREFIX = "processed/";

/** Every top-level prefix of a data bucket, for outputs and docs. */
export const DATA_PREFIXES = {
    incoming: INCOMING_PREFIX,
    raw: RAW_PREFIX,
    static: STATIC_PREFIX,
    processed: PROCESSED_PREFIX,
} as const;

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

/** Where server access logs of the data bucket land inside the log bucket. */
export const ACCESS_LOG_PREFIX = "s3-access/";
