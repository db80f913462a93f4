/**
 * Replication rules, one per destination region and replicated prefix, as plain objects for
 * `aws.s3.BucketReplicationConfig`. The V2 rule schema (a `filter`, a unique `priority`) is what
 * allows several destinations, prefix filters and delete-marker replication (delete markers
 * replicate under prefix filters, not under tag filters).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-add-config.html
 *
 * The prefixes are the layout's (components/storage/layout.ts replicatedPrefixes): `raw/`,
 * `static/`, `rejected/` and the source region's own `processed/<region>/`; never `incoming/`.
 */
import { replicatedPrefixes } from "./layout";

/** Replication Time Control: S3's 15-minute SLA, and the metrics/event threshold that go with it. */
export const REPLICATION_TIME_MINUTES = 15;

/**
 * Regions where S3 Replication Time Control is not offered, as of {@link RTC_SUPPORT_CHECKED}.
 * AWS's RTC page names no Region exception (it lists the features RTC brings, not a Region table),
 * so the set is empty: ap-south-1, ap-south-2 and us-east-2 all get RTC. If AWS ever lists one, add
 * it here: rules from or to it degrade to replication without RTC (replication metrics stay on,
 * which the RTC page says "can be enabled independently of S3 RTC", so the latency and failure
 * alarms keep working) and the plan warns (infra/config/warnings.ts).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html
 */
export const RTC_UNSUPPORTED_REGIONS: ReadonlySet<string> = new Set<string>();
export const RTC_SUPPORT_CHECKED = "2026-11-29";

/** Whether a rule from `sourceRegion` to `destinationRegion` can use RTC (both ends must offer it). */
export function rtcAvailable(sourceRegion: string, destinationRegion: string, unsupported: ReadonlySet<string> = RTC_UNSUPPORTED_REGIONS): boolean {
    return !unsupported.has(sourceRegion) && !unsupported.has(destinationRegion);
}

export interface ReplicationDestination {
    /** Stack name of the peer (e.g. `hyderabad`): names the rule. */
    readonly stack: string;
    readonly bucketArn: string;
    /** The destination region's key: replicas are re-encrypted with it. */
    readonly keyArn: string;
    /** Use RTC on this rule (false: replication metrics only; see {@link rtcAvailable}). @default true */
    readonly replicationTimeControl?: boolean;
}

export interface ReplicationRule {
    readonly id: string;
    readonly priority: number;
    readonly status: "Enabled";
    readonly filter: { readonly prefix: string };
    readonly deleteMarkerReplication: { readonly status: "Enabled" };
    readonly sourceSelectionCriteria: { readonly sseKmsEncryptedObjects: { readonly status: "Enabled" } };
    readonly destination: {
        readonly bucket: string;
        readonly storageClass: "STANDARD";
        readonly encryptionConfiguration: { readonly replicaKmsKeyId: string };
        readonly replicationTime?: { readonly status: "Enabled"; readonly time: { readonly minutes: number } };
        readonly metrics: { readonly status: "Enabled"; readonly eventThreshold: { readonly minutes: number } };
    };
}

export function validateReplicationDestinations(destinations: readonly ReplicationDestination[]): string[] {
    const problems: string[] = [];
    if (destinations.length === 0) problems.push("destinations is empty; list at least one peer bucket (storage.replicateTo)");
    const stacks = new Set<string>();
    const buckets = new Set<string>();
    destinations.forEach((d, i) => {
        if (stacks.has(d.stack)) problems.push(`destinations[${i}].stack ${JSON.stringify(d.stack)} is listed twice`);
        if (buckets.has(d.bucketArn)) problems.push(`destinations[${i}].bucketArn ${d.bucketArn} is listed twice`);
        if (!/^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$/.test(d.bucketArn)) problems.push(`destinations[${i}].bucketArn ${JSON.stringify(d.bucketArn)} is not a bucket ARN (arn:aws:s3:::<name>)`);
        // A key ARN, not an alias or id: S3 resolves aliases in the *requester's* context.
        // https://docs.aws.amazon.com/AmazonS3/latest/API/API_EncryptionConfiguration.html
        if (!/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]+$/.test(d.keyArn)) problems.push(`destinations[${i}].keyArn ${JSON.stringify(d.keyArn)} must be a full KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)`);
        stacks.add(d.stack);
        buckets.add(d.bucketArn);
    });
    return problems;
}

/** `to-<peer>-<first path segment>`: `to-hyderabad-raw`, `to-hyderabad-processed`. */
export function replicationRuleId(stack: string, prefix: string): string {
    return `to-${stack}-${prefix.split("/")[0]}`;
}

/**
 * One rule per destination and prefix, ordered by stack name and then the layout's prefix order,
 * so priorities do not depend on config order. Every rule includes SSE-KMS objects (S3 skips them
 * unless told), re-encrypts with the destination key, replicates delete markers and uses RTC
 * (unless the destination says `replicationTimeControl: false`; metrics stay on either way).
 * @param sourceRegion the source bucket's region: its workers' `processed/<region>/` replicates.
 */
export function planReplicationRules(destinations: readonly ReplicationDestination[], sourceRegion: string): ReplicationRule[] {
    const problems = validateReplicationDestinations(destinations);
    if (problems.length > 0) throw new Error(`replication: ${problems.join("; ")}`);
    const prefixes = replicatedPrefixes(sourceRegion);
    return [...destinations]
        .sort((a, b) => a.stack.localeCompare(b.stack))
        .flatMap((d) => prefixes.map((prefix) => ({ d, prefix })))
        .map(({ d, prefix }, i) => ({
            id: replicationRuleId(d.stack, prefix),
            priority: i + 1,
            status: "Enabled",
            filter: { prefix },
            deleteMarkerReplication: { status: "Enabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: {
                bucket: d.bucketArn,
                storageClass: "STANDARD",
                encryptionConfiguration: { replicaKmsKeyId: d.keyArn },
                ...(d.replicationTimeControl === false ? {} : { replicationTime: { status: "Enabled" as const, time: { minutes: REPLICATION_TIME_MINUTES } } }),
                metrics: { status: "Enabled", eventThreshold: { minutes: REPLICATION_TIME_MINUTES } },
            },
        }));
}
