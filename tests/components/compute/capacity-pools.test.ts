import * as assert from "assert";
import * as fc from "fast-check";
import {
    capacityPools,
    candidateInstanceTypes,
    instanceCatalogue,
    MIN_CAPACITY_POOLS,
    typesMatchingRequirements,
    validateCapacityPools,
    validateDiversification,
} from "../../../components/compute/capacity-pools";

const AZS = ["ap-south-1a", "ap-south-1b", "ap-south-1c"];

describe("components/compute/capacity-pools", () => {
    it("counts one pool per instance type x AZ, keyed type@az", () => {
        const pools = capacityPools({ instanceTypes: ["c6i.4xlarge", "c6a.4xlarge", "m6i.4xlarge", "c5.4xlarge"] }, AZS);
        assert.strictEqual(pools.length, 12);
        assert.deepStrictEqual(pools.slice(0, 3).map((p) => p.key), ["c6i.4xlarge@ap-south-1a", "c6i.4xlarge@ap-south-1b", "c6i.4xlarge@ap-south-1c"]);
        assert.strictEqual(new Set(pools.map((p) => p.key)).size, 12);
    });

    it("counts a repeated type or AZ once", () => {
        assert.strictEqual(capacityPools({ instanceTypes: ["c6i.large", "c6i.large"] }, ["a", "a", "b"]).length, 2);
    });

    it("pools = |distinct types| x |distinct AZs| for any lists (property)", () => {
        const type = fc.constantFrom(...instanceCatalogue().map((e) => e.instanceType));
        fc.assert(
            fc.property(fc.array(type, { minLength: 1, maxLength: 20 }), fc.array(fc.constantFrom(...AZS), { minLength: 1, maxLength: 5 }), (types, azs) => {
                const pools = capacityPools({ instanceTypes: types }, azs);
                return pools.length === new Set(types).size * new Set(azs).size && new Set(pools.map((p) => p.key)).size === pools.length;
            }),
        );
    });

    it("estimates requirement-matched types from the catalogue", () => {
        // 16 vCPU with 32..64 GiB: the c (2 GiB/vCPU) and m (4 GiB/vCPU) 4xlarge sizes, not r.
        const types = typesMatchingRequirements({ vcpu: { min: 16, max: 16 }, memoryMiB: { min: 32768, max: 65536 } });
        assert.ok(types.includes("c6i.4xlarge") && types.includes("m6a.4xlarge"), types.join(","));
        assert.ok(!types.some((t) => t.startsWith("r")), types.join(","));
        assert.ok(types.every((t) => t.endsWith(".4xlarge")));
        assert.deepStrictEqual(candidateInstanceTypes({ instanceRequirements: { vcpu: { min: 16, max: 16 }, memoryMiB: { min: 32768, max: 65536 } } }), types);
    });

    it("every requirement-matched type satisfies the ranges (property)", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 1 << 19 }), (vmin, extra, mem) => {
                const req = { vcpu: { min: vmin, max: vmin + extra }, memoryMiB: { min: mem } };
                const cat = new Map(instanceCatalogue().map((e) => [e.instanceType, e]));
                return typesMatchingRequirements(req).every((t) => {
                    const e = cat.get(t)!;
                    return e.vcpu >= vmin && e.vcpu <= vmin + extra && e.memoryMiB >= mem;
                });
            }),
        );
    });

    describe("validation", () => {
        it("rejects an empty type list, naming the fix", () => {
            assert.throws(() => validateDiversification({ instanceTypes: [] }), /instanceTypes is empty; list at least one instance type/);
        });
        it("rejects both and neither", () => {
            assert.throws(() => validateDiversification({} as never), /exactly one of \[instanceTypes\] and \[instanceRequirements\]/);
            assert.throws(
                () => validateDiversification({ instanceTypes: ["c6i.large"], instanceRequirements: { vcpu: { min: 1 }, memoryMiB: { min: 0 } } } as never),
                /exactly one/,
            );
        });
        it("rejects a malformed type and min > max", () => {
            assert.throws(() => validateDiversification({ instanceTypes: ["c6i-large"] }), /"c6i-large", which is not an EC2 instance type/);
            assert.throws(
                () => validateDiversification({ instanceRequirements: { vcpu: { min: 8, max: 4 }, memoryMiB: { min: 0 } } }),
                /instanceRequirements.vcpu \{"min":8,"max":4\} is not a range/,
            );
        });
        it("requires the minimum pools, and passes at exactly the minimum", () => {
            const nine = capacityPools({ instanceTypes: ["a.large", "b.large", "c.large"] }, AZS);
            assert.throws(() => validateCapacityPools(nine), /9 capacity pools \(3 instance types x 3 AZs\) is fewer than the minimum 10/);
            const ten = capacityPools({ instanceTypes: ["a.large", "b.large", "c.large", "d.large", "e.large"] }, ["x", "y"]);
            assert.strictEqual(ten.length, MIN_CAPACITY_POOLS);
            assert.doesNotThrow(() => validateCapacityPools(ten));
        });
    });
});
