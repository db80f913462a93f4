/**
 * The workers' launch template: hardened defaults that the policy packs check (imdsv2-required,
 * ebs-encrypted, no-public-ip, no-secrets-in-user-data). The arguments are built by a pure
 * function so tests can read them without the engine.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";

/** Where the data volume attaches; the AMI's fstab/cloud-init mounts it. */
export const DATA_DEVICE_NAME = "/dev/sdf";
/** Root device of Amazon Linux and most RHEL-family AMIs; Ubuntu uses /dev/sda1. */
export const DEFAULT_ROOT_DEVICE_NAME = "/dev/xvda";

export interface LaunchTemplateSpec {
    /** Physical name. Never change for an existing stack (a rename replaces the template). */
    readonly name: string;
    readonly imageId: pulumi.Input<string>;
    readonly rootDeviceName: pulumi.Input<string>;
    /** Root volume size; undefined keeps the AMI snapshot's size. */
    readonly rootVolumeGiB?: number;
    /** Data volume size; 0 means no data volume. */
    readonly dataVolumeGiB: number;
    readonly kmsKeyArn: pulumi.Input<string>;
    readonly securityGroupId: pulumi.Input<string>;
    readonly instanceProfileArn: pulumi.Input<string>;
    /** Base64 user data, already validated. */
    readonly userDataBase64?: string;
    /** Tags stamped on instances, volumes and network interfaces at launch. */
    readonly tags: Record<string, string>;
}

/** Encrypted gp3 EBS with the region key, removed with the instance (Spot workers are cattle). */
function encryptedGp3(kmsKeyArn: pulumi.Input<string>, sizeGiB?: number): aws.types.input.ec2.LaunchTemplateBlockDeviceMappingEbs {
    return {
        volumeType: "gp3",
        // aws 7.x types these LaunchTemplate fields as strings ("true"/"false").
        encrypted: "true",
        deleteOnTermination: "true",
        kmsKeyId: kmsKeyArn,
        ...(sizeGiB !== undefined ? { volumeSize: sizeGiB } : {}),
    };
}

/** The LaunchTemplate arguments for a spec. */
export function launchTemplateArgs(s: LaunchTemplateSpec): aws.ec2.LaunchTemplateArgs {
    const blockDeviceMappings: aws.types.input.ec2.LaunchTemplateBlockDeviceMapping[] = [
        { deviceName: s.rootDeviceName, ebs: encryptedGp3(s.kmsKeyArn, s.rootVolumeGiB) },
    ];
    if (s.dataVolumeGiB > 0) blockDeviceMappings.push({ deviceName: DATA_DEVICE_NAME, ebs: encryptedGp3(s.kmsKeyArn, s.dataVolumeGiB) });
    return {
        name: s.name,
        description: "spot-grid trading workers (Spot); managed by Pulumi",
        imageId: s.imageId,
        // New versions become the default so the ASG's instance refresh and the fleet pick them up.
        updateDefaultVersion: true,
        iamInstanceProfile: { arn: s.instanceProfileArn },
        // IMDSv2 only, and a hop limit of 1 so containers on the worker cannot reach the
        // instance's credentials. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
        networkInterfaces: [
            {
                deviceIndex: 0,
                // Private subnets only; explicit so no subnet default can ever add a public address.
                associatePublicIpAddress: "false",
                deleteOnTermination: "true",
                securityGroups: [s.securityGroupId],
            },
        ],
        blockDeviceMappings,
        ebsOptimized: "true",
        monitoring: { enabled: true },
        ...(s.userDataBase64 !== undefined ? { userData: s.userDataBase64 } : {}),
        // The provider's default tags reach the template itself, not what it launches.
        tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({ resourceType, tags: s.tags })),
    };
}
