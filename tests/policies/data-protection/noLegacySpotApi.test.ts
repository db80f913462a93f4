import * as assert from "assert";
import { noLegacySpotApi } from "../../../policies/data-protection/noLegacySpotApi";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { res } from "./fixtures";

describe("no-legacy-spot-api", () => {
    it("is advisory", () => assert.strictEqual(noLegacySpotApi.enforcementLevel, "advisory"));
    it("passes an Auto Scaling group and an EC2 Fleet", async () => {
        assertNoViolations(await runResourcePolicy(noLegacySpotApi, res("aws:autoscaling/group:Group", "g", {})));
        assertNoViolations(await runResourcePolicy(noLegacySpotApi, res("aws:ec2/fleet:Fleet", "f", {})));
    });
    it("flags a SpotFleetRequest", async () => assertHasViolation(await runResourcePolicy(noLegacySpotApi, res("aws:ec2/spotFleetRequest:SpotFleetRequest", "legacy", {})), /Spot fleet request 'legacy' uses a legacy Spot API/));
    it("flags a SpotInstanceRequest", async () => assertHasViolation(await runResourcePolicy(noLegacySpotApi, res("aws:ec2/spotInstanceRequest:SpotInstanceRequest", "one", {})), /Spot instance request 'one'/));
});
