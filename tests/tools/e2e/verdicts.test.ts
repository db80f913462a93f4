import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { compareVerdicts, isPreviewUnknown, key, packsThatRan, verdictsFromEventLog, verdictsFromJson } from "../../../tools/e2e/verdicts";
import { applyCarelessChange, changedResources, planDriftEdits, refusedAsProtected } from "../../../tools/e2e/scenario";
import { planExports } from "../../helpers/plan-exports";
import { tempDir } from "../../helpers/temp";

const STACK = "urn:pulumi:mumbai::spot-grid::pulumi:pulumi:Stack::spot-grid-mumbai";
const SG = "urn:pulumi:mumbai::spot-grid::aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule::e2e";
const line = (o: unknown): string => JSON.stringify(o);

// Shapes as the CLI writes them with --event-log (apitype.EngineEvent, one per line).
const eventLog = [
    line({ sequence: 0, timestamp: 1, policyLoadEvent: {} }),
    line({ sequence: 1, timestamp: 1, policyEvent: { resourceUrn: SG, message: "egress to 0.0.0.0/0\n", color: "raw", policyName: "sg-no-public-egress", policyPackName: "spot-grid-no-public-egress", policyPackVersion: "0.1.0", enforcementLevel: "mandatory" } }),
    line({ sequence: 2, timestamp: 1, policyEvent: { resourceUrn: STACK, message: "can't run policy 'x' from policy pack 'p@v0.1.0' during preview: string value at .bucket can't be known during preview", color: "raw", policyName: "s3-replicated", policyPackName: "spot-grid-data-protection", policyPackVersion: "0.1.0", enforcementLevel: "advisory" } }),
    line({ sequence: 3, timestamp: 1, policyAnalyzeSummaryEvent: { resourceUrn: STACK, policyPackName: "spot-grid-encryption", passed: ["ebs-encrypted"] } }),
    line({ sequence: 4, timestamp: 1, policyAnalyzeSummaryEvent: { resourceUrn: SG, policyPackName: "spot-grid-no-public-egress", failed: ["sg-no-public-egress"] } }),
    line({ sequence: 5, timestamp: 1, resourcePreEvent: { metadata: { op: "same", urn: STACK } } }),
    line({ sequence: 6, timestamp: 1, resourcePreEvent: { metadata: { op: "update", urn: SG, diffs: ["cidrIpv4"] } } }),
    line({ sequence: 7, timestamp: 1, diagnosticEvent: { urn: SG, severity: "error", message: `Preview failed: resource "${SG}" cannot be deleted\nbecause it is protected. To unprotect...` } }),
    line({ sequence: 8, timestamp: 1, diagnosticEvent: { urn: STACK, severity: "error", message: "preview failed" } }),
    '{"sequence":9,"timestamp":1,"policyEv', // a partly written last line
].join("\n");

describe("e2e: policy verdicts and event logs", () => {
    it("reads the analyzer's verdicts from an event log; stack-level ones belong to no resource", () => {
        const v = verdictsFromEventLog(eventLog, STACK);
        assert.deepStrictEqual(v.map(key), [`mandatory sg-no-public-egress ${SG}`, "advisory s3-replicated (stack)"]);
        assert.deepStrictEqual(v.map(isPreviewUnknown), [false, true]);
    });

    it("reads policy:check / plan JSON in the same shape, so the two compare as sets", () => {
        const offline = verdictsFromJson([{ policy: "sg-no-public-egress", urn: SG, enforcementLevel: "mandatory", message: "egress to 0.0.0.0/0" }], STACK);
        const d = compareVerdicts(offline, verdictsFromEventLog(eventLog, STACK));
        assert.deepStrictEqual(d, { onlyLeft: [], onlyRight: ["advisory s3-replicated (stack)"] });
    });

    it("lists the packs that analyzed the stack", () => {
        assert.deepStrictEqual(packsThatRan(eventLog), ["spot-grid-encryption", "spot-grid-no-public-egress"]);
    });

    it("finds the resources a no-op up wanted to change, and those destroy refused as protected", () => {
        assert.deepStrictEqual(changedResources(eventLog), [`update ${SG} (cidrIpv4)`]);
        assert.deepStrictEqual(refusedAsProtected(eventLog), [SG]);
    });
});

describe("e2e: scenario inputs from the real program", function () {
    this.timeout(180000);

    it("finds the four console changes of the drift step in a stack's state", async () => {
        const { exports } = await planExports();
        const edits = planDriftEdits(exports.mumbai);
        assert.deepStrictEqual(edits.map((e) => `${e.kind}:${e.expect.kind}`), ["egress:modified", "versioning:modified", "tag:tags-only", "delete:deleted"]);
        const egress = edits[0];
        assert.match(egress.urn, /WorkersSecurityGroup\$aws:ec2\/securityGroup:SecurityGroup::mumbai-workers$/);
        assert.deepStrictEqual(egress.args.slice(2, 4), [egress.expect.paths[0].replace(/\[0\]$/, ""), '["0.0.0.0/0"]']);
        assert.match(edits[1].urn, /ReplicatedBucket\$aws:s3\/bucketVersioning:BucketVersioning::mumbai-data-versioning$/);
        assert.deepStrictEqual(edits[2].expect.paths, ['tags["console-edit"]']);
    });

    it("applies the careless program change in a sandbox copy and undoes it", () => {
        const project = tempDir("careless-");
        fs.mkdirSync(path.join(project, "infra"));
        fs.writeFileSync(path.join(project, "infra", "index.ts"), "export const x = 1;\n");
        const undo = applyCarelessChange(project, "sg-0123");
        assert.match(fs.readFileSync(path.join(project, "infra", "index.ts"), "utf8"), /import "\.\/e2e-careless-change";/);
        assert.match(fs.readFileSync(path.join(project, "infra", "e2e-careless-change.ts"), "utf8"), /cidrIpv4: "0\.0\.0\.0\/0"[\s\S]*securityGroupId|securityGroupId: "sg-0123"/);
        undo();
        assert.strictEqual(fs.readFileSync(path.join(project, "infra", "index.ts"), "utf8"), "export const x = 1;\n");
        assert.ok(!fs.existsSync(path.join(project, "infra", "e2e-careless-change.ts")));
    });
});
