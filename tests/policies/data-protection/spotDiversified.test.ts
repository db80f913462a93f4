import { spotDiversified } from "../../../policies/data-protection/spotDiversified";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { res, withProp } from "./fixtures";

describe("spot-diversified", () => {
    const types = ["c6i.4xlarge", "c6a.4xlarge", "c7i.4xlarge", "m6i.4xlarge"];
    const asg = res("aws:autoscaling/group:Group", "workers", {
        vpcZoneIdentifiers: ["subnet-a", "subnet-b", "subnet-c"],
        minSize: 0,
        maxSize: 100,
        mixedInstancesPolicy: {
            instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 0, spotAllocationStrategy: "price-capacity-optimized" },
            launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-1", version: "$Latest" }, overrides: types.map((instanceType) => ({ instanceType })) },
        },
    });
    const fleetOverrides = types.flatMap((instanceType) => ["subnet-a", "subnet-b", "subnet-c"].map((subnetId) => ({ instanceType, subnetId })));
    const sfr = res("aws:ec2/spotFleetRequest:SpotFleetRequest", "legacy", { allocationStrategy: "priceCapacityOptimized", targetCapacity: 10, iamFleetRole: "arn:r", launchTemplateConfigs: [{ launchTemplateSpecification: { id: "lt-1" }, overrides: fleetOverrides }] });
    const fleet = res("aws:ec2/fleet:Fleet", "fleet", { targetCapacitySpecification: { defaultTargetCapacityType: "spot", totalTargetCapacity: 10 }, spotOptions: { allocationStrategy: "price-capacity-optimized" }, launchTemplateConfigs: [{ launchTemplateSpecification: { launchTemplateId: "lt-1" }, overrides: fleetOverrides }] });

    it("passes an ASG with 4 types x 3 AZs, price-capacity-optimized", async () => assertNoViolations(await runResourcePolicy(spotDiversified, asg)));
    it("passes an ASG whose single instanceRequirements override counts as many types", async () =>
        assertNoViolations(await runResourcePolicy(spotDiversified, withProp(asg, ["mixedInstancesPolicy", "launchTemplate", "overrides"], [{ instanceRequirements: { vcpuCount: { min: 16 }, memoryMib: { min: 32768 } } }]))));
    it("ignores an all-on-demand mixed group", async () =>
        assertNoViolations(await runResourcePolicy(spotDiversified, withProp(withProp(asg, ["mixedInstancesPolicy", "instancesDistribution", "onDemandPercentageAboveBaseCapacity"], 100), ["vpcZoneIdentifiers"], ["subnet-a"]))));
    it("passes a diversified Spot Fleet request", async () => assertNoViolations(await runResourcePolicy(spotDiversified, sfr)));
    it("passes a diversified EC2 Fleet", async () => assertNoViolations(await runResourcePolicy(spotDiversified, fleet)));
    it("fires on an ASG with lowest-price", async () =>
        assertHasViolation(await runResourcePolicy(spotDiversified, withProp(asg, ["mixedInstancesPolicy", "instancesDistribution", "spotAllocationStrategy"], "lowest-price")), /strategy "lowest-price"; use "price-capacity-optimized"/));
    it("fires on an ASG with the strategy unset (AWS default lowest-price)", async () =>
        assertHasViolation(await runResourcePolicy(spotDiversified, withProp(asg, ["mixedInstancesPolicy", "instancesDistribution", "spotAllocationStrategy"], undefined)), /lowest-price/));
    it("fires on an ASG in one AZ (4 pools)", async () =>
        assertHasViolation(await runResourcePolicy(spotDiversified, withProp(asg, ["vpcZoneIdentifiers"], ["subnet-a"])), /spans 4 Spot capacity pool\(s\).*fewer than 10/));
    it("fires below a configured threshold", async () => assertHasViolation(await runResourcePolicy(spotDiversified, asg, { minCapacityPools: 20 }), /spans 12 .* fewer than 20/));
    it("fires on a Spot Fleet with lowestPrice", async () => assertHasViolation(await runResourcePolicy(spotDiversified, withProp(sfr, ["allocationStrategy"], "lowestPrice")), /"lowestPrice"; use "priceCapacityOptimized"/));
    it("fires on a Spot Fleet with 2 overrides", async () =>
        assertHasViolation(await runResourcePolicy(spotDiversified, withProp(sfr, ["launchTemplateConfigs", 0, "overrides"], fleetOverrides.slice(0, 2))), /Spot fleet request 'legacy' spans 2/));
    it("fires on an EC2 Fleet with lowest-price", async () =>
        assertHasViolation(await runResourcePolicy(spotDiversified, withProp(fleet, ["spotOptions"], { allocationStrategy: "lowest-price" })), /EC2 fleet 'fleet'/));
});
