/**
 * The components' own checks, run on the config before any component exists, so a mistake the
 * components would reject stops `pulumi preview` and `npm run plan` with one line naming the stack
 * file, the key and a fix the config accepts (exit 2), never a stack trace from a constructor.
 *
 * Each check calls the component's pure rule (or uses its constant) and words the result in
 * config keys. tests/infra/component-validation.test.ts proves every component check is either
 * mirrored here (or in the section schemas) or unreachable from config.
 */
import { candidateInstanceTypes, capacityPools, capacityPoolShortfall } from "../../components/compute/capacity-pools";
import { validateBucketNameArgs, BUCKET_NAME_MAX_LENGTH, BucketPurpose } from "../../components/storage/naming";
import { REQUIRED_INTERFACE_ENDPOINTS } from "../../components/network/endpoint-catalogue";
import { at, ConfigError } from "./errors";
import { regionInfo } from "./regions";
import type { StackConfig } from "./stack";

/** Any 12-digit id: bucket names end with the deploying account's id, known only at deploy time. */
const SOME_ACCOUNT_ID = "000000000000";
/** Longest first: a stack name that fits the longest bucket name fits them all (one fix, one message). */
const BUCKET_PURPOSES: readonly BucketPurpose[] = (["data", "logs", "audit"] as BucketPurpose[]).sort((a, b) => b.length - a.length);

/** SpotFleet's capacity-pool minimum (components/compute/capacity-pools), in config terms. */
function checkCapacityPools(c: StackConfig): void {
    const azs = regionInfo(c.region)?.azSuffixes.map((s) => `${c.region}${s}`).slice(0, c.network.availabilityZones) ?? [];
    const d = c.compute.instanceTypes ? { instanceTypes: c.compute.instanceTypes } : { instanceRequirements: c.compute.instanceRequirements! };
    const short = capacityPoolShortfall(capacityPools(d, azs));
    if (!short) return;
    // Counted from the config, not the pools: requirements no type meets still span the AZs.
    const types = candidateInstanceTypes(d).length;
    const regionAzs = regionInfo(c.region)?.azSuffixes.length ?? 0;
    const ways = [
        c.compute.instanceTypes ? "list more instance types (e.g. c6a.4xlarge, c7i.4xlarge, m6i.4xlarge)" : "widen instanceRequirements (the vcpu and memoryMiB ranges)",
        ...(c.network.availabilityZones < regionAzs ? [`raise spot-grid:network.availabilityZones (${c.region} has ${regionAzs})`] : []),
    ];
    const key = c.compute.instanceTypes ? "instanceTypes" : "instanceRequirements";
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    throw new ConfigError(
        `${at(c.file, "spot-grid:compute", [key])}: ${plural(short.pools, "Spot capacity pool")} (${plural(types, "instance type")} x ${plural(azs.length, "AZ")}) is fewer than the minimum ${short.minimum}, so one reclaimed pool takes too much of the grid; ${ways.join(", or ")}`,
    );
}

/** HybridLink: the two BGP peers need different ASNs. */
function checkBgpPeers(c: StackConfig): void {
    const asn = c.network.vpn.amazonSideAsn;
    if (asn !== undefined && asn === c.onPrem.bgpAsn) {
        throw new ConfigError(
            `${at(c.file, "spot-grid:network", ["vpn", "amazonSideAsn"])}: ${asn} equals spot-grid:onPrem.bgpAsn; the AWS side and the on-prem firewall need different ASNs (pick another private ASN, or leave it unset for AWS's 64512)`,
        );
    }
}

/** Bucket names (components/storage/naming): the stack name is part of them, and S3 allows 63 characters. */
function checkBucketNames(c: StackConfig): void {
    for (const purpose of BUCKET_PURPOSES) {
        if (validateBucketNameArgs({ stack: c.stack, region: c.region, accountId: SOME_ACCOUNT_ID, purpose }) === undefined) continue;
        const fixed = `spot-grid--${purpose}-${c.region}-${SOME_ACCOUNT_ID}`.length;
        throw new ConfigError(
            `${c.file}: stack name "${c.stack}" is too long for ${c.region}: its ${purpose} bucket spot-grid-${c.stack}-${purpose}-${c.region}-<account id> would be ${fixed + c.stack.length} characters, more than S3's ${BUCKET_NAME_MAX_LENGTH}; rename the stack file to a name of at most ${BUCKET_NAME_MAX_LENGTH - fixed} characters`,
        );
    }
}

/** RegionalFlow: the workers, the job submitter and the results reader reach the queues only through the SQS interface endpoint. */
function checkFlowEndpoints(c: StackConfig): void {
    const missing = REQUIRED_INTERFACE_ENDPOINTS.filter((s) => !c.network.interfaceEndpoints.includes(s));
    if (missing.length === 0) return;
    throw new ConfigError(
        `${at(c.file, "spot-grid:network", ["interfaceEndpoints"])}: lists no ${missing.join(", ")}; the work flow's queues are reached only through that endpoint (the queue policies deny every other path), so add ${missing.map((m) => JSON.stringify(m)).join(", ")} to the list`,
    );
}

/** The checks that need one stack's whole config. @throws ConfigError */
export function checkComponentRules(c: StackConfig): void {
    checkBucketNames(c);
    checkBgpPeers(c);
    checkCapacityPools(c);
    checkFlowEndpoints(c);
}

/**
 * The replication role policy (components/storage/access-policies) takes one destination bucket
 * per region. @throws ConfigError
 */
export function checkReplicationRegions(s: StackConfig, regionOf: (stack: string) => string | undefined): void {
    const seen = new Map<string, string>();
    s.storage.replicateTo.forEach((peer, k) => {
        const region = regionOf(peer);
        if (region === undefined) return;
        const other = seen.get(region);
        if (other !== undefined) {
            throw new ConfigError(
                `${at(s.file, "spot-grid:storage", ["replicateTo", k])}: ${peer} and ${other} are both in ${region}; replicate to one stack per region (remove one of them)`,
            );
        }
        seen.set(region, peer);
    });
}
