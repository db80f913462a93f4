import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseStackExport, StackExport } from "../../../policies/lib/stack-export";
import { architectureFromPlan, main, mermaidBlock, README_BLOCK } from "../../../tools/diagram/cli";
import { blockIn } from "../../../tools/lib/readme-block";
import { renderArchitecture } from "../../../tools/diagram/mermaid";
import { regionModel } from "../../../tools/diagram/model";
import { planExports } from "../../helpers/plan-exports";
import { tempDir } from "../../helpers/temp";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const FIXTURES = path.join(ROOT, "tests", "fixtures", "diagram");
const fixture = (stack: string): StackExport => parseStackExport(fs.readFileSync(path.join(FIXTURES, `${stack}.json`), "utf8"));
const models = () => ["hyderabad", "mumbai", "ohio"].map((s) => regionModel(s, fixture(s)));

class Captured {
    text = "";
    write(s: string): boolean {
        this.text += s;
        return true;
    }
}

describe("architecture diagram", () => {
    it("reads a region's network, VPN, fleet, buckets and keys from its plan export", () => {
        const m = regionModel("mumbai", fixture("mumbai"));
        assert.strictEqual(m.region, "ap-south-1");
        assert.deepStrictEqual(m.vpcCidrs, ["10.20.0.0/16"]);
        assert.deepStrictEqual([m.subnetCount, m.subnetAzs], [3, ["ap-south-1a", "ap-south-1b", "ap-south-1c"]]);
        assert.deepStrictEqual(m.gatewayEndpoints, ["s3"]);
        assert.ok(m.interfaceEndpoints.includes("s3") && m.interfaceEndpoints.includes("sts"), m.interfaceEndpoints.join());
        assert.deepStrictEqual([m.vpnCount, m.vpnPeers], [1, ["203.0.113.10"]]);
        assert.deepStrictEqual(m.fleets, [{ kind: "Auto Scaling group", name: "mumbai-workers", capacity: "0–200 instances" }]);
        assert.deepStrictEqual(m.buckets, [{ name: "spot-grid-mumbai-data-1a2b3c", arn: "arn:aws:s3:::spot-grid-mumbai-data-1a2b3c", keys: ["alias/spot-grid-mumbai-data"] }]);
        assert.deepStrictEqual(m.replication, [{ from: "arn:aws:s3:::spot-grid-mumbai-data-1a2b3c", to: ["arn:aws:s3:::spot-grid-hyderabad-data-1a2b3c", "arn:aws:s3:::spot-grid-ohio-data-1a2b3c"] }]);
    });

    it("draws a subgraph per region, the VPN to on-prem, the upload endpoint and replication arrows", () => {
        const page = renderArchitecture(models());
        assert.match(page, /subgraph hyderabad\["hyderabad · ap-south-2"\][\s\S]*subgraph mumbai[\s\S]*subgraph ohio/);
        assert.ok(page.includes('mumbai_vpn <-->|"IPsec to 203.0.113.10"| onprem'));
        assert.ok(page.includes('onprem -->|"daily uploads"| mumbai_upload_endpoint'));
        assert.ok(page.includes('mumbai_bucket_spot_grid_mumbai_data_1a2b3c ==>|"replicates"| hyderabad_bucket_spot_grid_hyderabad_data_1a2b3c'));
        assert.ok(page.includes('mumbai_bucket_spot_grid_mumbai_data_1a2b3c ==>|"replicates"| ohio_bucket_spot_grid_ohio_data_1a2b3c'));
        assert.ok(page.includes('ohio_fleet_ohio_workers["Spot Fleet: ohio-workers<br/>target 150<br/>Spot workers"]'));
        assert.ok(page.includes("| mumbai | ap-south-1 | 10.20.0.0/16 |"));
    });

    it("shows no fleet for a region that has none yet, and a placeholder for an empty region", () => {
        const page = renderArchitecture(models());
        assert.ok(!/hyderabad_fleet/.test(page));
        const empty: StackExport = { version: 3, deployment: { resources: [{ urn: "urn:pulumi:ohio::spot-grid::pulumi:pulumi:Stack::spot-grid-ohio", type: "pulumi:pulumi:Stack", custom: false }] } };
        assert.ok(renderArchitecture([regionModel("ohio", empty)]).includes('ohio_empty["nothing planned yet"]'));
    });

    it("points replication to a bucket outside the plan at a node named by its ARN", () => {
        const [mumbai] = models().filter((m) => m.stack === "mumbai");
        assert.ok(renderArchitecture([mumbai]).includes('external_arn_aws_s3___spot_grid_ohio_data_1a2b3c[("bucket outside the plan<br/>arn:aws:s3:::spot-grid-ohio-data-1a2b3c")]'));
    });

    it("is deterministic: the order of resources in the export does not change the page", () => {
        const shuffled = fixture("mumbai");
        shuffled.deployment.resources.reverse();
        const a = renderArchitecture([regionModel("mumbai", fixture("mumbai"))]);
        assert.strictEqual(renderArchitecture([regionModel("mumbai", shuffled)]), a);
    });

    it("refuses a missing plan or a bad option in one line, exit 2", () => {
        for (const argv of [["--plan", path.join(os.tmpdir(), "no-such-plan")], ["--bogus"]]) {
            const [out, err] = [new Captured(), new Captured()];
            assert.strictEqual(main(argv, { stdout: out, stderr: err, cwd: ROOT }), 2);
            assert.strictEqual(out.text, "");
            assert.match(err.text, /^diagram: [^\n]+\n$/);
        }
    });

    it("--check exits 1 with the fix when the page is stale, 0 once written", () => {
        const file = path.join(tempDir("diagram-"), "architecture.md");
        fs.writeFileSync(file, "stale\n");
        const io = () => ({ stdout: new Captured(), stderr: new Captured(), cwd: ROOT });
        const stale = io();
        assert.strictEqual(main(["--plan", FIXTURES, "--out", file, "--check"], stale), 1);
        assert.match(stale.stderr.text, /out of date with the plan; run `npm run plan && npm run diagram`/);
        assert.strictEqual(main(["--plan", FIXTURES, "--out", file], io()), 0);
        assert.strictEqual(main(["--plan", FIXTURES, "--out", file, "--check"], io()), 0);
    });

    it("docs/architecture.md matches a fresh offline plan", async () => {
        const { dir: plan } = await planExports();
        const committed = fs.readFileSync(path.join(ROOT, "docs", "architecture.md"), "utf8");
        const page = architectureFromPlan(ROOT, plan);
        assert.ok(page === committed, "docs/architecture.md is out of date with the plan; run `npm run plan && npm run diagram` and commit it");
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        assert.ok(mermaidBlock(page).startsWith("```mermaid\n"), "the page has a Mermaid block");
        assert.strictEqual(blockIn(readme, README_BLOCK), mermaidBlock(page), "README.md's architecture block is out of date; run `npm run plan && npm run diagram` and commit it");
    });
});

describe("architecture diagram: the work flow and its failover path (issue 11)", function () {
    this.timeout(600_000);
    let page: string;
    let mumbai: ReturnType<typeof regionModel>;
    before(async () => {
        const { planExports } = await import("../../helpers/plan-exports");
        const plan = await planExports();
        const models = ["hyderabad", "mumbai", "ohio"].map((s) => regionModel(s, plan.exports[s]));
        mumbai = models[1];
        page = renderArchitecture(models);
    });
    it("reads the queues (dead-letter queues told apart), the notifications, the on-prem roles and the backlog target", () => {
        assert.deepStrictEqual(mumbai.queues.filter((q) => !q.deadLetter).map((q) => [q.purpose, q.maxReceiveCount, q.key]), [
            ["intake", 5, "alias/spot-grid-mumbai-queues"],
            ["jobs", 4, "alias/spot-grid-mumbai-queues"],
            ["results", 10, "alias/spot-grid-mumbai-queues"],
        ]);
        assert.strictEqual(mumbai.queues.filter((q) => q.deadLetter).length, 3);
        assert.deepStrictEqual(mumbai.notifications.map((n) => [n.queue, n.prefix]), [["spot-grid-mumbai-intake", "incoming/"], ["spot-grid-mumbai-results", "processed/ap-south-1/"]]);
        assert.deepStrictEqual(mumbai.onPremRoles.map((r) => [r.kind, r.granted]), [["uploader", true], ["reference-publisher", true], ["job-submitter", true], ["results-reader", true]]);
        assert.deepStrictEqual([mumbai.backlogTarget, mumbai.validator], [10, true]);
    });
    it("draws one file's trip and one job's results in each region, and the failover uploads as dashed arrows to the replicas", () => {
        assert.ok(page.includes('onprem -->|"daily uploads · uploader role"| mumbai_upload_endpoint'));
        assert.match(page, /mumbai_bucket_\w+ -->\|"incoming\/ new object · S3 event"\| mumbai_queue_intake/);
        assert.ok(page.includes('mumbai_queue_intake -->|"validator: incoming/ to raw/ or rejected/"| mumbai_fleet_mumbai_workers_asg'));
        assert.ok(page.includes('onprem -->|"jobs · job submitter role"| mumbai_sqs_endpoint'));
        assert.ok(page.includes('mumbai_sqs_endpoint -->|"SendMessage"| mumbai_queue_jobs'));
        assert.ok(page.includes('mumbai_queue_jobs -->|"receive · workers\' role"| mumbai_fleet_mumbai_workers_asg'));
        assert.match(page, /mumbai_fleet_mumbai_workers_asg -->\|"writes processed\/ap-south-1\/"\| mumbai_bucket_/);
        assert.ok(page.includes('mumbai_queue_results -->|"result events · results reader role"| onprem'));
        for (const replica of ["hyderabad", "ohio"]) {
            assert.ok(page.includes(`onprem -.->|"failover uploads · standby uploader role"| ${replica}_upload_endpoint`), replica);
            assert.ok(!page.includes(`onprem -->|"daily uploads · uploader role"| ${replica}_upload_endpoint`), replica);
        }
        assert.ok(page.includes("| primary: takes uploads and reference data; queues intake, jobs, results (3 dead-letter) |"));
    });
});
