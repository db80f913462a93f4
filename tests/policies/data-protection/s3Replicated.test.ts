import * as assert from "assert";
import { s3Replicated } from "../../../policies/data-protection/s3Replicated";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { BUCKET, dataBucket, logBucket, NAME, res } from "./fixtures";

describe("s3-replicated", () => {
    const REPL = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
    const repl = res(REPL, "data-replication", {
        bucket: NAME,
        role: "arn:aws:iam::111122223333:role/replication",
        rules: [{ id: "to-hyderabad", status: "Enabled", destination: { bucket: "arn:aws:s3:::spot-grid-hyderabad-data-4d5e" } }],
    });
    it("passes a data bucket replicating to a bucket outside this stack", async () => assertNoViolations(await runStackPolicy(s3Replicated, [dataBucket, logBucket, repl])));
    it("ignores buckets not tagged as data", async () => assertNoViolations(await runStackPolicy(s3Replicated, [logBucket])));
    it("exempts replica buckets", async () =>
        assertNoViolations(await runStackPolicy(s3Replicated, [{ ...dataBucket, props: { ...dataBucket.props, tags: { "spot-grid:role": "data", "spot-grid:replica-of": "mumbai" } } }])));
    it("passes the deprecated inline replicationConfiguration", async () =>
        assertNoViolations(await runStackPolicy(s3Replicated, [{ ...dataBucket, props: { ...dataBucket.props, replicationConfiguration: { role: "r", rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }] } } }])));
    it("honours a configured data tag", async () =>
        assertNoViolations(await runStackPolicy(s3Replicated, [dataBucket], { dataTagKey: "dataClass", dataTagValues: ["trading"] })));
    it("fires on a configured data tag without replication", async () =>
        assertHasViolation(await runStackPolicy(s3Replicated, [res(BUCKET, "t", { bucket: "t", tags: { dataClass: "trading" } })], { dataTagKey: "dataClass", dataTagValues: ["trading"] }), /'t' \(dataClass=trading\)/));
    it("fires on a data bucket without replication", async () => assertHasViolation(await runStackPolicy(s3Replicated, [dataBucket]), /Data bucket 'data' \(spot-grid:role=data\) has no enabled replication rule/, dataBucket.urn));
    it("fires when the only rule is Disabled", async () =>
        assertHasViolation(await runStackPolicy(s3Replicated, [dataBucket, { ...repl, props: { ...repl.props, rules: [{ status: "Disabled", destination: { bucket: "arn:aws:s3:::x" } }] } }]), /no enabled replication rule/));
    it("fires when replicating into a bucket of the same stack (same region)", async () =>
        assertHasViolation(await runStackPolicy(s3Replicated, [dataBucket, logBucket, { ...repl, props: { ...repl.props, rules: [{ status: "Enabled", destination: { bucket: logBucket.props.arn } }] } }]), /same region/));
    // Found by the preview lane (tests/policies/preview-conformance.test.ts): unknown rules were read as none.
    it("says it can't run during preview, never 'no enabled replication rule', when the rules are unknown", async () =>
        await assert.rejects(runStackPolicy(s3Replicated, [dataBucket, { ...repl, props: { ...repl.props, rules: UNKNOWN } }]), UnknownValueError));
});
