/**
 * UploaderRole: the role an on-prem writer assumes: the daily upload job (`incoming/`, the
 * default) or the reference-data publisher (`static/`). It may only put objects (and abort its
 * multipart uploads) under its prefix, only through the S3 interface endpoint on-prem reaches over
 * the VPN, encrypted with the region key (the bucket policy enforces the key).
 *
 * Every region may have one (each from its own stack file); only the primary grants it (grant()),
 * so exactly one region takes writes and replication never has two writers (docs/data.md, failover).
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { onPremTrustPolicy, uploaderPolicy } from "./access-policies";
import { INCOMING_PREFIX, ROLE_TAG, ROLE_UPLOADER } from "./layout";
import { uploaderRoleName } from "./naming";

/** One hour: a daily batch job re-assumes as needed; shorter sessions limit a leaked credential. */
export const UPLOADER_MAX_SESSION_SECONDS = 3600;

export interface UploaderRoleArgs {
    readonly region: string;
    /** The on-prem uploader's AWS principal (an IAM Roles Anywhere role or user) allowed to assume the role. */
    readonly uploaderPrincipalArn: pulumi.Input<string>;
    /** The S3 interface endpoint on-prem uploads through (`aws:SourceVpce`). */
    readonly uploadEndpointId: pulumi.Input<string>;
    /** @default "incoming/" */
    readonly prefix?: string;
    /** @default uploaderRoleName(region) */
    readonly roleName?: string;
    /** @default the daily uploader's */
    readonly description?: string;
    /** `spot-grid:role` tag value. @default "uploader" */
    readonly roleTag?: string;
    /** Sid of the trust statement. @default "OnPremUploaderAssumesRole" */
    readonly trustSid?: string;
}

/**
 * The role is created first (the region key names its ARN output); its permissions are attached
 * by grant() once the bucket and key exist.
 */
export class UploaderRole extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly roleName: pulumi.Output<string>;
    private readonly name: string;
    private readonly args: UploaderRoleArgs;
    private readonly role: aws.iam.Role;

    constructor(name: string, args: UploaderRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:storage:UploaderRole", name, {}, opts);
        this.name = name;
        this.args = args;
        const role = new aws.iam.Role(
            `${name}-role`,
            {
                // The region key's policy names this role's ARN output (created first).
                name: args.roleName ?? uploaderRoleName(args.region),
                description: args.description ?? "On-prem daily uploads into incoming/ of the spot-grid data bucket",
                assumeRolePolicy: pulumi.output(args.uploaderPrincipalArn).apply((p) => JSON.stringify(onPremTrustPolicy(args.trustSid ?? "OnPremUploaderAssumesRole", p))),
                maxSessionDuration: UPLOADER_MAX_SESSION_SECONDS,
                tags: { [ROLE_TAG]: args.roleTag ?? ROLE_UPLOADER },
            },
            { parent: this },
        );
        this.role = role;
        this.roleArn = role.arn;
        this.roleName = role.name;
        this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
    }

    /** Attaches the upload permissions: put under the prefix of `bucketArn`, with `keyArn` through S3. */
    grant(bucketArn: pulumi.Input<string>, keyArn: pulumi.Input<string>): aws.iam.RolePolicy {
        const prefix = this.args.prefix ?? INCOMING_PREFIX;
        return new aws.iam.RolePolicy(
            `${this.name}-policy`,
            {
                role: this.role.id,
                policy: pulumi
                    .all([bucketArn, keyArn, this.args.uploadEndpointId])
                    .apply(([b, k, uploadEndpointId]) => JSON.stringify(uploaderPolicy({ bucketArn: b, keyArn: k, region: this.args.region, uploadEndpointId, prefix }))),
            },
            { parent: this },
        );
    }
}
