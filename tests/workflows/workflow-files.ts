/** Loads the GitHub workflows as plain objects for the workflow tests. */
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";

export const ROOT = path.resolve(__dirname, "..", "..");
export const WORKFLOWS = path.join(ROOT, ".github", "workflows");

export interface Step {
    name?: string;
    id?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, unknown>;
    [key: string]: unknown;
}

export interface Job {
    name?: string;
    needs?: string | string[];
    if?: string;
    uses?: string;
    with?: Record<string, unknown>;
    permissions?: Record<string, string> | string;
    strategy?: { matrix?: { include?: Record<string, string>[] } & Record<string, unknown>; [key: string]: unknown };
    steps?: Step[];
    [key: string]: unknown;
}

export interface Workflow {
    name: string;
    on: Record<string, unknown>;
    permissions?: Record<string, string> | string;
    jobs: Record<string, Job>;
}

export function workflowFiles(): string[] {
    return fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
}

/** Parses one workflow; throws with every YAML error when it is not valid YAML. */
export function loadWorkflow(file: string): Workflow {
    const doc = parseDocument(fs.readFileSync(path.join(WORKFLOWS, file), "utf8"), { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    return doc.toJS() as Workflow;
}

export function needsOf(job: Job): string[] {
    return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** Every `uses:` in a workflow: job-level (reusable workflows) and step-level, with where it is. */
export function usesOf(wf: Workflow): { where: string; uses: string; with?: Record<string, unknown> }[] {
    const found: { where: string; uses: string; with?: Record<string, unknown> }[] = [];
    for (const [id, job] of Object.entries(wf.jobs)) {
        if (job.uses) found.push({ where: `jobs.${id}`, uses: job.uses, with: job.with });
        (job.steps ?? []).forEach((s, i) => {
            if (s.uses) found.push({ where: `jobs.${id}.steps[${i}]`, uses: s.uses, with: s.with });
        });
    }
    return found;
}
