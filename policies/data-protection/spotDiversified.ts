/**
 * spot-diversified: Spot capacity spans at least `minCapacityPools` (default 10) capacity pools and
 * uses the price-capacity-optimized allocation strategy, so one pool's interruption wave does not
 * take the grid down. A pool is an instance type in an AZ: pools = instance types x subnets (AZs).
 * - `autoscaling.Group` with a `mixedInstancesPolicy` that buys Spot
 *   (onDemandPercentageAboveBaseCapacity < 100; AWS's default 100 buys none):
 *   spotAllocationStrategy `price-capacity-optimized`; types = launchTemplate overrides, where an
 *   override with `instanceRequirements` counts as `instanceRequirementsTypes` (default 10) types;
 *   AZs = `vpcZoneIdentifiers` (or `availabilityZones`).
 * - `ec2.SpotFleetRequest`: allocationStrategy `priceCapacityOptimized`; pools = distinct
 *   (type, subnet/AZ) pairs of launchTemplateConfigs overrides and launch specifications.
 * - `ec2.Fleet` of default capacity type spot: spotOptions.allocationStrategy
 *   `price-capacity-optimized`; pools as for Spot Fleet.
 *
 * Severity: medium. Enforcement: mandatory (the grid's availability on Spot depends on it);
 * thresholds are config.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-best-practices.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asList, asRecord, known } from "../lib/resource-props";
import { validateTypes } from "../lib/policy-kit";

const ASG = "aws:autoscaling/group:Group";
const SPOT_FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";
const FLEET = "aws:ec2/fleet:Fleet";

export interface SpotDiversifiedConfig {
    minCapacityPools: number;
    instanceRequirementsTypes: number;
}
export const SPOT_DIVERSIFIED_DEFAULTS: SpotDiversifiedConfig = { minCapacityPools: 10, instanceRequirementsTypes: 10 };

/** Distinct (type, location) pairs of fleet overrides; attribute-based overrides count as many types. */
function fleetPools(overrides: Record<string, unknown>[], cfg: SpotDiversifiedConfig): number {
    const byLocation = new Map<string, Set<string>>();
    let abs = 0;
    for (const o of overrides) {
        const loc = String(o.subnetId ?? o.availabilityZone ?? "(any)");
        if (o.instanceRequirements) {
            abs += cfg.instanceRequirementsTypes * String(loc).split(",").length;
            continue;
        }
        for (const l of loc.split(",")) {
            const set = byLocation.get(l.trim()) ?? new Set<string>();
            set.add(String(o.instanceType ?? "(template)"));
            byLocation.set(l.trim(), set);
        }
    }
    return abs + [...byLocation.values()].reduce((n, s) => n + s.size, 0);
}

function records(list: unknown): Record<string, unknown>[] {
    return asList(list).map((x) => asRecord(x) ?? {});
}

export const spotDiversified: ResourceValidationPolicy = {
    name: "spot-diversified",
    description: "Spot capacity spans at least N capacity pools (instance types x AZs) with the price-capacity-optimized allocation strategy.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minCapacityPools: { type: "integer", minimum: 1, default: SPOT_DIVERSIFIED_DEFAULTS.minCapacityPools, description: "Fewest capacity pools (instance types x AZs) a Spot group may span." },
            instanceRequirementsTypes: { type: "integer", minimum: 1, default: SPOT_DIVERSIFIED_DEFAULTS.instanceRequirementsTypes, description: "How many instance types an attribute-based (instanceRequirements) override counts as." },
        },
    },
    validateResource: validateTypes([ASG, SPOT_FLEET, FLEET], (args, reportViolation) => {
        const cfg: SpotDiversifiedConfig = { ...SPOT_DIVERSIFIED_DEFAULTS, ...args.getConfig<Partial<SpotDiversifiedConfig>>() };
        const p = args.props;
        let strategy: unknown;
        let wanted: string;
        let pools: number;
        let label: string;
        if (args.type === ASG) {
            const mip = asRecord(asList(known(p.mixedInstancesPolicy, ["mixedInstancesPolicy"]))[0]);
            if (!mip) return; // not a mixed-instances group: no Spot here
            const dist = asRecord(asList(mip.instancesDistribution)[0]) ?? {};
            const onDemandPct = Number(known(dist.onDemandPercentageAboveBaseCapacity, ["mixedInstancesPolicy", "instancesDistribution", "onDemandPercentageAboveBaseCapacity"]) ?? 100);
            if (onDemandPct >= 100) return;
            label = "Auto Scaling group";
            wanted = "price-capacity-optimized";
            strategy = known(dist.spotAllocationStrategy, ["mixedInstancesPolicy", "instancesDistribution", "spotAllocationStrategy"]) ?? "lowest-price";
            const lt = asRecord(asList(mip.launchTemplate)[0]) ?? {};
            const overrides = records(known(lt.overrides, ["mixedInstancesPolicy", "launchTemplate", "overrides"]));
            const types = overrides.reduce((n, o) => n + (o.instanceRequirements ? cfg.instanceRequirementsTypes : 1), 0) || 1;
            const zones = asList(known(p.vpcZoneIdentifiers, ["vpcZoneIdentifiers"])).length || asList(known(p.availabilityZones, ["availabilityZones"])).length || 1;
            pools = types * zones;
        } else if (args.type === SPOT_FLEET) {
            label = "Spot fleet request";
            wanted = "priceCapacityOptimized";
            strategy = known(p.allocationStrategy, ["allocationStrategy"]) ?? "lowestPrice";
            const overrides = records(known(p.launchTemplateConfigs, ["launchTemplateConfigs"])).flatMap((c) => records(c.overrides));
            const specs = records(known(p.launchSpecifications, ["launchSpecifications"]));
            pools = fleetPools([...overrides, ...specs], cfg);
        } else if (args.type === FLEET) {
            const target = asRecord(asList(known(p.targetCapacitySpecification, ["targetCapacitySpecification"]))[0]) ?? {};
            if (target.defaultTargetCapacityType !== "spot") return;
            label = "EC2 fleet";
            wanted = "price-capacity-optimized";
            strategy = asRecord(asList(known(p.spotOptions, ["spotOptions"]))[0])?.allocationStrategy ?? "lowest-price";
            pools = fleetPools(records(known(p.launchTemplateConfigs, ["launchTemplateConfigs"])).flatMap((c) => records(c.overrides)), cfg);
        } else {
            return;
        }
        if (strategy !== wanted) {
            reportViolation(`${label} '${args.name}' uses Spot allocation strategy ${JSON.stringify(strategy)}; use "${wanted}" so AWS picks the deepest, cheapest pools.`);
        }
        if (pools < cfg.minCapacityPools) {
            reportViolation(`${label} '${args.name}' spans ${pools} Spot capacity pool(s) (instance types x AZs), fewer than ${cfg.minCapacityPools}; add instance types (or instanceRequirements) and subnets in more AZs.`);
        }
    }),
};
