import { s3AccessLogging } from "../../../policies/data-protection/s3AccessLogging";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { BUCKET, dataBucket, LOGS, logBucket, NAME, res } from "./fixtures";

describe("s3-access-logging", () => {
    const logging = res("aws:s3/bucketLogging:BucketLogging", "data-logging", { bucket: NAME, targetBucket: LOGS, targetPrefix: "s3-access/" });
    const trail = (selectors: unknown) => res("aws:cloudtrail/trail:Trail", "trail", { s3BucketName: LOGS, eventSelectors: selectors });

    it("passes a bucket with BucketLogging; its log target is exempt", async () => assertNoViolations(await runStackPolicy(s3AccessLogging, [dataBucket, logBucket, logging])));
    it("passes the deprecated BucketLoggingV2", async () => assertNoViolations(await runStackPolicy(s3AccessLogging, [dataBucket, logBucket, { ...logging, type: "aws:s3/bucketLoggingV2:BucketLoggingV2" }])));
    it("passes inline loggings (log target exempt)", async () =>
        assertNoViolations(await runStackPolicy(s3AccessLogging, [{ ...dataBucket, props: { ...dataBucket.props, loggings: [{ targetBucket: LOGS }] } }, logBucket])));
    it("passes CloudTrail data events on the bucket", async () =>
        assertNoViolations(await runStackPolicy(s3AccessLogging, [dataBucket, trail([{ readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: [`arn:aws:s3:::${NAME}/`] }] }])])));
    it("passes CloudTrail data events on all buckets", async () =>
        assertNoViolations(await runStackPolicy(s3AccessLogging, [dataBucket, trail([{ dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }])])));
    it("passes CloudTrail advanced selectors on S3 objects", async () =>
        assertNoViolations(await runStackPolicy(s3AccessLogging, [dataBucket, res("aws:cloudtrail/trail:Trail", "t", { advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] }] })])));
    it("fires on a bucket without logging", async () => assertHasViolation(await runStackPolicy(s3AccessLogging, [dataBucket]), /'data' has no access logging/, dataBucket.urn));
    it("fires when the log bucket is not a logging target", async () => assertHasViolation(await runStackPolicy(s3AccessLogging, [logBucket]), /'logs' has no access logging/));
    it("fires when a trail records another bucket's data events", async () =>
        assertHasViolation(await runStackPolicy(s3AccessLogging, [dataBucket, trail([{ dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::other/"] }] }])]), /'data' has no access logging/));
    it("fires when a trail records only Lambda data events", async () =>
        assertHasViolation(await runStackPolicy(s3AccessLogging, [res(BUCKET, "b", { bucket: "b" }), trail([{ dataResources: [{ type: "AWS::Lambda::Function", values: ["arn:aws:lambda"] }] }])]), /'b' has no access logging/));
});
