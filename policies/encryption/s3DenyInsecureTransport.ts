import type { ResourceValidationPolicy } from "@pulumi/policy";
import { conditionValues, NormalizedDocument, principalIsPublic } from "../lib/iam-document";
import { DeprecatedFormsConfig, deprecatedFormsSchema, deprecatedTypeFinding, judgeableDocument, resourceLabel, validateTypes } from "../lib/policy-kit";
import { known } from "../lib/resource-props";

export const BUCKET_POLICY_TYPES = ["aws:s3/bucketPolicy:BucketPolicy"] as const;

/**
 * True when the document has a `Deny` for everyone, on all S3 actions, covering the objects,
 * when `aws:SecureTransport` is false: the statement AWS recommends (AwsSolutions-S10).
 */
export function deniesInsecureTransport(doc: NormalizedDocument): boolean {
    return doc.Statement.some(
        (s) =>
            s.Effect === "Deny" &&
            principalIsPublic(s) &&
            (s.Action ?? []).some((a) => a === "*" || a.toLowerCase() === "s3:*") &&
            (s.Resource ?? []).some((r) => r === "*" || r.endsWith("/*")) &&
            (conditionValues(s, "Bool", "aws:SecureTransport") ?? []).includes("false"),
    );
}

export const FIX_TLS_STATEMENT =
    'add {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["<bucket ARN>","<bucket ARN>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}';

/**
 * Bucket policies deny every request made without TLS (`aws:SecureTransport` = false), in
 * `BucketPolicy` and the deprecated inline `policy` of `Bucket`/`BucketV2`. Buckets with no
 * bucket policy at all: `s3-deny-insecure-transport-present`.
 *
 * Severity: high. AwsSolutions-S10.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
 */
export const s3DenyInsecureTransport: ResourceValidationPolicy = {
    name: "s3-deny-insecure-transport",
    description: "S3 bucket policies deny requests that do not use TLS (aws:SecureTransport=false).",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: { ...deprecatedFormsSchema } },
    validateResource: validateTypes([...BUCKET_POLICY_TYPES, "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"], (args, report) => {
        const config = args.getConfig<DeprecatedFormsConfig>();
        const inline = args.type !== BUCKET_POLICY_TYPES[0];
        const value = known(args.props.policy, ["policy"]);
        if (inline && (value === undefined || value === null || value === "")) return; // judged by the stack policy
        const say = (p: string) => report(`${resourceLabel(args)} must deny insecure transport in its bucket policy: ${p}.`);
        const doc = judgeableDocument(value, ["policy"], say);
        if (!doc && !inline && (value === undefined || value === "")) say(`the policy is empty: ${FIX_TLS_STATEMENT}`);
        if (doc && !deniesInsecureTransport(doc)) say(`no statement denies s3:* to "*" when aws:SecureTransport is "false": ${FIX_TLS_STATEMENT}`);
        const deprecated = deprecatedTypeFinding(args.type, config);
        if (deprecated) say(deprecated);
        if (inline && !config.allowDeprecatedForms) say("the policy is inline on the bucket (deprecated): move it to aws.s3.BucketPolicy");
    }),
};
