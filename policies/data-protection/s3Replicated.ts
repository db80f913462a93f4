/**
 * s3-replicated: data buckets replicate to another region (DR and locality: Mumbai -> Hyderabad,
 * Ohio). A bucket is a data bucket when its tag `dataTagKey` (default `spot-grid:role`, the
 * convention of components/storage/layout.ts) has one of `dataTagValues` (default `data`).
 * Replica (destination) buckets carry `replicaTagKey` (default `spot-grid:replica-of`) and are
 * exempt. The bucket needs an `s3.BucketReplicationConfig` (or the deprecated inline
 * `replicationConfiguration`) with an Enabled rule whose destination is another bucket. A
 * destination that is a bucket of this same stack is in the same region, so it fails; a bucket ARN
 * carries no region, so a destination outside the stack (a peer stack's replica) is accepted.
 *
 * Severity: high. Enforcement: mandatory. Anchor: CKV_AWS_144.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { peek, stackIndex } from "../lib/resource-graph";
import { asList, asRecord, prop } from "../lib/resource-props";
import { BUCKET_KEYS, S3_BUCKET_TYPES } from "../lib/s3-forms";

const REPLICATION_TYPE = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";

export interface S3ReplicatedConfig {
    dataTagKey: string;
    dataTagValues: string[];
    replicaTagKey: string;
}

export const S3_REPLICATED_DEFAULTS: S3ReplicatedConfig = { dataTagKey: "spot-grid:role", dataTagValues: ["data"], replicaTagKey: "spot-grid:replica-of" };

/** Destination bucket ARNs of the Enabled rules of a split or inline replication configuration. */
function enabledDestinations(rules: unknown): string[] {
    return asList(rules).flatMap((raw) => {
        const rule = asRecord(raw) ?? {};
        if (rule.status !== "Enabled") return [];
        const bucket = asRecord(asList(rule.destination)[0])?.bucket;
        return typeof bucket === "string" ? [bucket] : [];
    });
}

export const s3Replicated: StackValidationPolicy = {
    name: "s3-replicated",
    description: "Data buckets (selected by tag) replicate to a bucket in another region.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            dataTagKey: { type: "string", default: S3_REPLICATED_DEFAULTS.dataTagKey, description: "Tag key that marks what a bucket holds." },
            dataTagValues: { type: "array", items: { type: "string" }, default: S3_REPLICATED_DEFAULTS.dataTagValues, description: "Values of dataTagKey that make a bucket a data bucket." },
            replicaTagKey: { type: "string", default: S3_REPLICATED_DEFAULTS.replicaTagKey, description: "Tag key present on replica (destination) buckets, which need not replicate again." },
        },
    },
    validateStack: (args, reportViolation) => {
        const cfg: S3ReplicatedConfig = { ...S3_REPLICATED_DEFAULTS, ...args.getConfig<Partial<S3ReplicatedConfig>>() };
        const index = stackIndex(args.resources);
        const buckets = index.ofType(S3_BUCKET_TYPES);
        // Buckets of this stack by the ARNs a replication destination may name (the ARN output, or
        // one built from the name), for the same-region check without a scan per destination.
        const bucketsByArn = new Map<unknown, typeof buckets[number][]>();
        const addArn = (arn: unknown, b: typeof buckets[number]) => bucketsByArn.set(arn, [...(bucketsByArn.get(arn) ?? []), b]);
        for (const b of buckets) {
            addArn(peek(b.props, "arn"), b);
            const byName = `arn:aws:s3:::${peek(b.props, "bucket")}`;
            if (byName !== peek(b.props, "arn")) addArn(byName, b);
        }
        for (const bucket of buckets) {
            const tags = asRecord(peek(bucket.props, "tags")) ?? {};
            const role = tags[cfg.dataTagKey];
            if (typeof role !== "string" || !cfg.dataTagValues.includes(role) || cfg.replicaTagKey in tags) continue;
            const inline = asRecord(peek(bucket.props, "replicationConfiguration"));
            const destinations = [
                ...enabledDestinations(inline?.rules),
                // Judged: rules unknown in a preview are "can't run during preview", never "no rule".
                ...index.referrers([REPLICATION_TYPE], "bucket", bucket, BUCKET_KEYS).flatMap((c) => enabledDestinations(prop(c.props, "rules"))),
            ];
            if (destinations.length === 0) {
                reportViolation(
                    `Data bucket '${bucket.name}' (${cfg.dataTagKey}=${role}) has no enabled replication rule; add an aws.s3.BucketReplicationConfig replicating it to the data bucket of another region.`,
                    bucket.urn,
                );
                continue;
            }
            const sameStack = destinations.every((d) => (bucketsByArn.get(d) ?? []).some((b) => b !== bucket));
            const self = destinations.every((d) => d === peek(bucket.props, "arn"));
            if (self || sameStack) {
                reportViolation(`Data bucket '${bucket.name}' replicates only to ${destinations.join(", ")}, which is ${self ? "itself" : "a bucket in this stack (same region)"}; replicate to a bucket in another region.`, bucket.urn);
            }
        }
    },
};
