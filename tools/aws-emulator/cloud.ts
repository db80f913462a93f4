/**
 * The emulated AWS account's contents: one JSON file that the provider plugin reads and writes as
 * AWS would hold the resources, and that the console command edits as a person in the AWS console
 * would. Several plugin processes (the engine starts one per provider, stacks may deploy side by
 * side) share it, so every read-modify-write holds a lock directory next to the file.
 */
import * as fs from "fs";
import * as path from "path";

export type Props = Record<string, any>;

/** Names the account file for the plugin and the console command. */
export const CLOUD_ENV = "SPOT_GRID_AWS_CLOUD";

export interface CloudResource {
    type: string;
    region: string;
    /** The physical id (bucket name, vpc-..., key id). */
    id: string;
    /**
     * The URN of the Pulumi resource that created it. AWS does not know it: it is the emulator's
     * bookkeeping, so the console command can find "the mumbai workers security group".
     */
    urn: string;
    /** The arguments it was created or last changed with, as the provider reads them back. */
    inputs: Props;
    /** Everything AWS reports about it. */
    outputs: Props;
    /**
     * Set when someone took away the right to read it (a key or bucket policy that locks the
     * deployer out): every read fails with AWS's 403, as refresh would meet it.
     */
    readDenied?: true;
}

export interface Cloud {
    version: 1;
    resources: Record<string, CloudResource>;
}

/** Where a resource lives in the file: region, type and physical id. */
export function cloudKey(region: string, type: string, id: string): string {
    return `${region}/${type}/${id}`;
}

const LOCK_TIMEOUT_MS = 60_000;
/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 30_000;

function sleep(ms: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquire(lock: string): void {
    const deadline = Date.now() + LOCK_TIMEOUT_MS;
    for (;;) {
        try {
            fs.mkdirSync(lock);
            return;
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        }
        try {
            if (Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
        } catch {
            // released meanwhile
        }
        if (Date.now() > deadline) throw new Error(`AWS emulator: ${lock} held for over ${LOCK_TIMEOUT_MS / 1000}s; remove it if no emulator is running`);
        sleep(5 + Math.floor(Math.random() * 20));
    }
}

export class CloudStore {
    constructor(readonly file: string) {}

    private read(): Cloud {
        let text: string;
        try {
            text = fs.readFileSync(this.file, "utf8");
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, resources: {} };
            throw e;
        }
        const cloud = JSON.parse(text) as Cloud;
        if (cloud?.version !== 1 || typeof cloud.resources !== "object") throw new Error(`${this.file}: not an AWS emulator cloud file (version 1)`);
        return cloud;
    }

    /** Runs `fn` on the current contents under the lock; writes them back when `fn` says it changed them. */
    transact<T>(fn: (cloud: Cloud) => { result: T; changed: boolean }): T {
        const lock = `${this.file}.lock`;
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        acquire(lock);
        try {
            const cloud = this.read();
            const { result, changed } = fn(cloud);
            if (changed) {
                const tmp = `${this.file}.${process.pid}.tmp`;
                fs.writeFileSync(tmp, JSON.stringify(cloud, null, 1) + "\n");
                fs.renameSync(tmp, this.file);
            }
            return result;
        } finally {
            fs.rmSync(lock, { recursive: true, force: true });
        }
    }

    /** A snapshot of every resource. */
    list(): CloudResource[] {
        return this.transact((c) => ({ result: Object.values(c.resources), changed: false }));
    }

    get(region: string, type: string, id: string): CloudResource | undefined {
        return this.transact((c) => ({ result: c.resources[cloudKey(region, type, id)], changed: false }));
    }

    /** Stores a new resource; AWS refuses to create what already exists. */
    create(resource: CloudResource): void {
        this.transact((c) => {
            const key = cloudKey(resource.region, resource.type, resource.id);
            if (c.resources[key]) throw new Error(`${resource.type} ${resource.id} already exists in ${resource.region}`);
            c.resources[key] = resource;
            return { result: undefined, changed: true };
        });
    }

    /** Replaces a resource's recorded state. @throws when it no longer exists (AWS: not found). */
    update(resource: CloudResource): void {
        this.transact((c) => {
            const key = cloudKey(resource.region, resource.type, resource.id);
            if (!c.resources[key]) throw new Error(`${resource.type} ${resource.id} not found in ${resource.region}`);
            c.resources[key] = resource;
            return { result: undefined, changed: true };
        });
    }

    /** Deletes a resource; deleting what is already gone succeeds, as the provider treats it. */
    delete(region: string, type: string, id: string): boolean {
        return this.transact((c) => {
            const key = cloudKey(region, type, id);
            const existed = key in c.resources;
            delete c.resources[key];
            return { result: existed, changed: existed };
        });
    }
}
