/** The dated per-AZ offering table: enforced for a recorded Region, a one-line warning otherwise. */
import * as assert from "assert";
import { parseStackConfig, stackWarnings } from "../../infra/config";
import { findUnofferedInstanceType, INSTANCE_TYPE_OFFERINGS, RegionOfferings } from "../../infra/config/instance-offerings";
import { base } from "./config-cases";

const table: Record<string, RegionOfferings> = {
    "ap-south-2": {
        checked: "2026-11-29",
        source: "test fixture",
        byAzId: {
            "aps2-az1": ["c6i.4xlarge", "m6i.4xlarge"],
            "aps2-az2": ["c6i.4xlarge", "m6i.4xlarge"],
            "aps2-az3": ["c6i.4xlarge"],
        },
    },
};

describe("infra/config/instance-offerings", () => {
    it("accepts types offered in every AZ of a recorded Region", () => {
        assert.strictEqual(findUnofferedInstanceType("ap-south-2", ["c6i.4xlarge"], table), undefined);
    });
    it("names the first type and the AZ ids that lack it", () => {
        assert.deepStrictEqual(findUnofferedInstanceType("ap-south-2", ["c6i.4xlarge", "m6i.4xlarge"], table), {
            index: 1,
            reason: "m6i.4xlarge is not offered in aps2-az3 of ap-south-2 (offering table of 2026-11-29, infra/config/instance-offerings.ts); use types offered in every AZ of the region",
        });
    });
    it("says nothing for a Region it has no record of (the plan warns instead)", () => {
        assert.strictEqual(findUnofferedInstanceType("us-east-2", ["x1.32xlarge"], table), undefined);
    });
    it("warns in one line for a stack whose Region is not recorded", () => {
        assert.strictEqual(INSTANCE_TYPE_OFFERINGS["ap-south-1"], undefined, "update this test when ap-south-1 is recorded");
        const w = stackWarnings(parseStackConfig("mumbai", base())).filter((x) => x.includes("instanceTypes"));
        assert.deepStrictEqual(w, [
            "Pulumi.mumbai.yaml: spot-grid:compute.instanceTypes not checked against ap-south-1's per-AZ offerings before deploying (no dated table for it in infra/config/instance-offerings.ts; preview and up check them in the deploying account); record one with aws ec2 describe-instance-type-offerings --location-type availability-zone-id",
        ]);
    });
});
