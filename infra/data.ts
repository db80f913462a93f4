/**
 * The data part's wiring: validated `spot-grid:storage` config and the peer stacks' outputs ->
 * RegionalData arguments. StackReferences live here, not in components: components
 * take plain inputs.
 */
import * as aws from "../components/lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegionalGridArgs } from "../components/grid";
import { DEFAULT_BREAK_GLASS_ROLE_NAME } from "../components/storage/naming";
import { ReplicationDestinationArgs } from "../components/storage/bucket-replication";
import { StackConfig } from "./config";
import { replicationSources } from "./config/storage";

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
        };
    });
}

/**
 * A config mistake found at deploy time, as pulumi.RunError (the CLI prints its message alone).
 * Every resource input that awaits the failed value prefixes `error serializing property "x": `
 * to the same error object (@pulumi/pulumi runtime/rpc.js), once per consumer; the message is
 * kept as written so the user reads the one line that names the key and the fix.
 */
function oneLineRunError(message: string): pulumi.RunError {
    const e = new pulumi.RunError(message);
    Object.defineProperty(e, "message", { get: () => message, set: () => undefined, enumerable: false, configurable: true });
    return e;
}

/**
 * The break-glass role, checked against the deploying account: the region key grants only its own
 * account's roles (components/keys/key-policy), and the account is known only at deploy time, so
 * this is the one component rule config validation cannot run. A mismatch stops the program with
 * one line naming the key (pulumi.RunError: exit 2 offline, no stack trace in the CLI).
 */
export function breakGlassRoleArn(config: StackConfig, accountId: pulumi.Input<string>, partition: pulumi.Input<string>): pulumi.Output<string> {
    const arn = config.storage.breakGlassRoleArn;
    if (arn === undefined) return pulumi.interpolate`arn:${partition}:iam::${accountId}:role/${DEFAULT_BREAK_GLASS_ROLE_NAME}`;
    return pulumi.output(accountId).apply((account) => {
        const roleAccount = arn.split(":")[4];
        if (roleAccount !== account) {
            throw oneLineRunError(
                `${config.file}: spot-grid:storage.breakGlassRoleArn: ${arn} is in account ${roleAccount}, but the stack deploys to account ${account}; name a role in ${account} (the region key grants only its own account's roles), or leave it unset for ${DEFAULT_BREAK_GLASS_ROLE_NAME} in ${account}`,
            );
        }
        return arn;
    });
}

export function regionalDataArgs(config: StackConfig, stacks: readonly StackConfig[], provider: aws.Provider): RegionalGridArgs["data"] {
    const s = config.storage;
    const identity = aws.getCallerIdentityOutput({}, { provider });
    const partition = aws.getPartitionOutput({}, { provider }).partition;
    return {
        accountId: identity.accountId,
        partition,
        breakGlassRoleArn: breakGlassRoleArn(config, identity.accountId, partition),
        uploaderPrincipalArn: s.uploaderPrincipalArn,
        replicationSources: replicationSources(stacks, config.stack).map((src) => ({ stack: src.stack, region: src.region })),
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
