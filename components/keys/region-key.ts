/**
 * RegionKey: the customer-managed symmetric KMS key that encrypts a region's data bucket, with
 * rotation on, a 30-day deletion window, an alias, and a policy that lets the account administer
 * it and only the named roles use it, only through S3 (see key-policy.ts).
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { ROLE_DATA_KEY, ROLE_TAG } from "../storage/layout";
import { dataKeyAlias } from "../storage/naming";
import { keyPolicyDocument } from "./key-policy";

/** AWS's maximum waiting period: a scheduled deletion can be cancelled for 30 days. */
export const DEFAULT_DELETION_WINDOW_DAYS = 30;

export interface RegionKeyArgs {
    /** Stack name; names the alias (`alias/spot-grid-<stack>-data`). */
    readonly stack: string;
    /** AWS region of the key; `kms:ViaService` allows S3 in this region only. */
    readonly region: string;
    readonly accountId: pulumi.Input<string>;
    /** @default "aws" */
    readonly partition?: pulumi.Input<string>;
    /**
     * Role ARNs that may use the key through S3: this region's workers and uploader, the
     * replication roles reading from or writing to this region, the break-glass role. Roles need
     * not exist yet (matched by `aws:PrincipalArn`). Add a role here when it needs the data.
     */
    readonly keyUserArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Days between scheduling deletion and deletion (7..30). @default 30 */
    readonly deletionWindowInDays?: number;
    /** The key also encrypts the Spot workers' EBS volumes: admit the launching services. @default true */
    readonly allowEbsLaunchServices?: boolean;
    /**
     * Pulumi `protect`: refuse to delete the key in any stack operation (`pulumi destroy` fails
     * until it is unprotected). Turn off only for throw-away test stacks. `retainOnDelete` is
     * always on: removing the key from the program never schedules its deletion.
     * @default true
     */
    readonly protect?: boolean;
}

export function validateRegionKeyArgs(a: Pick<RegionKeyArgs, "deletionWindowInDays">): string[] {
    const days = a.deletionWindowInDays ?? DEFAULT_DELETION_WINDOW_DAYS;
    return Number.isInteger(days) && days >= 7 && days <= 30 ? [] : [`deletionWindowInDays is ${days}; AWS allows a whole number of days from 7 to 30`];
}

export class RegionKey extends pulumi.ComponentResource {
    readonly arn: pulumi.Output<string>;
    readonly keyId: pulumi.Output<string>;
    readonly aliasName: pulumi.Output<string>;
    readonly aliasArn: pulumi.Output<string>;

    constructor(name: string, args: RegionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:keys:RegionKey", name, {}, opts);
        const problems = validateRegionKeyArgs(args);
        if (problems.length > 0) throw new Error(`RegionKey ${name}: ${problems.join("; ")}`);
        const deletionWindowInDays = args.deletionWindowInDays ?? DEFAULT_DELETION_WINDOW_DAYS;
        const protect = args.protect ?? true;
        const partition = args.partition ?? "aws";

        const policy = pulumi
            .all([args.accountId, partition, args.keyUserArns])
            .apply(([accountId, p, users]) => JSON.stringify(keyPolicyDocument({ accountId, partition: p, region: args.region, keyUserArns: users, allowEbsLaunchServices: args.allowEbsLaunchServices ?? true })));

        // Logical name = the component's: never rename (a new key could not decrypt existing data).
        const key = new aws.kms.Key(
            name,
            {
                description: `spot-grid ${args.stack} data key (${args.region}): S3 SSE-KMS for the data bucket and its replicas`,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                enableKeyRotation: true,
                deletionWindowInDays,
                policy,
                tags: { [ROLE_TAG]: ROLE_DATA_KEY },
            },
            { parent: this, protect, retainOnDelete: true },
        );

        const alias = new aws.kms.Alias(`${name}-alias`, { name: dataKeyAlias(args.stack), targetKeyId: key.keyId }, { parent: this });

        this.arn = key.arn;
        this.keyId = key.keyId;
        this.aliasName = alias.name;
        this.aliasArn = alias.arn;
        this.registerOutputs({ arn: this.arn, keyId: this.keyId, aliasName: this.aliasName, aliasArn: this.aliasArn });
    }
}
