import * as assert from "assert";
import * as path from "path";
import { CloudResource, CloudStore } from "../../../tools/aws-emulator/cloud";
import { addTag, findResource, main, setProperty } from "../../../tools/aws-emulator/console";
import { tempDir } from "../../helpers/temp";

const sg: CloudResource = {
    type: "aws:ec2/securityGroup:SecurityGroup",
    region: "ap-south-1",
    id: "sg-0123456789abcdef0",
    urn: "urn:pulumi:mumbai::spot-grid::spot-grid:network:WorkersSecurityGroup$aws:ec2/securityGroup:SecurityGroup::mumbai-workers",
    inputs: { egress: [{ cidrBlocks: ["172.16.0.0/12"] }], tags: { Name: "w" } },
    outputs: { egress: [{ cidrBlocks: ["172.16.0.0/12"] }], tags: { Name: "w" }, tagsAll: { Name: "w", owner: "grid" }, arn: "arn" },
};

function cloudWith(...resources: CloudResource[]): string {
    const file = path.join(tempDir("spot-grid-console-"), "cloud.json");
    const store = new CloudStore(file);
    resources.forEach((r) => store.create(r));
    return file;
}

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
    return { code, out, err };
}

describe("aws-console: changes behind Pulumi's back", () => {
    it("finds a resource by physical id or STACK:NAME, and says why when it cannot", () => {
        assert.strictEqual(findResource([sg], "sg-0123456789abcdef0"), sg);
        assert.strictEqual(findResource([sg], "mumbai:mumbai-workers"), sg);
        assert.throws(() => findResource([sg], "ohio:ohio-workers"), /no resource "ohio:ohio-workers"/);
        assert.throws(() => findResource([sg, { ...sg, type: "aws:ec2/vpc:Vpc", id: "vpc-1" }], "mumbai:mumbai-workers"), /matches 2 resources .*add --type/);
    });

    it("sets a property in what AWS reports and in the argument read back", () => {
        const next = setProperty(sg, "egress[0].cidrBlocks", ["0.0.0.0/0"]);
        assert.deepStrictEqual(next.outputs.egress[0].cidrBlocks, ["0.0.0.0/0"]);
        assert.deepStrictEqual(next.inputs.egress[0].cidrBlocks, ["0.0.0.0/0"]);
        assert.deepStrictEqual(sg.outputs.egress[0].cidrBlocks, ["172.16.0.0/12"], "the original is untouched");
        assert.ok(!("arn" in setProperty(sg, "arn", "x").inputs), "an output-only attribute is not an argument");
    });

    it("adds a tag to tags and tagsAll, and refuses resources without tags", () => {
        const next = addTag(sg, "debug", "alice");
        assert.deepStrictEqual(next.outputs.tagsAll, { Name: "w", owner: "grid", debug: "alice" });
        assert.deepStrictEqual(next.inputs.tags, { Name: "w", debug: "alice" });
        assert.throws(() => addTag({ ...sg, outputs: {} }, "a", "b"), /takes no tags/);
    });

    it("edits, tags and deletes through the command line, writing the cloud file", () => {
        const file = cloudWith(sg);
        assert.strictEqual(run(["--cloud", file, "set", "mumbai:mumbai-workers", "egress[0].cidrBlocks", '["0.0.0.0/0"]']).code, 0);
        assert.strictEqual(run(["--cloud", file, "tag", sg.id, "debug=alice"]).code, 0);
        const after = new CloudStore(file).list()[0];
        assert.deepStrictEqual(after.outputs.egress[0].cidrBlocks, ["0.0.0.0/0"]);
        assert.strictEqual(after.outputs.tags.debug, "alice");
        const listed = run(["--cloud", file, "list", "--stack", "mumbai"]);
        assert.deepStrictEqual(listed.out, [`ap-south-1  aws:ec2/securityGroup:SecurityGroup  ${sg.id}  mumbai:mumbai-workers`]);
        assert.strictEqual(run(["--cloud", file, "deny", sg.id]).code, 0);
        assert.strictEqual(new CloudStore(file).list()[0].readDenied, true);
        assert.strictEqual(run(["--cloud", file, "delete", sg.id]).code, 0);
        assert.deepStrictEqual(new CloudStore(file).list(), []);
    });

    const mistakes: [string[], RegExp][] = [
        [["list"], /no account file: pass --cloud FILE or set SPOT_GRID_AWS_CLOUD/],
        [["--cloud", "/tmp/x.json", "set", "mumbai:mumbai-workers", "egress"], /set takes REF PATH JSON/],
        [["--cloud", "/tmp/x.json", "tag", "sg-1", "novalue"], /tag takes KEY=VALUE/],
        [["--cloud", "/tmp/x.json", "frobnicate"], /unknown command "frobnicate"/],
        [["--cloud", "/tmp/x.json", "--colour"], /unknown option --colour/],
    ];
    for (const [argv, message] of mistakes) {
        it(`exits 2 with one line for: ${argv.join(" ")}`, () => {
            const r = run(argv);
            assert.strictEqual(r.code, 2);
            assert.strictEqual(r.err.length, 1);
            assert.match(r.err[0], message);
        });
    }

    it("rejects a value that is not JSON, naming the fix", () => {
        const file = cloudWith(sg);
        const r = run(["--cloud", file, "set", sg.id, "description", "Suspended"]);
        assert.strictEqual(r.code, 2);
        assert.match(r.err[0], /is not JSON; quote strings/);
    });
});
