/** Compliant resources for the data-protection tests; each test changes one thing. */
import type { ResourceDescription } from "../../../policies/lib/policy-args";

export function urn(type: string, name: string): string {
    return `urn:pulumi:mumbai::spot-grid::${type}::${name}`;
}
export function res(type: string, name: string, props: Record<string, unknown>, extra: Partial<ResourceDescription> = {}): ResourceDescription {
    return { type, name, urn: urn(type, name), props, ...extra };
}
/** Deep copy with one path changed (`undefined` deletes). */
export function withProp<R extends ResourceDescription>(r: R, path: (string | number)[], value: unknown): R {
    const copy = JSON.parse(JSON.stringify(r)) as R;
    let cur: any = copy.props;
    for (const k of path.slice(0, -1)) cur = cur[k];
    const last = path[path.length - 1];
    if (value === undefined) delete cur[last];
    else cur[last] = value;
    return copy;
}

export const BUCKET = "aws:s3/bucket:Bucket";
export const NAME = "spot-grid-mumbai-data-1a2b3c";
export const LOGS = "spot-grid-mumbai-logs-9z8y";

export const dataBucket = res(BUCKET, "data", { id: NAME, bucket: NAME, arn: `arn:aws:s3:::${NAME}`, tags: { "spot-grid:role": "data" } });
export const logBucket = res(BUCKET, "logs", { id: LOGS, bucket: LOGS, arn: `arn:aws:s3:::${LOGS}`, tags: { "spot-grid:role": "access-logs" } });
