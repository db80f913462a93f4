import { amiOwnerPinned } from "../../../policies/data-protection/amiOwnerPinned";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { res } from "./fixtures";

describe("ami-owner-pinned", () => {
    const LT = "aws:ec2/launchTemplate:LaunchTemplate";
    const AMI = "ami-0123456789abcdef0";
    it("passes a launch template with a literal AMI id", async () => assertNoViolations(await runResourcePolicy(amiOwnerPinned, res(LT, "w", { imageId: AMI }))));
    it("passes an 8-digit legacy AMI id on an instance", async () => assertNoViolations(await runResourcePolicy(amiOwnerPinned, res("aws:ec2/instance:Instance", "i", { ami: "ami-0a1b2c3d" }))));
    it("passes an allow-listed AMI", async () => assertNoViolations(await runResourcePolicy(amiOwnerPinned, res(LT, "w", { imageId: AMI }), { allowedAmiIds: [AMI] })));
    it("passes a launch template without an image (set by the launcher)", async () => assertNoViolations(await runResourcePolicy(amiOwnerPinned, res(LT, "w", {}))));
    it("fires on an SSM parameter reference", async () =>
        assertHasViolation(await runResourcePolicy(amiOwnerPinned, res(LT, "w", { imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" })), /imageId is "resolve:ssm:.*not an AMI id/));
    it("fires on an AMI outside the allow-list", async () =>
        assertHasViolation(await runResourcePolicy(amiOwnerPinned, res(LT, "w", { imageId: "ami-0fffffffffffffff0" }), { allowedAmiIds: [AMI] }), /not in allowedAmiIds/));
    it("fires on an AmiCopy of a malformed source", async () => assertHasViolation(await runResourcePolicy(amiOwnerPinned, res("aws:ec2/amiCopy:AmiCopy", "c", { sourceAmiId: "ami-XYZ" })), /AMI copy 'c' sourceAmiId/));
    it("fires on a Spot Fleet launch specification", async () =>
        assertHasViolation(await runResourcePolicy(amiOwnerPinned, res("aws:ec2/spotFleetRequest:SpotFleetRequest", "f", { launchSpecifications: [{ ami: "latest" }] })), /launchSpecifications\[0\]\.ami/));
});
