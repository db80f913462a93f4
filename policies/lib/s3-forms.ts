/**
 * The S3 settings our packs judge, read from every way @pulumi/aws 7.x lets a user write them:
 * split resources (`BucketServerSideEncryptionConfiguration`, `BucketReplicationConfig`), their
 * deprecated `*V2` tokens, and the deprecated inline fields of `Bucket` (single `rule`) and
 * `BucketV2` (lists everywhere). Each reader returns one flat shape with the property path, so a
 * policy judges one shape and names the exact field in its message.
 * Reads go through `prop`/`asList`, so an unknown value throws the analyzer's UnknownValueError.
 */
import { asList, asRecord, prop } from "./resource-props";

/** Resource types that are S3 buckets (aws 7.x Bucket and the deprecated BucketV2). */
export const S3_BUCKET_TYPES: readonly string[] = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/** Identifying outputs of a bucket a split resource's `bucket` may hold (for `refersTo`/`referrers`). */
export const BUCKET_KEYS: readonly string[] = ["bucket", "id", "arn"];

export const SSE_CONFIG_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
] as const;

export const REPLICATION_CONFIG_TYPES = ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"] as const;

export interface SseRule {
    readonly path: string;
    readonly sseAlgorithm: unknown;
    readonly kmsMasterKeyId: unknown;
    readonly bucketKeyEnabled: unknown;
}

/** Default-encryption rules declared by a resource, or undefined when it declares none. */
export function sseRulesOf(type: string, props: Record<string, unknown>): SseRule[] | undefined {
    if ((SSE_CONFIG_TYPES as readonly string[]).includes(type)) {
        return asList(props.rules, ["rules"]).map((rule, i) => ({
            path: `rules[${i}]`,
            sseAlgorithm: prop(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"),
            kmsMasterKeyId: prop(rule, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"),
            bucketKeyEnabled: prop(rule, "bucketKeyEnabled"),
        }));
    }
    if (type === "aws:s3/bucket:Bucket") {
        const rule = prop(props, "serverSideEncryptionConfiguration", "rule");
        if (!asRecord(rule)) return undefined;
        return [
            {
                path: "serverSideEncryptionConfiguration.rule",
                sseAlgorithm: prop(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"),
                kmsMasterKeyId: prop(rule, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"),
                bucketKeyEnabled: prop(rule, "bucketKeyEnabled"),
            },
        ];
    }
    if (type === "aws:s3/bucketV2:BucketV2") {
        const configs = asList(props.serverSideEncryptionConfigurations, ["serverSideEncryptionConfigurations"]);
        if (configs.length === 0) return undefined;
        const rules: SseRule[] = [];
        configs.forEach((c, ci) =>
            asList(prop(c, "rules"), ["serverSideEncryptionConfigurations", `${ci}`, "rules"]).forEach((rule, ri) =>
                asList(prop(rule, "applyServerSideEncryptionByDefaults")).forEach((d, di) =>
                    rules.push({
                        path: `serverSideEncryptionConfigurations[${ci}].rules[${ri}].applyServerSideEncryptionByDefaults[${di}]`,
                        sseAlgorithm: prop(d, "sseAlgorithm"),
                        kmsMasterKeyId: prop(d, "kmsMasterKeyId"),
                        bucketKeyEnabled: prop(rule, "bucketKeyEnabled"),
                    }),
                ),
            ),
        );
        return rules;
    }
    return undefined;
}

export interface ReplicationRule {
    readonly path: string;
    readonly enabled: boolean;
    /** Whether the rule replicates SSE-KMS objects (true/false/undefined when absent). */
    readonly replicatesKmsObjects: boolean;
    readonly replicaKmsKeyId: unknown;
}

function statusEnabled(v: unknown): boolean {
    return typeof v === "string" && v.toLowerCase() === "enabled";
}

/** Replication rules declared by a resource, or undefined when it declares none. */
export function replicationRulesOf(type: string, props: Record<string, unknown>): ReplicationRule[] | undefined {
    if ((REPLICATION_CONFIG_TYPES as readonly string[]).includes(type)) {
        return asList(props.rules, ["rules"]).map((rule, i) => ({
            path: `rules[${i}]`,
            enabled: statusEnabled(prop(rule, "status")),
            replicatesKmsObjects: statusEnabled(prop(rule, "sourceSelectionCriteria", "sseKmsEncryptedObjects", "status")),
            replicaKmsKeyId: prop(rule, "destination", "encryptionConfiguration", "replicaKmsKeyId"),
        }));
    }
    if (type === "aws:s3/bucket:Bucket") {
        const config = prop(props, "replicationConfiguration");
        if (!asRecord(config)) return undefined;
        return asList(prop(config, "rules"), ["replicationConfiguration", "rules"]).map((rule, i) => ({
            path: `replicationConfiguration.rules[${i}]`,
            enabled: statusEnabled(prop(rule, "status")),
            replicatesKmsObjects: prop(rule, "sourceSelectionCriteria", "sseKmsEncryptedObjects", "enabled") === true,
            replicaKmsKeyId: prop(rule, "destination", "replicaKmsKeyId"),
        }));
    }
    if (type === "aws:s3/bucketV2:BucketV2") {
        const configs = asList(props.replicationConfigurations, ["replicationConfigurations"]);
        if (configs.length === 0) return undefined;
        const rules: ReplicationRule[] = [];
        configs.forEach((c, ci) =>
            asList(prop(c, "rules")).forEach((rule, ri) => {
                const criteria = asList(prop(rule, "sourceSelectionCriterias")).flatMap((s) => asList(prop(s, "sseKmsEncryptedObjects")));
                const replicatesKmsObjects = criteria.some((o) => prop(o, "enabled") === true);
                asList(prop(rule, "destinations")).forEach((d, di) =>
                    rules.push({
                        path: `replicationConfigurations[${ci}].rules[${ri}].destinations[${di}]`,
                        enabled: statusEnabled(prop(rule, "status")),
                        replicatesKmsObjects,
                        replicaKmsKeyId: prop(d, "replicaKmsKeyId"),
                    }),
                );
            }),
        );
        return rules;
    }
    return undefined;
}
