import * as assert from "assert";
import { ebsEncrypted } from "../../../policies/encryption/ebsEncrypted";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { CMK } from "./fixtures";

const dev = (over: Record<string, unknown> = {}) => ({ encrypted: true, kmsKeyId: CMK, ...over });
const volume = (over: Record<string, unknown> = {}) => ({ type: "aws:ebs/volume:Volume", name: "scratch", props: { availabilityZone: "ap-south-1a", size: 100, ...dev(over) } });
const instance = (props: Record<string, unknown>) => ({ type: "aws:ec2/instance:Instance", name: "head", props: { ami: "ami-1", rootBlockDevice: dev(), ebsBlockDevices: [{ deviceName: "/dev/sdf", ...dev() }], ...props } });
const lt = (mappings: unknown[]) => ({ type: "aws:ec2/launchTemplate:LaunchTemplate", name: "workers", props: { imageId: "ami-1", blockDeviceMappings: mappings } });
const ltEbs = (over: Record<string, unknown> = {}) => ({ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: CMK, ...over } });
const fleet = (spec: Record<string, unknown>) => ({
    type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
    name: "fleet",
    props: { launchSpecifications: [{ ami: "ami-1", instanceType: "c7i.large", rootBlockDevices: [dev()], ...spec }] },
});

describe("encryption/ebs-encrypted", () => {
    it("passes compliant volumes, instances, launch templates and spot fleets", async () => {
        for (const r of [volume(), instance({}), lt([ltEbs(), { deviceName: "/dev/sdb", virtualName: "ephemeral0" }]), fleet({})]) {
            assertNoViolations(await runResourcePolicy(ebsEncrypted, r));
        }
    });
    it("fires on an unencrypted volume", async () => {
        assertHasViolation(await runResourcePolicy(ebsEncrypted, volume({ encrypted: false })), /'scratch'.*volume is not encrypted/);
    });
    it("fires on a volume with the AWS-managed key (no kmsKeyId, or alias/aws/ebs)", async () => {
        assertHasViolation(await runResourcePolicy(ebsEncrypted, volume({ kmsKeyId: undefined })), /no kmsKeyId.*aws\/ebs/);
        assertHasViolation(await runResourcePolicy(ebsEncrypted, volume({ kmsKeyId: "alias/aws/ebs" })), /AWS-managed key alias\/aws\/ebs/);
    });
    it("fires on an instance root device that is not encrypted", async () => {
        assertHasViolation(await runResourcePolicy(ebsEncrypted, instance({ rootBlockDevice: dev({ encrypted: false }) })), /rootBlockDevice is not encrypted/);
    });
    it("fires on an instance without a rootBlockDevice", async () => {
        assertHasViolation(await runResourcePolicy(ebsEncrypted, instance({ rootBlockDevice: undefined })), /declares no rootBlockDevice/);
    });
    it("fires on an instance EBS device without a CMK", async () => {
        assertHasViolation(await runResourcePolicy(ebsEncrypted, instance({ ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }] })), /ebsBlockDevices\[0\] has no kmsKeyId/);
    });
    it("fires on a launch-template mapping that is not encrypted (string \"false\")", async () => {
        assertHasViolation(await runResourcePolicy(ebsEncrypted, lt([ltEbs({ encrypted: "false" })])), /'workers'.*blockDeviceMappings\[0\]\.ebs is not encrypted/);
    });
    it("fires on a launch template with no EBS mappings", async () => {
        assertHasViolation(await runResourcePolicy(ebsEncrypted, lt([])), /declares no EBS blockDeviceMappings/);
    });
    it("fires on a spot fleet spec with an unencrypted EBS device or no root device", async () => {
        assertHasViolation(await runResourcePolicy(ebsEncrypted, fleet({ ebsBlockDevices: [dev({ encrypted: false })] })), /launchSpecifications\[0\]\.ebsBlockDevices\[0\] is not encrypted/);
        assertHasViolation(await runResourcePolicy(ebsEncrypted, fleet({ rootBlockDevices: [] })), /launchSpecifications\[0\] declares no rootBlockDevices/);
    });
    it("raises UnknownValueError for an unknown key id rather than passing", async () => {
        await assert.rejects(runResourcePolicy(ebsEncrypted, volume({ kmsKeyId: UNKNOWN })), UnknownValueError);
    });
    it("ignores other resource types", async () => {
        assertNoViolations(await runResourcePolicy(ebsEncrypted, { type: "aws:ec2/vpc:Vpc", name: "vpc", props: {} }));
    });
});
