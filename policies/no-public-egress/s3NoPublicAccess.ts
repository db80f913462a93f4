/**
 * s3-no-public-access: no bucket is readable or writable by the public, by any of the ways aws 7.x
 * lets a user say it:
 * - a public access block (`s3.BucketPublicAccessBlock`, or the account-wide one) must set all four
 *   flags (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets) to true;
 * - no public canned ACL (public-read, public-read-write, authenticated-read) and no grant to the
 *   AllUsers / AuthenticatedUsers groups, on `s3.BucketAcl`/`BucketAclV2` or inline on
 *   `s3.Bucket`/`BucketV2` (`acl`, `grants`: deprecated forms, still judged);
 * - no bucket policy (`s3.BucketPolicy` or inline `policy`) with an Allow to `Principal: "*"`
 *   (or NotPrincipal) unless a condition restricts it to our VPC endpoints, VPCs, accounts or
 *   organization (e.g. `aws:SourceVpce`).
 * That every bucket HAS a public access block is the stack policy `s3-no-public-access-present`.
 *
 * Severity: critical. Enforcement: mandatory. Anchors: CKV_AWS_53-56, CKV_AWS_70.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { hasRestrictingCondition, isAllow, parsePolicyDocument, principalIsPublic } from "../lib/iam-document";
import { asList, asRecord, isTrue, known, prop, UNKNOWN } from "../lib/resource-props";
import { validateTypes } from "../lib/policy-kit";

export const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
const PAB_TYPES = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"];
const ACL_TYPES = ["aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketAcl:BucketAcl"];
const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const POLICY_TYPE = "aws:s3/bucketPolicy:BucketPolicy";
const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GROUP_URIS = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

function publicGrantUris(grants: unknown, path: string[]): string[] {
    return asList(known(grants, path)).flatMap((g, i) => {
        const rec = asRecord(g) ?? {};
        // BucketAcl: grants[].grantee.uri; inline Bucket grants: grants[].uri
        const uri = known(asRecord(rec.grantee)?.uri ?? rec.uri, [...path, String(i), "uri"]);
        return typeof uri === "string" && PUBLIC_GROUP_URIS.includes(uri) ? [uri.split("/").pop() as string] : [];
    });
}

function policyFindings(name: string, raw: unknown, field: string): string[] {
    const parsed = parsePolicyDocument(known(raw, [field]));
    if (!parsed.ok) {
        if (parsed.kind === "missing") return [];
        if (parsed.kind === "unknown") known(UNKNOWN, [field]);
        return [`Bucket policy of '${name}' cannot be judged: ${parsed.reason}. Give it a valid JSON policy document.`];
    }
    return parsed.document.Statement.flatMap((s, i) =>
        isAllow(s) && principalIsPublic(s) && !hasRestrictingCondition(s)
            ? [
                  `Bucket policy of '${name}' Statement[${i}]${s.Sid ? ` (${s.Sid})` : ""} allows Principal "*" with no restricting condition, so the bucket is public. Name the principals, or add a condition such as aws:SourceVpce / aws:PrincipalOrgID.`,
              ]
            : [],
    );
}

export const s3NoPublicAccess: ResourceValidationPolicy = {
    name: "s3-no-public-access",
    description: "S3 public access blocks set all four flags; no public ACLs or grants; no bucket policy allows Principal \"*\" without a restricting condition.",
    enforcementLevel: "mandatory",
    validateResource: validateTypes([...PAB_TYPES, ...ACL_TYPES, ...BUCKET_TYPES, POLICY_TYPE], (args, reportViolation) => {
        const p = args.props;
        if (PAB_TYPES.includes(args.type)) {
            const off = PAB_FLAGS.filter((f) => !isTrue(known(p[f], [f])));
            if (off.length > 0) reportViolation(`Public access block '${args.name}' does not set ${off.join(", ")} to true; set all four flags to true.`);
            return;
        }
        if (ACL_TYPES.includes(args.type) || BUCKET_TYPES.includes(args.type)) {
            const acl = known(p.acl, ["acl"]);
            if (typeof acl === "string" && PUBLIC_CANNED_ACLS.includes(acl)) {
                reportViolation(`'${args.name}' uses the public canned ACL '${acl}'; use 'private' (or no ACL, with object ownership BucketOwnerEnforced).`);
            }
            const grants = ACL_TYPES.includes(args.type) ? prop(p, "accessControlPolicy", "grants") : p.grants;
            for (const group of publicGrantUris(grants, ["grants"])) {
                reportViolation(`'${args.name}' grants access to the ${group} group; remove the grant.`);
            }
        }
        if (BUCKET_TYPES.includes(args.type)) {
            for (const m of policyFindings(args.name, p.policy, "policy")) reportViolation(m);
            return;
        }
        if (args.type === POLICY_TYPE) {
            for (const m of policyFindings(args.name, p.policy, "policy")) reportViolation(m);
        }
    }),
};
