/**
 * Spot capacity pools: every (instance type, Availability Zone) pair is one pool with its own
 * price and its own interruption rate. The more pools a fleet may draw from, the less one
 * reclaimed pool hurts, which is why AWS's Spot best practice (and Security Hub AutoScaling.6)
 * asks for many types across several AZs.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-best-practices.html
 *
 * Pure: no Pulumi, no AWS calls. With instance requirements (attribute-based selection) AWS picks
 * the types at launch time; we estimate the set from a small catalogue of current-generation
 * x86 families so the count can be shown in plans and checked against a minimum.
 */

/** The minimum number of pools a worker fleet must span unless the caller opts out. */
export const MIN_CAPACITY_POOLS = 10;

/** An inclusive integer range; `max` absent means "no upper bound". */
export interface Range {
    readonly min: number;
    readonly max?: number;
}

/** Attribute-based instance selection (the subset we expose). */
export interface InstanceRequirements {
    /** vCPUs per instance. */
    readonly vcpu: Range;
    /** Memory per instance, MiB. */
    readonly memoryMiB: Range;
}

/** How the fleet is diversified: an explicit type list, or requirements. */
export type Diversification =
    | { readonly instanceTypes: readonly string[]; readonly instanceRequirements?: undefined }
    | { readonly instanceRequirements: InstanceRequirements; readonly instanceTypes?: undefined };

export interface CapacityPool {
    readonly instanceType: string;
    readonly availabilityZone: string;
    /** Stable key `<type>@<az>`, used in names and outputs. */
    readonly key: string;
}

/**
 * Families the estimate knows, with GiB of memory per vCPU. Compute- (c), general- (m) and
 * memory-optimised (r) current-generation x86 families that Spot commonly has in ap-south-1,
 * ap-south-2 and us-east-2. Not exhaustive: AWS may match more types than this estimate.
 */
export const CATALOGUE_FAMILIES: Readonly<Record<string, number>> = {
    c5: 2, c5a: 2, c6i: 2, c6a: 2, c7i: 2, c7a: 2,
    m5: 4, m5a: 4, m6i: 4, m6a: 4, m7i: 4, m7a: 4,
    r5: 8, r5a: 8, r6i: 8, r6a: 8, r7i: 8,
};

/** Sizes the estimate knows and their vCPU counts. */
export const CATALOGUE_SIZES: Readonly<Record<string, number>> = {
    large: 2, xlarge: 4, "2xlarge": 8, "4xlarge": 16, "8xlarge": 32, "12xlarge": 48, "16xlarge": 64,
};

export interface CatalogueEntry {
    readonly instanceType: string;
    readonly vcpu: number;
    readonly memoryMiB: number;
}

/** Every (family, size) of the catalogue, sorted by name. */
export function instanceCatalogue(): CatalogueEntry[] {
    const out: CatalogueEntry[] = [];
    for (const [family, gibPerVcpu] of Object.entries(CATALOGUE_FAMILIES)) {
        for (const [size, vcpu] of Object.entries(CATALOGUE_SIZES)) {
            out.push({ instanceType: `${family}.${size}`, vcpu, memoryMiB: vcpu * gibPerVcpu * 1024 });
        }
    }
    return out.sort((a, b) => a.instanceType.localeCompare(b.instanceType));
}

function inRange(value: number, r: Range): boolean {
    return value >= r.min && (r.max === undefined || value <= r.max);
}

/** Catalogue types that satisfy the requirements (an estimate of what AWS would choose from). */
export function typesMatchingRequirements(req: InstanceRequirements): string[] {
    return instanceCatalogue()
        .filter((e) => inRange(e.vcpu, req.vcpu) && inRange(e.memoryMiB, req.memoryMiB))
        .map((e) => e.instanceType);
}

/** The instance types a diversification draws from: the list itself, or the estimate. */
export function candidateInstanceTypes(d: Diversification): string[] {
    if (d.instanceTypes !== undefined) return [...new Set(d.instanceTypes)];
    return typesMatchingRequirements(d.instanceRequirements);
}

/**
 * Every (type, AZ) pool, types in the order given, AZs in the order given. Duplicates are
 * counted once: listing a type twice does not add a pool.
 */
export function capacityPools(d: Diversification, availabilityZones: readonly string[]): CapacityPool[] {
    const types = candidateInstanceTypes(d);
    const azs = [...new Set(availabilityZones)];
    return types.flatMap((instanceType) =>
        azs.map((availabilityZone) => ({ instanceType, availabilityZone, key: `${instanceType}@${availabilityZone}` })),
    );
}

/** Checks the diversification itself: a non-empty type list, or requirements with sane ranges. */
export function validateDiversification(d: Diversification): void {
    const hasTypes = d.instanceTypes !== undefined;
    const hasReq = d.instanceRequirements !== undefined;
    if (hasTypes === hasReq) {
        throw new Error("SpotFleet: set exactly one of [instanceTypes] and [instanceRequirements]");
    }
    if (d.instanceTypes !== undefined) {
        if (d.instanceTypes.length === 0) {
            throw new Error("SpotFleet: instanceTypes is empty; list at least one instance type (e.g. c6i.4xlarge) or use instanceRequirements");
        }
        for (const t of d.instanceTypes) {
            if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(t)) {
                throw new Error(`SpotFleet: instanceTypes contains ${JSON.stringify(t)}, which is not an EC2 instance type like c6i.4xlarge`);
            }
        }
        return;
    }
    const req = d.instanceRequirements!;
    for (const [field, r] of [["vcpu", req.vcpu], ["memoryMiB", req.memoryMiB]] as const) {
        if (!Number.isInteger(r.min) || r.min < 0 || (r.max !== undefined && (!Number.isInteger(r.max) || r.max < r.min))) {
            throw new Error(
                `SpotFleet: instanceRequirements.${field} ${JSON.stringify(r)} is not a range; use integers with 0 <= min <= max`,
            );
        }
    }
    // vcpu.min 0 is valid: it means "no minimum" (Auto Scaling VCpuCountRequest.Min, valid range
    // 0 and up; EC2 VCpuCountRangeRequest.Min "to specify no minimum limit, specify 0").
    // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_VCpuCountRequest.html
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VCpuCountRangeRequest.html
}

/** How far a set of pools falls short of the minimum, or undefined when it reaches it. */
export interface CapacityPoolShortfall {
    readonly pools: number;
    readonly instanceTypes: number;
    readonly availabilityZones: number;
    readonly minimum: number;
}

/** The shortfall check itself, shared by the component and config validation (infra/config). */
export function capacityPoolShortfall(pools: readonly CapacityPool[], minimum: number = MIN_CAPACITY_POOLS): CapacityPoolShortfall | undefined {
    if (pools.length >= minimum) return undefined;
    return {
        pools: pools.length,
        instanceTypes: new Set(pools.map((p) => p.instanceType)).size,
        availabilityZones: new Set(pools.map((p) => p.availabilityZone)).size,
        minimum,
    };
}

/**
 * Checks that the pools reach the minimum.
 * @throws naming the count, the minimum and the ways to add pools.
 */
export function validateCapacityPools(pools: readonly CapacityPool[], minimum: number = MIN_CAPACITY_POOLS): void {
    const short = capacityPoolShortfall(pools, minimum);
    if (short) {
        throw new Error(
            `SpotFleet: ${short.pools} capacity pools (${short.instanceTypes} instance types x ${short.availabilityZones} AZs) is fewer than the minimum ${short.minimum}; ` +
                "add instance types, widen instanceRequirements or spread over more AZs (or lower minCapacityPools)",
        );
    }
}
