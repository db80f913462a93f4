/**
 * UploaderRole: the role on-prem's daily upload job assumes. It may only put objects (and abort
 * its multipart uploads) under `incoming/`, only through the S3 interface endpoint on-prem
 * reaches over the VPN, encrypted with the region key (the bucket policy enforces the key).
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { uploaderPolicy, uploaderTrustPolicy } from "./access-policies";
import { INCOMING_PREFIX, ROLE_TAG, ROLE_UPLOADER } from "./layout";
import { uploaderRoleName } from "./naming";

/** One hour: a daily batch job re-assumes as needed; shorter sessions limit a leaked credential. */
export const UPLOADER_MAX_SESSION_SECONDS = 3600;

export interface UploaderRoleArgs {
    readonly region: string;
    readonly bucketArn: pulumi.Input<string>;
    readonly keyArn: pulumi.Input<string>;
    /** The on-prem uploader's AWS principal (an IAM Roles Anywhere role or user) allowed to assume the role. */
    readonly uploaderPrincipalArn: pulumi.Input<string>;
    /** The S3 interface endpoint on-prem uploads through (`aws:SourceVpce`). */
    readonly uploadEndpointId: pulumi.Input<string>;
    /** @default "incoming/" */
    readonly prefix?: string;
}

export class UploaderRole extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly roleName: pulumi.Output<string>;

    constructor(name: string, args: UploaderRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:storage:UploaderRole", name, {}, opts);
        const prefix = args.prefix ?? INCOMING_PREFIX;
        const role = new aws.iam.Role(
            `${name}-role`,
            {
                // The region key's policy names this role by ARN: never rename.
                name: uploaderRoleName(args.region),
                description: "On-prem daily uploads into incoming/ of the spot-grid data bucket",
                assumeRolePolicy: pulumi.output(args.uploaderPrincipalArn).apply((p) => JSON.stringify(uploaderTrustPolicy(p))),
                maxSessionDuration: UPLOADER_MAX_SESSION_SECONDS,
                tags: { [ROLE_TAG]: ROLE_UPLOADER },
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            `${name}-policy`,
            {
                role: role.id,
                policy: pulumi
                    .all([args.bucketArn, args.keyArn, args.uploadEndpointId])
                    .apply(([bucketArn, keyArn, uploadEndpointId]) => JSON.stringify(uploaderPolicy({ bucketArn, keyArn, region: args.region, uploadEndpointId, prefix }))),
            },
            { parent: this },
        );
        this.roleArn = role.arn;
        this.roleName = role.name;
        this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
    }
}
