import type { PackDefinition } from "../lib/pack";
import { cloudtrailKms } from "./cloudtrailKms";
import { ebsEncrypted } from "./ebsEncrypted";
import { kmsKeyRotation } from "./kmsKeyRotation";
import { logsEncrypted } from "./logsEncrypted";
import { sqsKmsEncryption } from "./sqsKmsEncryption";
import { replicationEncrypted } from "./replicationEncrypted";
import { s3BucketKmsEncryption } from "./s3BucketKmsEncryption";
import { s3BucketKmsEncryptionPresent } from "./s3BucketKmsEncryptionPresent";
import { s3DenyInsecureTransport } from "./s3DenyInsecureTransport";
import { s3DenyInsecureTransportPresent } from "./s3DenyInsecureTransportPresent";

export const pack: PackDefinition = {
    name: "spot-grid-encryption",
    dir: "encryption",
    version: "0.1.0",
    description: "Encryption at rest with customer-managed KMS keys and in transit (TLS-only buckets).",
    enforcementLevel: "mandatory",
    policies: [
        s3BucketKmsEncryption,
        s3BucketKmsEncryptionPresent,
        s3DenyInsecureTransport,
        s3DenyInsecureTransportPresent,
        ebsEncrypted,
        kmsKeyRotation,
        replicationEncrypted,
        logsEncrypted,
        cloudtrailKms,
        sqsKmsEncryption,
    ],
};
