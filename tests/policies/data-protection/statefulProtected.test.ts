import { statefulProtected } from "../../../policies/data-protection/statefulProtected";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { dataBucket, res } from "./fixtures";

describe("stateful-protected", () => {
    const key = res("aws:kms/key:Key", "data-key", { enableKeyRotation: true }, { protect: true });
    it("passes a protected bucket", async () => assertNoViolations(await runResourcePolicy(statefulProtected, { ...dataBucket, protect: true })));
    it("passes a protected KMS key", async () => assertNoViolations(await runResourcePolicy(statefulProtected, key)));
    it("ignores other resources", async () => assertNoViolations(await runResourcePolicy(statefulProtected, res("aws:ec2/vpc:Vpc", "v", {}))));
    it("fires on an unprotected bucket", async () => assertHasViolation(await runResourcePolicy(statefulProtected, dataBucket), /Bucket 'data' is neither protected/));
    it("fires on an unprotected BucketV2", async () => assertHasViolation(await runResourcePolicy(statefulProtected, res("aws:s3/bucketV2:BucketV2", "old", {})), /Bucket 'old'/));
    it("fires on an unprotected KMS key", async () => assertHasViolation(await runResourcePolicy(statefulProtected, { ...key, protect: false }), /KMS key 'data-key'/));
});
