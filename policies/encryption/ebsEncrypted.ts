import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAwsManagedKeyRef, resourceLabel, validateTypes } from "../lib/policy-kit";
import { asList, asRecord, isTrue, prop } from "../lib/resource-props";

export const EBS_TYPES = [
    "aws:ebs/volume:Volume",
    "aws:ec2/instance:Instance",
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ec2/spotFleetRequest:SpotFleetRequest",
] as const;

interface Device {
    readonly path: string;
    readonly encrypted: unknown;
    readonly kmsKeyId: unknown;
}

function device(path: string, d: unknown): Device {
    return { path, encrypted: prop(d, "encrypted"), kmsKeyId: prop(d, "kmsKeyId") };
}

/** The EBS devices a resource declares, and findings for devices it leaves to the AMI. */
function devicesOf(type: string, props: Record<string, unknown>): { devices: Device[]; missing: string[] } {
    const devices: Device[] = [];
    const missing: string[] = [];
    switch (type) {
        case "aws:ebs/volume:Volume":
            devices.push({ path: "volume", encrypted: prop(props, "encrypted"), kmsKeyId: prop(props, "kmsKeyId") });
            break;
        case "aws:ec2/instance:Instance":
        case "aws:ec2/spotInstanceRequest:SpotInstanceRequest": {
            const root = prop(props, "rootBlockDevice");
            if (asRecord(root)) devices.push(device("rootBlockDevice", root));
            else missing.push("declares no rootBlockDevice, so the root volume's encryption comes from the AMI: add rootBlockDevice { encrypted: true, kmsKeyId: <CMK ARN> }");
            asList(props.ebsBlockDevices, ["ebsBlockDevices"]).forEach((d, i) => devices.push(device(`ebsBlockDevices[${i}]`, d)));
            break;
        }
        case "aws:ec2/launchTemplate:LaunchTemplate": {
            const mappings = asList(props.blockDeviceMappings, ["blockDeviceMappings"]);
            let ebsCount = 0;
            mappings.forEach((m, i) => {
                // Instance-store (virtualName) and suppressed (noDevice) mappings carry no EBS volume.
                if (prop(m, "virtualName") || prop(m, "noDevice")) return;
                const ebs = prop(m, "ebs");
                if (!asRecord(ebs)) return;
                ebsCount++;
                devices.push(device(`blockDeviceMappings[${i}].ebs`, ebs));
            });
            if (ebsCount === 0) {
                missing.push("declares no EBS blockDeviceMappings, so the root volume's encryption comes from the AMI: add a mapping for the root device with ebs { encrypted: \"true\", kmsKeyId: <CMK ARN> }");
            }
            break;
        }
        case "aws:ec2/spotFleetRequest:SpotFleetRequest":
            // Launch-template configs are judged on the LaunchTemplate itself.
            asList(props.launchSpecifications, ["launchSpecifications"]).forEach((spec, i) => {
                const roots = asList(prop(spec, "rootBlockDevices"));
                if (roots.length === 0) missing.push(`launchSpecifications[${i}] declares no rootBlockDevices: add one with encrypted: true and kmsKeyId: <CMK ARN>`);
                roots.forEach((d, j) => devices.push(device(`launchSpecifications[${i}].rootBlockDevices[${j}]`, d)));
                asList(prop(spec, "ebsBlockDevices")).forEach((d, j) => devices.push(device(`launchSpecifications[${i}].ebsBlockDevices[${j}]`, d)));
            });
            break;
    }
    return { devices, missing };
}

function deviceProblems(d: Device): string[] {
    if (!isTrue(d.encrypted)) return [`${d.path} is not encrypted: set encrypted: true and kmsKeyId to a customer-managed KMS key ARN`];
    const key = d.kmsKeyId;
    if (key === undefined || key === null || key === "") {
        return [`${d.path} has no kmsKeyId, so it uses the AWS-managed aws/ebs key: set kmsKeyId to a customer-managed KMS key ARN`];
    }
    if (typeof key === "string" && isAwsManagedKeyRef(key)) return [`${d.path} uses the AWS-managed key ${key}: set kmsKeyId to a customer-managed KMS key ARN`];
    return [];
}

/**
 * EBS volumes are encrypted with a customer-managed KMS key wherever they are declared: volumes,
 * instance root and EBS devices, launch-template block-device mappings (which Checkov and Trivy
 * miss) and Spot Fleet launch specifications.
 *
 * Severity: high. CKV_AWS_3, CKV_AWS_189, AwsSolutions-EC26.
 * @see https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
 */
export const ebsEncrypted: ResourceValidationPolicy = {
    name: "ebs-encrypted",
    description: "EBS volumes (volumes, instance and Spot devices, launch-template mappings) are encrypted with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateTypes(EBS_TYPES, (args, report) => {
        const { devices, missing } = devicesOf(args.type, args.props);
        for (const p of [...missing, ...devices.flatMap(deviceProblems)]) {
            report(`${resourceLabel(args)} must encrypt its EBS volumes with a customer-managed KMS key: ${p}.`);
        }
    }),
};
