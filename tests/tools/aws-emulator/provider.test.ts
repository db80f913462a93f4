import * as assert from "assert";
import * as os from "os";
import * as path from "path";
import { CloudStore } from "../../../tools/aws-emulator/cloud";
import { diffInputs, EmulatedAwsProvider, parseUrn, providerConfig } from "../../../tools/aws-emulator/provider";
import { AwsEmulator } from "../../../tools/offline/aws-emulation";
import { tempDir } from "../../helpers/temp";

const URN = (type: string, name: string, stack = "mumbai") => `urn:pulumi:${stack}::spot-grid::spot-grid:grid:RegionalGrid$${type}::${name}`;
const SECRET = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

function freshProvider(): { provider: EmulatedAwsProvider; cloud: CloudStore } {
    const cloud = new CloudStore(path.join(tempDir("spot-grid-cloud-"), "cloud.json"));
    const provider = new EmulatedAwsProvider(cloud);
    provider.configure(providerConfig({ region: "ap-south-1", defaultTags: JSON.stringify({ tags: { owner: "grid" } }) }, {}));
    return { provider, cloud };
}

describe("AWS emulator provider", () => {
    it("parses URNs, including names that contain '::' and nested types", () => {
        assert.deepStrictEqual(parseUrn("urn:pulumi:mumbai::spot-grid::a:b:C$aws:s3/bucket:Bucket::odd::name"), { stack: "mumbai", project: "spot-grid", type: "aws:s3/bucket:Bucket", name: "odd::name" });
        assert.throws(() => parseUrn("not-a-urn"), /not a resource URN/);
    });

    it("reads its region and default tags from an explicit provider's inputs or the stack's aws config", () => {
        assert.deepStrictEqual(providerConfig({ region: "us-east-2", defaultTags: '{"tags":{"a":"b"}}' }, {}), { region: "us-east-2", defaultTags: { a: "b" } });
        assert.deepStrictEqual(providerConfig(undefined, { "aws:region": "ap-south-2" }), { region: "ap-south-2", defaultTags: {} });
    });

    it("creates what the offline plan plans: the same id and outputs from the same rules", () => {
        const { provider, cloud } = freshProvider();
        const urn = URN("aws:ec2/vpc:Vpc", "mumbai");
        const inputs = provider.check(urn, { cidrBlock: "10.20.0.0/16", tags: { Name: "mumbai" } });
        const created = provider.create(urn, inputs);
        const mock = new AwsEmulator({ stack: "mumbai", region: "ap-south-1" });
        const p = mock.newResource({ type: "pulumi:providers:aws", name: "p", inputs: { defaultTags: '{"tags":{"owner":"grid"}}' }, custom: true } as any);
        const planned = mock.newResource({ type: "aws:ec2/vpc:Vpc", name: "mumbai", inputs, custom: true, provider: `urn:pulumi:mumbai::spot-grid::pulumi:providers:aws::p::${p.id}` } as any);
        assert.strictEqual(created.id, planned.id);
        assert.deepStrictEqual(created.outputs, planned.state);
        assert.deepStrictEqual(created.outputs.tagsAll, { owner: "grid", Name: "mumbai" });
        assert.strictEqual(cloud.list().length, 1);
        assert.strictEqual(cloud.list()[0].urn, urn);
    });

    it("auto-names in Check exactly as the offline plan does", () => {
        const { provider } = freshProvider();
        const checked = provider.check(URN("aws:iam/role:Role", "workers"), {});
        assert.deepStrictEqual(checked, new AwsEmulator({ stack: "mumbai", region: "ap-south-1" }).checkInputs("aws:iam/role:Role", "workers", {}));
    });

    it("refuses to create what already exists, as AWS does", () => {
        const { provider } = freshProvider();
        const urn = URN("aws:s3/bucket:Bucket", "data");
        provider.create(urn, { bucket: "spot-grid-data" });
        assert.throws(() => provider.create(urn, { bucket: "spot-grid-data" }), /already exists/);
    });

    it("reads back what the cloud holds now, and nothing once it is deleted", () => {
        const { provider, cloud } = freshProvider();
        const urn = URN("aws:ec2/vpcEndpoint:VpcEndpoint", "ssm");
        const { id } = provider.create(urn, { serviceName: "com.amazonaws.ap-south-1.ssm", vpcEndpointType: "Interface" });
        assert.strictEqual(provider.read(urn, id)!.inputs.serviceName, "com.amazonaws.ap-south-1.ssm");
        cloud.delete("ap-south-1", "aws:ec2/vpcEndpoint:VpcEndpoint", id);
        assert.strictEqual(provider.read(urn, id), undefined);
        provider.delete(urn, id); // deleting what is gone succeeds
    });

    it("fails a read with AWS's 403 once readers are locked out (aws-console deny)", () => {
        const { provider, cloud } = freshProvider();
        const urn = URN("aws:kms/key:Key", "data");
        const { id } = provider.create(urn, {});
        cloud.transact((c) => {
            Object.values(c.resources)[0].readDenied = true;
            return { result: undefined, changed: true };
        });
        assert.throws(() => provider.read(urn, id), new RegExp(`reading aws:kms/key:Key \\(${id}\\): .*StatusCode: 403, api error AccessDenied`));
    });

    it("updates in place, keeping the id", () => {
        const { provider } = freshProvider();
        const urn = URN("aws:s3/bucketVersioning:BucketVersioning", "v");
        const { id } = provider.create(urn, { bucket: "b1", versioningConfiguration: { status: "Enabled" } });
        const outs = provider.update(urn, id, { bucket: "b1", versioningConfiguration: { status: "Suspended" } });
        assert.strictEqual(outs.id, id);
        assert.strictEqual(provider.read(urn, id)!.outputs.versioningConfiguration.status, "Suspended");
    });

    it("answers invokes from the shared rules, in its configured region", () => {
        const { provider } = freshProvider();
        assert.deepStrictEqual(provider.invoke("aws:index/getAvailabilityZones:getAvailabilityZones", {}).names, ["ap-south-1a", "ap-south-1b", "ap-south-1c"]);
        assert.throws(() => provider.invoke("aws:rds/getInstance:getInstance", {}), /no emulation for invoke/);
    });

    it("fails clearly without a region", () => {
        const p = new EmulatedAwsProvider(new CloudStore(path.join(os.tmpdir(), "never-written.json")));
        assert.throws(() => p.check(URN("aws:ec2/vpc:Vpc", "v"), {}), /no region: set aws:region/);
    });

    describe("diff", () => {
        it("finds no change in equal inputs, whatever the key order or secret wrapping", () => {
            const d = diffInputs("aws:ec2/vpnConnection:VpnConnection", { a: 1, key: SECRET("k"), tags: { x: "1", y: "2" } }, { tags: { y: "2", x: "1" }, key: SECRET("k"), a: 1 });
            assert.deepStrictEqual(d, { changes: false, keys: [], replaces: [], detailed: [] });
        });

        it("names each changed leaf, and replaces on a property AWS cannot change in place", () => {
            const d = diffInputs(
                "aws:ec2/securityGroup:SecurityGroup",
                { vpcId: "vpc-1", egress: [{ cidrBlocks: ["172.16.0.0/12"] }], tags: { Name: "w" } },
                { vpcId: "vpc-2", egress: [{ cidrBlocks: ["0.0.0.0/0"] }], tags: { Name: "w", extra: "1" } },
            );
            assert.deepStrictEqual(d.keys, ["egress", "tags", "vpcId"]);
            assert.deepStrictEqual(d.replaces, ["vpcId"]);
            assert.deepStrictEqual(
                d.detailed.map((c) => `${c.kind} ${c.path}${c.replace ? " (replace)" : ""}`),
                ["update egress[0].cidrBlocks[0]", "add tags.extra", "update vpcId (replace)"],
            );
        });

        it("ignores ignoreChanges properties and the bridge's __defaults", () => {
            assert.strictEqual(diffInputs("aws:autoscaling/group:Group", { desiredCapacity: 1, __defaults: [] }, { desiredCapacity: 5 }, ["desiredCapacity"]).changes, false);
        });
    });
});
