/**
 * The data part's wiring: validated `spot-grid:storage` config and the peer stacks' outputs ->
 * RegionalData arguments. StackReferences live here, not in components: components
 * take plain inputs.
 */
import * as aws from "../components/lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegionalGridArgs } from "../components/grid";
import { ReplicationDestinationArgs } from "../components/storage/bucket-replication";
import { isPrimary, StackConfig } from "./config";
import type { StackPrincipals } from "./principals";
import { replicationSources } from "./config/storage";
import { rtcAvailable } from "../components/storage/replication-rules";

/** The stack outputs a replication source reads from each peer (see infra/index.ts). */
export const PEER_OUTPUTS = { bucketArn: "dataBucketArn", keyArn: "dataKeyArn" } as const;

/** Peers' buckets and keys, read from their stacks (deployed first: see deployOrder). */
export function replicationDestinations(config: StackConfig, stacks: readonly StackConfig[]): ReplicationDestinationArgs[] {
    return config.storage.replicateTo.map((peer) => {
        const peerConfig = stacks.find((s) => s.stack === peer);
        if (!peerConfig) throw new pulumi.RunError(`${config.file}: spot-grid:storage.replicateTo: no stack file Pulumi.${peer}.yaml beside the project; add it or remove ${peer}`);
        const ref = new pulumi.StackReference(`${pulumi.getOrganization()}/${pulumi.getProject()}/${peer}`);
        return {
            stack: peer,
            region: peerConfig.region,
            bucketArn: ref.requireOutput(PEER_OUTPUTS.bucketArn) as pulumi.Output<string>,
            keyArn: ref.requireOutput(PEER_OUTPUTS.keyArn) as pulumi.Output<string>,
            replicationTimeControl: config.storage.replicationTimeControl && rtcAvailable(config.region, peerConfig.region),
        };
    });
}

export function regionalDataArgs(config: StackConfig, stacks: readonly StackConfig[], provider: aws.Provider, principals: StackPrincipals): RegionalGridArgs["data"] {
    const s = config.storage;
    const identity = aws.getCallerIdentityOutput({}, { provider });
    const partition = aws.getPartitionOutput({}, { provider }).partition;
    return {
        accountId: identity.accountId,
        partition,
        uploaderPrincipalArn: principals.onPrem["spot-grid:storage.uploaderPrincipalArn"],
        publisherPrincipalArn: principals.onPrem["spot-grid:flow.referencePublisherPrincipalArn"],
        replicationSources: replicationSources(stacks, config.stack).map((src) => ({ stack: src.stack, region: src.region })),
        // Any stack of the set may become the primary: every bucket admits replicas (docs/data.md, failover).
        acceptReplicas: stacks.length > 1,
        replicateTo: replicationDestinations(config, stacks),
        lifecycle: {
            archiveAfterDays: s.archiveAfterDays,
            deepArchiveAfterDays: s.deepArchiveAfterDays,
            noncurrentArchiveAfterDays: s.noncurrentArchiveAfterDays,
            noncurrentVersionExpirationDays: s.noncurrentVersionExpirationDays,
            abortIncompleteMultipartUploadDays: s.abortIncompleteMultipartUploadDays,
        },
        logLifecycle: { retentionDays: s.logRetentionDays },
        protect: s.protect,
    };
}

/** The work flow's part of the grid: primary or not, on-prem principals (checked), queue settings. */
export function flowArgs(config: StackConfig, stacks: readonly StackConfig[], principals: StackPrincipals): RegionalGridArgs["flow"] {
    return {
        primary: isPrimary(config, stacks),
        jobSubmitterPrincipalArn: principals.onPrem["spot-grid:flow.jobSubmitterPrincipalArn"],
        resultsReaderPrincipalArn: principals.onPrem["spot-grid:flow.resultsReaderPrincipalArn"],
        queues: config.flow.queues,
    };
}
