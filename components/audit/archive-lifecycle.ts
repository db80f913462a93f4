/**
 * Retention of the log archive: Object Lock keeps every log for a fixed time, lifecycle moves logs
 * to Glacier Flexible Retrieval and then Deep Archive, and (only if configured) expires them after
 * the lock. Pure: validated and planned without Pulumi.
 *
 * - Object Lock's default retention applies to each new object version; in GOVERNANCE mode nobody
 *   can delete or overwrite a locked version, or shorten its lock, without s3:BypassGovernanceRetention
 *   and the x-amz-bypass-governance-retention header; in COMPLIANCE mode nobody can, root included.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
 * - Lifecycle transitions apply to locked objects (the lock protects the version, not its storage
 *   class); an expiration on a locked version only adds a delete marker until the lock ends.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html
 */
import { DEEP_ARCHIVE_STORAGE_CLASS, DEFAULT_LIFECYCLE, LifecycleRule, NONCURRENT_STORAGE_CLASS } from "../storage/lifecycle";

export const OBJECT_LOCK_MODES = ["GOVERNANCE", "COMPLIANCE"] as const;
export type ObjectLockMode = (typeof OBJECT_LOCK_MODES)[number];

/** S3 accepts a default retention of 1 day to 100 years (36,500 days). */
export const MAX_OBJECT_LOCK_DAYS = 36500;

/** The shortest expiry the data-protection pack lets a log target have (s3-lifecycle minLogRetentionDays). */
export const MIN_LOG_EXPIRY_DAYS = 365;

export interface ArchiveRetentionArgs {
    /** Days each log version is locked. @default 365 */
    readonly objectLockDays?: number;
    /** @default GOVERNANCE */
    readonly objectLockMode?: ObjectLockMode;
    /** Days before logs move to Glacier Flexible Retrieval. @default 90 */
    readonly archiveAfterDays?: number;
    /** Days before logs move to Glacier Deep Archive. @default 365 */
    readonly deepArchiveAfterDays?: number;
    /** Days after which logs are deleted; unset keeps them (archived) for good. @default never */
    readonly expireAfterDays?: number;
}

export const DEFAULT_ARCHIVE_RETENTION = {
    objectLockDays: 365,
    objectLockMode: "GOVERNANCE" as ObjectLockMode,
    archiveAfterDays: 90,
    deepArchiveAfterDays: 365,
} as const;

export function resolveArchiveRetention(a: ArchiveRetentionArgs): Required<Omit<ArchiveRetentionArgs, "expireAfterDays">> & Pick<ArchiveRetentionArgs, "expireAfterDays"> {
    return {
        objectLockDays: a.objectLockDays ?? DEFAULT_ARCHIVE_RETENTION.objectLockDays,
        objectLockMode: a.objectLockMode ?? DEFAULT_ARCHIVE_RETENTION.objectLockMode,
        archiveAfterDays: a.archiveAfterDays ?? DEFAULT_ARCHIVE_RETENTION.archiveAfterDays,
        deepArchiveAfterDays: a.deepArchiveAfterDays ?? DEFAULT_ARCHIVE_RETENTION.deepArchiveAfterDays,
        expireAfterDays: a.expireAfterDays,
    };
}

const whole = (n: number) => Number.isInteger(n) && n >= 1;

/** Problems with the retention inputs, one line each, naming the input (empty when valid). */
export function validateArchiveRetention(a: ArchiveRetentionArgs): string[] {
    const r = resolveArchiveRetention(a);
    const problems: string[] = [];
    if (!whole(r.objectLockDays) || r.objectLockDays > MAX_OBJECT_LOCK_DAYS) problems.push(`objectLockDays is ${r.objectLockDays}; use a whole number of days from 1 to ${MAX_OBJECT_LOCK_DAYS}`);
    if (!OBJECT_LOCK_MODES.includes(r.objectLockMode)) problems.push(`objectLockMode is ${JSON.stringify(r.objectLockMode)}; use ${OBJECT_LOCK_MODES.join(" or ")}`);
    if (!whole(r.archiveAfterDays)) problems.push(`archiveAfterDays is ${r.archiveAfterDays}; use a whole number of days, at least 1`);
    if (!whole(r.deepArchiveAfterDays) || r.deepArchiveAfterDays <= r.archiveAfterDays) {
        problems.push(`deepArchiveAfterDays (${r.deepArchiveAfterDays}) must be a whole number greater than archiveAfterDays (${r.archiveAfterDays}); S3 applies transitions in order`);
    }
    if (r.expireAfterDays !== undefined) {
        const floor = Math.max(r.objectLockDays, r.deepArchiveAfterDays + 1, MIN_LOG_EXPIRY_DAYS);
        if (!whole(r.expireAfterDays) || r.expireAfterDays < floor) {
            problems.push(
                `expireAfterDays (${r.expireAfterDays}) must be at least ${floor}: no sooner than the Object Lock (${r.objectLockDays} days) ends, after Deep Archive (${r.deepArchiveAfterDays}, billed at least 180 days) and after a year of audit`,
            );
        }
    }
    return problems;
}

/** The archive's lifecycle rules: abort stray uploads, archive to Glacier then Deep Archive, expire only if configured. */
export function planArchiveLifecycle(a: ArchiveRetentionArgs = {}): LifecycleRule[] {
    const problems = validateArchiveRetention(a);
    if (problems.length > 0) throw new Error(`archive lifecycle: ${problems.join("; ")}`);
    const r = resolveArchiveRetention(a);
    return [
        {
            id: "archive-logs",
            status: "Enabled",
            filter: { prefix: "" },
            abortIncompleteMultipartUpload: { daysAfterInitiation: DEFAULT_LIFECYCLE.abortIncompleteMultipartUploadDays },
            transitions: [
                { days: r.archiveAfterDays, storageClass: NONCURRENT_STORAGE_CLASS },
                { days: r.deepArchiveAfterDays, storageClass: DEEP_ARCHIVE_STORAGE_CLASS },
            ],
            // A version only becomes noncurrent behind a delete marker (an expiry below): remove it
            // the day after, which S3 does only once its Object Lock has ended.
            ...(r.expireAfterDays !== undefined ? { expiration: { days: r.expireAfterDays }, noncurrentVersionExpiration: { noncurrentDays: 1 } } : {}),
        },
    ];
}
