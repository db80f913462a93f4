/**
 * no-legacy-spot-api: `ec2.SpotFleetRequest` (RequestSpotFleet) and `ec2.SpotInstanceRequest`
 * (RequestSpotInstances) are APIs AWS calls legacy with no planned investment; new Spot capacity
 * belongs in an Auto Scaling group with a mixed instances policy or an EC2 Fleet.
 *
 * Severity: low. Enforcement: advisory (the catalogue says so; the legacy APIs still work).
 * Anchor: Control Tower CT.EC2.PV.6.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateTypes } from "../lib/policy-kit";

const LEGACY: Record<string, string> = {
    "aws:ec2/spotFleetRequest:SpotFleetRequest": "Spot fleet request",
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": "Spot instance request",
};

export const noLegacySpotApi: ResourceValidationPolicy = {
    name: "no-legacy-spot-api",
    description: "Spot capacity uses Auto Scaling mixed instances or EC2 Fleet, not the legacy Spot Fleet / Spot instance request APIs.",
    enforcementLevel: "advisory",
    validateResource: validateTypes(Object.keys(LEGACY), (args, reportViolation) => {
        const label = LEGACY[args.type];
        if (!label) return;
        reportViolation(`${label} '${args.name}' uses a legacy Spot API; launch Spot capacity with an aws.autoscaling.Group mixedInstancesPolicy (price-capacity-optimized) or an aws.ec2.Fleet instead.`);
    }),
};
