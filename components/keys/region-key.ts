/**
 * RegionKey: a customer-managed symmetric KMS key of a region, with rotation on, a 30-day deletion
 * window, an alias, protect + retainOnDelete, and one of two policies (key-policy.ts):
 * - `data`: encrypts the data bucket; the account administers it, only the named roles use it,
 *   only through S3 (and, in a replica destination, S3 replication may encrypt replicas);
 * - `ebs`: encrypts the Spot workers' volumes (and AMI copies); only the launching services and
 *   the AMI copier use it, only through EC2.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { ROLE_DATA_KEY, ROLE_EBS_KEY, ROLE_TAG } from "../storage/layout";
import { dataKeyAlias, ebsKeyAlias } from "../storage/naming";
import { ebsKeyPolicyDocument, keyPolicyDocument } from "./key-policy";

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
    /** What the key encrypts. Never change for an existing key. @default "data" */
    readonly purpose?: "data" | "ebs";
    /**
     * `data`: role ARNs that may use the key through S3: this region's workers and uploader, this
     * stack's replication role, the break-glass role. Pass role OUTPUTS (so the role exists before
     * the key names it) or configured roles verified to exist; never a name built from a string.
     */
    readonly keyUserArns?: pulumi.Input<pulumi.Input<string>[]>;
    /** `data`, replica destination: this bucket's ARN; S3 replication may encrypt replicas into it. */
    readonly replicaBucketArn?: pulumi.Input<string>;
    /** `ebs`: roles that copy AMIs with this key (the deployer, when `compute.amiCopy` is set). */
    readonly amiCopyRoleArns?: pulumi.Input<pulumi.Input<string>[]>;
    /** Days between scheduling deletion and deletion (7..30). @default 30 */
    readonly deletionWindowInDays?: number;
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
        const purpose = args.purpose ?? "data";

        const policy = pulumi
            .all([args.accountId, partition, args.keyUserArns ?? [], args.replicaBucketArn, args.amiCopyRoleArns ?? []])
            .apply(([accountId, p, users, replicaBucketArn, copiers]) =>
                JSON.stringify(
                    purpose === "data"
                        ? keyPolicyDocument({ accountId, partition: p, region: args.region, keyUserArns: users, replicaBucketArn })
                        : ebsKeyPolicyDocument({ accountId, partition: p, region: args.region, amiCopyRoleArns: copiers }),
                ),
            );

        // Logical name = the component's: never rename (a new key could not decrypt existing data).
        const key = new aws.kms.Key(
            name,
            {
                description:
                    purpose === "data"
                        ? `spot-grid ${args.stack} data key (${args.region}): S3 SSE-KMS for the data bucket and its replicas`
                        : `spot-grid ${args.stack} EBS key (${args.region}): the Spot workers' volumes and AMI copies`,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                enableKeyRotation: true,
                deletionWindowInDays,
                policy,
                tags: { [ROLE_TAG]: purpose === "data" ? ROLE_DATA_KEY : ROLE_EBS_KEY },
            },
            { parent: this, protect, retainOnDelete: true },
        );

        const alias = new aws.kms.Alias(`${name}-alias`, { name: purpose === "data" ? dataKeyAlias(args.stack) : ebsKeyAlias(args.stack), targetKeyId: key.keyId }, { parent: this });

        this.arn = key.arn;
        this.keyId = key.keyId;
        this.aliasName = alias.name;
        this.aliasArn = alias.arn;
        this.registerOutputs({ arn: this.arn, keyId: this.keyId, aliasName: this.aliasName, aliasArn: this.aliasArn });
    }
}
