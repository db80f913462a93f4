/**
 * stateful-protected: S3 buckets (all bucket tokens) and KMS keys carry `protect` (or
 * `retainOnDelete`), so a refactor or a `pulumi destroy` cannot delete trading data or the keys
 * that decrypt it.
 *
 * Limitation: the Pulumi engine hands policies only `protect` among these options
 * (@pulumi/policy server.js getResourceOptions: protect, ignoreChanges, aliases, customTimeouts,
 * additionalSecretOutputs, deleteBeforeReplace, parent), to resource and stack policies alike, so
 * `retainOnDelete` is invisible to CrossGuard. It is accepted when an evaluator passes it in
 * `opts.retainOnDelete`; under `pulumi preview` a resource relying on retainOnDelete alone is
 * reported. Use `protect: true` (the grid does).
 *
 * Severity: high. Enforcement: mandatory. Anchor: none (ours).
 * https://www.pulumi.com/docs/iac/concepts/options/protect/
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateTypes } from "../lib/policy-kit";

export const STATEFUL_TYPES: readonly string[] = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:kms/key:Key"];

export const statefulProtected: ResourceValidationPolicy = {
    name: "stateful-protected",
    description: "S3 buckets and KMS keys have the protect (or retainOnDelete) resource option.",
    enforcementLevel: "mandatory",
    validateResource: validateTypes(STATEFUL_TYPES, (args, reportViolation) => {
        if (!STATEFUL_TYPES.includes(args.type)) return;
        const opts = args.opts as { protect?: boolean; retainOnDelete?: boolean };
        if (opts.protect === true || opts.retainOnDelete === true) return;
        const what = args.type === "aws:kms/key:Key" ? "KMS key" : "Bucket";
        reportViolation(`${what} '${args.name}' is neither protected nor retained on delete; set the resource option protect: true (retainOnDelete is not visible to policies).`);
    }),
};
