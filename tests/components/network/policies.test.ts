/**
 * The network, as the offline engine records it, judged by every policy pack (policies/registry):
 * the packs judge resources, not our intentions, so this is the independent check that the
 * network has no public egress, encrypts its logs, scopes its IAM and endpoints, and protects its key.
 */
import * as assert from "assert";
import { RegionalNetwork } from "../../../components/network/regional-network";
import { evaluateStackExport, formatViolationsText } from "../../../policies/lib/evaluator";
import { buildStackExport } from "../../../tools/offline/export";
import { promiseOf, setupMocks } from "../../helpers/mocks";

describe("components/network judged by every policy pack", () => {
    for (const routing of ["bgp", "static"] as const) {
        it(`has no violation, mandatory or advisory (${routing} routing)`, async () => {
            const engine = await setupMocks({ stack: "mumbai", region: "ap-south-1" });
            const network = new RegionalNetwork("mumbai", {
                cidrBlock: "10.20.0.0/16",
                availabilityZones: ["ap-south-1a", "ap-south-1b", "ap-south-1c"],
                onPremCidrs: ["172.16.0.0/12"],
                onPremGatewayIp: "203.0.113.10",
                onPremBgpAsn: 65010,
                vpnRouting: routing,
                extraS3BucketArns: ["arn:aws:s3:::vendor-feed"],
            });
            await promiseOf(network.workersSecurityGroupId);
            await engine.settle();
            // The network alone: the stack's AWS Config recorder belongs to the audit layer (components/audit).
            const result = await evaluateStackExport(buildStackExport(engine.resources(), { time: "2026-01-01T00:00:00Z" }), { config: { "config-records-judged-types": { requireRecorder: false } } });
            assert.ok(result.packs.length >= 4, `packs: ${result.packs.join(", ")}`);
            assert.ok(result.resourcesAnalyzed > 40);
            assert.deepStrictEqual(result.violations, [], formatViolationsText(result));
        });
    }
});
