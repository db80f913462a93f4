import * as assert from "assert";
import type { ExportedResource, StackExport } from "../../policies/lib/stack-export";
import { plainProgress, progressFor } from "../../tools/plan/progress";
import { countByType, displayType, renderOutputs, renderTree, summaryLines, truncateMiddle } from "../../tools/plan/tree";

const STACK = "urn:pulumi:dev::spot-grid::pulumi:pulumi:Stack::spot-grid-dev";
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };

function doc(extra: ExportedResource[], outputs: Record<string, unknown> = {}): StackExport {
    return { version: 3, deployment: { resources: [{ urn: STACK, type: "pulumi:pulumi:Stack", custom: false, outputs }, ...extra] } };
}
const res = (type: string, name: string, more: Partial<ExportedResource> = {}): ExportedResource => ({ urn: `urn:pulumi:dev::spot-grid::${type}::${name}`, type, custom: true, parent: STACK, ...more });

describe("tools/plan/tree: the preview a user reads", () => {
    it("shows type tokens as the Pulumi CLI does (the module's file part dropped when it repeats the type)", () => {
        assert.strictEqual(displayType("aws:s3/bucket:Bucket"), "aws:s3:Bucket");
        assert.strictEqual(displayType("aws:ec2/vpcEndpoint:VpcEndpoint"), "aws:ec2:VpcEndpoint");
        assert.strictEqual(displayType("aws:s3/bucketV2:Bucket"), "aws:s3/bucketV2:Bucket", "kept when the file differs");
        assert.strictEqual(displayType("pulumi:pulumi:Stack"), "pulumi:pulumi:Stack");
    });

    it("cuts long text in the middle, keeping both ends", () => {
        assert.strictEqual(truncateMiddle("aws:s3:BucketServerSideEncryptionConfiguration", 20), "aws:s3:Bu...guration");
        assert.strictEqual(truncateMiddle("short", 20), "short");
        assert.strictEqual(truncateMiddle("aws:s3:BucketServerSideEncryptionConfiguration", 20).length, 20);
    });

    it("fits the given width by shortening type tokens in the middle, never the tree or the plan column", () => {
        const deep = [res("spot-grid:network:RegionalNetwork", "net")];
        for (let i = 0; i < 6; i++) deep.push(res(`spot-grid:network:VeryLongComponentTypeNameNumber${i}`, `c${i}`, { parent: deep[deep.length - 1].urn, custom: false }));
        deep.push(res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "a-rather-long-logical-name-for-the-encryption", { parent: deep[deep.length - 1].urn }));
        for (const width of [80, 100, 120]) {
            const lines = renderTree(doc(deep), { width });
            for (const l of lines) assert.ok(l.length <= width, `${l.length} > ${width}: ${l}`);
            assert.ok(lines.every((l, i) => i === 0 || / create$/.test(l)), lines.join("\n"));
            assert.ok(lines.some((l) => l.includes("...")), "something was shortened");
        }
        assert.ok(renderTree(doc(deep), { width: 400 }).some((l) => l.includes("aws:s3:BucketServerSideEncryptionConfiguration")), "whole when it fits");
    });

    it("shows a StackReference as a read, and does not count it as a create", () => {
        const d = doc([res("pulumi:pulumi:StackReference", "organization/spot-grid/ohio", { external: true, id: "organization/spot-grid/ohio" }), res("aws:s3/bucket:Bucket", "data", { protect: true })]);
        const lines = renderTree(d);
        assert.match(lines.find((l) => l.includes("StackReference"))!, /^ > {4}├─ pulumi:pulumi:StackReference +organization\/spot-grid\/ohio +read$/);
        assert.match(lines.find((l) => l.includes("Bucket"))!, /^ \+ 🔒 └─ aws:s3:Bucket +data +create$/);
        assert.deepStrictEqual(summaryLines(d), ["Resources:", "    + 2 to create", "    > 1 to read"]);
        assert.deepStrictEqual(countByType(d), [["aws:s3/bucket:Bucket", 1]]);
    });

    it("lists the stack outputs, sorted, with secrets (at any depth) as [secret]", () => {
        const lines = renderOutputs(doc([], { vpcId: "vpc-1", tunnels: [{ address: "203.0.113.1", key: SECRET }], psk: SECRET, azs: ["a", "b"] }));
        assert.deepStrictEqual(lines, [
            "Outputs:",
            '    azs:     ["a","b"]',
            "    psk:     [secret]",
            '    tunnels: [{"address":"203.0.113.1","key":[secret]}]',
            '    vpcId:   "vpc-1"',
        ]);
        assert.ok(!lines.join("\n").includes("v1:abc"), "no ciphertext shown");
        assert.deepStrictEqual(renderOutputs(doc([])), [], "no section without outputs");
    });
});

describe("tools/plan/progress", () => {
    const stack = { stack: "mumbai", region: "ap-south-1" } as never;
    it("prints plain lines: the start, the count at most once per interval, and the total", () => {
        const lines: string[] = [];
        let now = 0;
        const p = plainProgress((l) => lines.push(l), 1000, () => now);
        p.start!(stack);
        p.count!(stack, 10);
        now = 1500;
        p.count!(stack, 40);
        p.count!(stack, 50);
        p.done!(stack, { stack: "mumbai", region: "ap-south-1", millis: 2100, doc: doc([res("aws:s3/bucket:Bucket", "b")]) });
        assert.deepStrictEqual(lines, ["Planning mumbai (ap-south-1)...", "    mumbai: 40 resources so far", "    mumbai: 2 resources in 2.1 s"]);
    });

    it("uses plain lines off a terminal and in CI, a progress bar on an interactive terminal", () => {
        const stream = (isTTY: boolean, written: string[]) =>
            ({ isTTY, columns: 100, write: (t: string) => written.push(t), cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => undefined, removeListener: () => undefined }) as unknown as NodeJS.WriteStream;
        for (const [isTTY, env] of [[false, {}], [true, { CI: "true" }]] as const) {
            const written: string[] = [];
            const p = progressFor(stream(isTTY, written), 2, env);
            p.start!(stack);
            p.stop();
            assert.deepStrictEqual(written, ["Planning mumbai (ap-south-1)...\n"], `plain lines (TTY ${isTTY}, CI ${"CI" in env})`);
        }
        const written: string[] = [];
        const bar = progressFor(stream(true, written), 2, {});
        bar.start!(stack);
        bar.count!(stack, 12);
        bar.note("a note");
        bar.done!(stack, { stack: "mumbai", region: "ap-south-1", millis: 1000, doc: doc([res("aws:s3/bucket:Bucket", "b")]) });
        bar.stop(); // at once: no line may be lost to the bar's redraw timer
        const text = written.join("");
        assert.ok(text.includes("a note\n") && text.includes("mumbai: 2 resources in 1.0 s\n"), JSON.stringify(text));
        assert.match(text, /Planning \S+ 1\/2 stacks \| mumbai \(ap-south-1\): 2 resources/);
    });
});
