/**
 * Small building blocks every policy shares: matching resources by type token (strings, so the
 * deprecated `*V2` tokens match too and no @pulumi/aws class is loaded), naming a resource in a
 * message, judging an embedded policy document, and the common "deprecated form" finding.
 */
import type { PolicyResource, ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { NormalizedDocument, parsePolicyDocument } from "./iam-document";
import { UNKNOWN, UnknownValueError } from "./resource-props";

const TYPES = Symbol("spot-grid:validated-types");

/**
 * A resource validation that runs only for the given type tokens. The analyzer calls it for every
 * resource and it returns at once for other types; the offline evaluator reads the types back
 * ({@link validatedTypes}) and does not call it for them at all, with the same verdicts.
 */
export function validateTypes(
    types: readonly string[],
    validate: (args: ResourceValidationArgs, report: ReportViolation) => Promise<void> | void,
): ResourceValidation {
    const wanted = new Set(types);
    const validation: ResourceValidation = (args, report) => (wanted.has(args.type) ? validate(args, report) : undefined);
    Object.defineProperty(validation, TYPES, { value: wanted });
    return validation;
}

/** The types a validation made by {@link validateTypes} judges, or undefined (it may judge any type). */
export function validatedTypes(validation: ResourceValidation): ReadonlySet<string> | undefined {
    return (validation as unknown as Record<symbol, ReadonlySet<string> | undefined>)[TYPES];
}

/** `'name' (type)`: how every message names the resource it is about. */
export function resourceLabel(r: { type: string; name: string }): string {
    return `'${r.name}' (${r.type})`;
}

/**
 * Parses the policy document at `path` and returns it; throws the analyzer's UnknownValueError
 * when it is unknown (preview), reports a finding when it is malformed, and returns undefined
 * when there is none.
 */
export function judgeableDocument(value: unknown, path: string[], problem: (message: string) => void): NormalizedDocument | undefined {
    const parsed = parsePolicyDocument(value);
    if (parsed.ok) return parsed.document;
    if (parsed.kind === "unknown") throw new UnknownValueError(UNKNOWN, path);
    if (parsed.kind === "missing") return undefined;
    problem(`the policy document at '${path.join(".")}' cannot be judged: ${parsed.reason}`);
    return undefined;
}

/** Shared config: whether deprecated resource forms are accepted without a finding. */
export const deprecatedFormsSchema = {
    allowDeprecatedForms: {
        type: "boolean" as const,
        default: false,
        description: "Accept deprecated forms (aws.s3.BucketV2, *V2 split resources, inline bucket fields) without a finding.",
    },
};

export interface DeprecatedFormsConfig {
    allowDeprecatedForms?: boolean;
}

/** The deprecated `*V2` S3 tokens and what replaces them in @pulumi/aws 7.x. */
export const DEPRECATED_TYPE_REPLACEMENTS: Readonly<Record<string, string>> = {
    "aws:s3/bucketV2:BucketV2": "aws.s3.Bucket",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": "aws.s3.BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioningV2:BucketVersioningV2": "aws.s3.BucketVersioning",
    "aws:s3/bucketAclV2:BucketAclV2": "aws.s3.BucketAcl",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": "aws.s3.BucketLifecycleConfiguration",
    "aws:s3/bucketLoggingV2:BucketLoggingV2": "aws.s3.BucketLogging",
};

/** "uses the deprecated X; use Y" when the type is deprecated and the team has not opted in. */
export function deprecatedTypeFinding(type: string, config: DeprecatedFormsConfig): string | undefined {
    const replacement = DEPRECATED_TYPE_REPLACEMENTS[type];
    if (!replacement || config.allowDeprecatedForms) return undefined;
    return `uses the deprecated ${type}; use ${replacement} (or set allowDeprecatedForms in this policy's config)`;
}

/** True for AWS-managed KMS keys (`alias/aws/<service>` by alias or alias ARN): not a CMK. */
export function isAwsManagedKeyRef(keyRef: string): boolean {
    return /(^|:)alias\/aws\//.test(keyRef);
}

/** A usable customer-managed KMS key reference: a non-empty string that is not an AWS-managed alias. */
export function isCustomerKeyRef(keyRef: unknown): boolean {
    return typeof keyRef === "string" && keyRef.trim() !== "" && !isAwsManagedKeyRef(keyRef);
}

/**
 * Groups resources of the given types by the bucket they point at (`bucket` output: name), for
 * stack policies that ask "does this bucket have an X?" without rescanning the stack per bucket.
 */
export function indexByBucket(resources: PolicyResource[], types: readonly string[]): Map<string, PolicyResource[]> {
    const wanted = new Set(types);
    const index = new Map<string, PolicyResource[]>();
    for (const r of resources) {
        if (!wanted.has(r.type)) continue;
        const bucket = r.props.bucket;
        if (typeof bucket !== "string") continue;
        const list = index.get(bucket) ?? [];
        list.push(r);
        index.set(bucket, list);
    }
    return index;
}

/** Names a bucket is known by in outputs: its name (`bucket`) and its id (the same for S3). */
export function bucketNames(bucket: PolicyResource): string[] {
    return [bucket.props.bucket, bucket.props.id].filter((v): v is string => typeof v === "string");
}

export { S3_BUCKET_TYPES } from "./s3-forms";
