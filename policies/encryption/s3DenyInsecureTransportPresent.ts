import type { StackValidationPolicy } from "@pulumi/policy";
import { parsePolicyDocument } from "../lib/iam-document";
import { bucketNames, indexByBucket, resourceLabel, S3_BUCKET_TYPES } from "../lib/policy-kit";
import { BUCKET_POLICY_TYPES, deniesInsecureTransport, FIX_TLS_STATEMENT } from "./s3DenyInsecureTransport";

function denies(policy: unknown): boolean {
    const parsed = parsePolicyDocument(policy);
    return parsed.ok && deniesInsecureTransport(parsed.document);
}

/**
 * Every bucket has a bucket policy (split `BucketPolicy` or deprecated inline) that denies
 * requests without TLS. A stack policy on outputs: the policy is a separate resource matched by
 * bucket name. Secret or unknown policies count as not shown to deny.
 *
 * Severity: high. AwsSolutions-S10.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
 */
export const s3DenyInsecureTransportPresent: StackValidationPolicy = {
    name: "s3-deny-insecure-transport-present",
    description: "Every S3 bucket has a bucket policy that denies requests without TLS.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, report) => {
        const policies = indexByBucket(args.resources, BUCKET_POLICY_TYPES);
        for (const bucket of args.resources) {
            if (!(S3_BUCKET_TYPES as readonly string[]).includes(bucket.type)) continue;
            const attached = bucketNames(bucket).flatMap((n) => policies.get(n) ?? []);
            if (attached.some((p) => denies(p.props.policy)) || denies(bucket.props.policy)) continue;
            const why = attached.length === 0 ? "no aws.s3.BucketPolicy points at it" : "its bucket policy has no such statement";
            report(`S3 bucket ${resourceLabel(bucket)} must deny requests without TLS, but ${why}: ${FIX_TLS_STATEMENT}.`, bucket.urn);
        }
    },
};
