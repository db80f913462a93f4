/**
 * Lifecycle rules of the data and log buckets, as plain rule objects for
 * `aws.s3.BucketLifecycleConfiguration`. Current data is archived to Glacier classes, never
 * expired; old versions are archived then expired after a configured time; incomplete multipart
 * uploads are aborted (they are billed but invisible).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
 */
import { PROCESSED_PREFIX, RAW_PREFIX } from "./layout";

/** Glacier Instant Retrieval keeps millisecond reads: archived raw data stays readable by workers. */
export const ARCHIVE_STORAGE_CLASS = "GLACIER_IR";
/** Deep Archive needs a restore before reading (hours); for data nobody reads any more. */
export const DEEP_ARCHIVE_STORAGE_CLASS = "DEEP_ARCHIVE";
/** Old versions go to Glacier Flexible Retrieval: kept for recovery, rarely read. */
export const NONCURRENT_STORAGE_CLASS = "GLACIER";

export const DEFAULT_LIFECYCLE = {
    abortIncompleteMultipartUploadDays: 7,
    /** Raw and processed data move to Glacier IR after a quarter. */
    archiveAfterDays: 90,
    /** ...and to Deep Archive after a year. */
    deepArchiveAfterDays: 365,
    noncurrentArchiveAfterDays: 30,
    /** Overwritten or deleted versions are kept a year, then expire. */
    noncurrentVersionExpirationDays: 365,
    /** Prefixes whose current objects are archived; static/ reference data stays hot. */
    archivePrefixes: [RAW_PREFIX, PROCESSED_PREFIX] as readonly string[],
} as const;

export interface DataLifecycleArgs {
    readonly abortIncompleteMultipartUploadDays?: number;
    readonly archiveAfterDays?: number;
    readonly deepArchiveAfterDays?: number;
    readonly noncurrentArchiveAfterDays?: number;
    readonly noncurrentVersionExpirationDays?: number;
    readonly archivePrefixes?: readonly string[];
}

/** The shape `aws.s3.BucketLifecycleConfiguration` takes (plain values). */
export interface LifecycleRule {
    readonly id: string;
    readonly status: "Enabled";
    readonly filter: { readonly prefix: string };
    readonly abortIncompleteMultipartUpload?: { readonly daysAfterInitiation: number };
    readonly transitions?: { readonly days: number; readonly storageClass: string }[];
    readonly noncurrentVersionTransitions?: { readonly noncurrentDays: number; readonly storageClass: string }[];
    readonly noncurrentVersionExpiration?: { readonly noncurrentDays: number };
    readonly expiration?: { readonly days?: number; readonly expiredObjectDeleteMarker?: boolean };
}

type Resolved = Required<DataLifecycleArgs>;

function resolve(a: DataLifecycleArgs): Resolved {
    return {
        abortIncompleteMultipartUploadDays: a.abortIncompleteMultipartUploadDays ?? DEFAULT_LIFECYCLE.abortIncompleteMultipartUploadDays,
        archiveAfterDays: a.archiveAfterDays ?? DEFAULT_LIFECYCLE.archiveAfterDays,
        deepArchiveAfterDays: a.deepArchiveAfterDays ?? DEFAULT_LIFECYCLE.deepArchiveAfterDays,
        noncurrentArchiveAfterDays: a.noncurrentArchiveAfterDays ?? DEFAULT_LIFECYCLE.noncurrentArchiveAfterDays,
        noncurrentVersionExpirationDays: a.noncurrentVersionExpirationDays ?? DEFAULT_LIFECYCLE.noncurrentVersionExpirationDays,
        archivePrefixes: a.archivePrefixes ?? DEFAULT_LIFECYCLE.archivePrefixes,
    };
}

/** Problems with lifecycle inputs, one line each naming the input, value and what is allowed. */
export function validateDataLifecycle(a: DataLifecycleArgs): string[] {
    const r = resolve(a);
    const problems: string[] = [];
    const positive = (name: keyof Resolved, v: number) => {
        if (!Number.isInteger(v) || v < 1) problems.push(`${name} is ${v}; use a whole number of days, at least 1`);
    };
    positive("abortIncompleteMultipartUploadDays", r.abortIncompleteMultipartUploadDays);
    positive("archiveAfterDays", r.archiveAfterDays);
    positive("deepArchiveAfterDays", r.deepArchiveAfterDays);
    positive("noncurrentArchiveAfterDays", r.noncurrentArchiveAfterDays);
    positive("noncurrentVersionExpirationDays", r.noncurrentVersionExpirationDays);
    if (r.deepArchiveAfterDays <= r.archiveAfterDays) {
        problems.push(`deepArchiveAfterDays (${r.deepArchiveAfterDays}) must be greater than archiveAfterDays (${r.archiveAfterDays}); S3 applies transitions in order`);
    }
    if (r.noncurrentVersionExpirationDays <= r.noncurrentArchiveAfterDays) {
        problems.push(`noncurrentVersionExpirationDays (${r.noncurrentVersionExpirationDays}) must be greater than noncurrentArchiveAfterDays (${r.noncurrentArchiveAfterDays}); otherwise old versions expire before they are archived`);
    }
    r.archivePrefixes.forEach((p, i) => {
        if (!/^[a-z0-9][a-z0-9_-]*\/$/.test(p)) problems.push(`archivePrefixes[${i}] ${JSON.stringify(p)} must be a top-level prefix ending in '/', like raw/`);
    });
    if (new Set(r.archivePrefixes).size !== r.archivePrefixes.length) problems.push("archivePrefixes lists a prefix twice; list each once");
    return problems;
}

/** Rule ids are stable keys (a prefix, not a position) so adding a prefix changes one rule only. */
export function planDataLifecycle(a: DataLifecycleArgs = {}): LifecycleRule[] {
    const problems = validateDataLifecycle(a);
    if (problems.length > 0) throw new Error(`data lifecycle: ${problems.join("; ")}`);
    const r = resolve(a);
    return [
        {
            // Whole bucket: hygiene that applies to every prefix.
            id: "abort-incomplete-uploads-and-age-old-versions",
            status: "Enabled",
            filter: { prefix: "" },
            abortIncompleteMultipartUpload: { daysAfterInitiation: r.abortIncompleteMultipartUploadDays },
            noncurrentVersionTransitions: [{ noncurrentDays: r.noncurrentArchiveAfterDays, storageClass: NONCURRENT_STORAGE_CLASS }],
            noncurrentVersionExpiration: { noncurrentDays: r.noncurrentVersionExpirationDays },
        },
        {
            // A delete leaves a marker; once its versions have expired the marker is clutter.
            // Kept in its own rule: S3 rejects expiredObjectDeleteMarker beside expiration days.
            id: "remove-expired-delete-markers",
            status: "Enabled",
            filter: { prefix: "" },
            expiration: { expiredObjectDeleteMarker: true },
        },
        ...[...r.archivePrefixes].sort().map((prefix): LifecycleRule => ({
            id: `archive-${prefix.replace(/\/$/, "")}`,
            status: "Enabled",
            filter: { prefix },
            transitions: [
                { days: r.archiveAfterDays, storageClass: ARCHIVE_STORAGE_CLASS },
                { days: r.deepArchiveAfterDays, storageClass: DEEP_ARCHIVE_STORAGE_CLASS },
            ],
        })),
    ];
}

export interface LogLifecycleArgs {
    /** Days before access logs move to Glacier Flexible Retrieval. @default 90 */
    readonly archiveAfterDays?: number;
    /** Days before access logs move to Glacier Deep Archive. @default 365 */
    readonly deepArchiveAfterDays?: number;
    /**
     * Days after which access logs are deleted. Unset keeps them (archived) for audit: an expiry
     * is a relaxation someone must decide, and the lifecycle policy pack flags it.
     * @default undefined (never expire)
     */
    readonly retentionDays?: number;
}

export const DEFAULT_LOG_LIFECYCLE = { archiveAfterDays: 90, deepArchiveAfterDays: 365 } as const;

export function validateLogLifecycle(a: LogLifecycleArgs): string[] {
    const archive = a.archiveAfterDays ?? DEFAULT_LOG_LIFECYCLE.archiveAfterDays;
    const deep = a.deepArchiveAfterDays ?? DEFAULT_LOG_LIFECYCLE.deepArchiveAfterDays;
    const problems: string[] = [];
    if (!Number.isInteger(archive) || archive < 1) problems.push(`log archiveAfterDays is ${archive}; use a whole number of days, at least 1`);
    if (!Number.isInteger(deep) || deep <= archive) problems.push(`log deepArchiveAfterDays (${deep}) must be a whole number greater than archiveAfterDays (${archive})`);
    if (a.retentionDays !== undefined && (!Number.isInteger(a.retentionDays) || a.retentionDays <= deep)) {
        problems.push(`log retentionDays (${a.retentionDays}) must be a whole number greater than deepArchiveAfterDays (${deep}): Deep Archive bills at least 180 days`);
    }
    return problems;
}

/** Access logs: archived to Glacier then Deep Archive; expired only when a retention is configured. */
export function planLogLifecycle(a: LogLifecycleArgs = {}): LifecycleRule[] {
    const problems = validateLogLifecycle(a);
    if (problems.length > 0) throw new Error(`log lifecycle: ${problems.join("; ")}`);
    const archive = a.archiveAfterDays ?? DEFAULT_LOG_LIFECYCLE.archiveAfterDays;
    const deep = a.deepArchiveAfterDays ?? DEFAULT_LOG_LIFECYCLE.deepArchiveAfterDays;
    return [
        {
            id: "archive-access-logs",
            status: "Enabled",
            filter: { prefix: "" },
            abortIncompleteMultipartUpload: { daysAfterInitiation: DEFAULT_LIFECYCLE.abortIncompleteMultipartUploadDays },
            transitions: [
                { days: archive, storageClass: NONCURRENT_STORAGE_CLASS },
                { days: deep, storageClass: DEEP_ARCHIVE_STORAGE_CLASS },
            ],
            ...(a.retentionDays !== undefined ? { expiration: { days: a.retentionDays } } : {}),
            noncurrentVersionExpiration: { noncurrentDays: 30 },
        },
    ];
}
