/** Compliant resources for the data-protection tests; each test changes one thing. */
import { res, urn, withProp } from "../../helpers/policy";

export { res, urn, withProp };

export const BUCKET = "aws:s3/bucket:Bucket";
export const NAME = "spot-grid-mumbai-data-1a2b3c";
export const LOGS = "spot-grid-mumbai-logs-9z8y";

export const dataBucket = res(BUCKET, "data", { id: NAME, bucket: NAME, arn: `arn:aws:s3:::${NAME}`, tags: { "spot-grid:role": "data" } });
export const logBucket = res(BUCKET, "logs", { id: LOGS, bucket: LOGS, arn: `arn:aws:s3:::${LOGS}`, tags: { "spot-grid:role": "access-logs" } });
