/**
 * OnPremRole: a role one configured on-prem principal assumes (the job submitter, the results
 * reader). Created before the keys and policies that name it (its ARN is an output), with no
 * permissions of its own: the components that own what it may touch attach them (attach()), once
 * those resources exist. docs/identity.md, "Trust" checklist.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "../lib/policy-document";
import { onPremTrustPolicy } from "../storage/access-policies";
import { ROLE_TAG } from "../storage/layout";
import { UPLOADER_MAX_SESSION_SECONDS } from "../storage/uploader-role";

export interface OnPremRoleArgs {
    /** IAM role name (carries the region: IAM is global). */
    readonly roleName: string;
    /** The on-prem job's AWS principal (an IAM Roles Anywhere role or a user), from config. */
    readonly principalArn: pulumi.Input<string>;
    readonly description: string;
    /** `spot-grid:role` tag value. */
    readonly roleTag: string;
    /** Sid of the trust statement, e.g. `OnPremJobSubmitterAssumesRole`. */
    readonly trustSid: string;
}

export class OnPremRole extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly roleName: pulumi.Output<string>;
    private readonly name: string;

    constructor(name: string, args: OnPremRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:flow:OnPremRole", name, {}, opts);
        this.name = name;
        const role = new aws.iam.Role(
            `${name}-role`,
            {
                name: args.roleName,
                description: args.description,
                assumeRolePolicy: pulumi.output(args.principalArn).apply((p) => JSON.stringify(onPremTrustPolicy(args.trustSid, p))),
                // One hour, like the uploader: a batch job re-assumes as needed; a leaked session expires soon.
                maxSessionDuration: UPLOADER_MAX_SESSION_SECONDS,
                tags: { [ROLE_TAG]: args.roleTag },
            },
            { parent: this },
        );
        this.roleArn = role.arn;
        this.roleName = role.name;
        this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
    }

    /** Attaches one inline policy (`policyName`) to the role. */
    attach(policyName: string, policy: pulumi.Input<PolicyDocument>): aws.iam.RolePolicy {
        return new aws.iam.RolePolicy(`${this.name}-${policyName}`, { role: this.roleName, name: policyName, policy: pulumi.output(policy).apply((p) => JSON.stringify(p)) }, { parent: this });
    }
}
