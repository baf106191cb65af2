/**
 * Jobs: how the native EVS APIs and ECS report asynchronous work. A job is `RUNNING` until the
 * work's transition has run, then `SUCCESS` or `FAIL` (with an error code and reason). ECS
 * batch jobs carry one sub-job per server. Finished jobs are kept (a client may poll late)
 * up to `KEPT_JOBS`, the oldest finished ones dropped first, so memory stays bounded.
 */
import { randomUUID } from "node:crypto";
import type { HuaweiCall } from "./call.ts";
import type { HuaweiJob, HuaweiState } from "./model.ts";

const KEPT_JOBS = 10_000;

export interface StartedJob {
  job: HuaweiJob;
  /** Ends the job at `at`; a failure reason fails it. */
  finish(at: number, failure?: string): void;
}

export function startJob(call: HuaweiCall, service: HuaweiJob["service"], type: string, entities: Record<string, unknown>): StartedJob {
  const job = newJob(call.now, service, type, entities);
  call.state.jobs.set(job.id, job);
  forgetOldJobs(call.state);
  return { job, finish: (at, failure) => finishJob(job, at, failure) };
}

export function newJob(now: number, service: HuaweiJob["service"], type: string, entities: Record<string, unknown>): HuaweiJob {
  return { id: randomUUID(), service, type, status: "RUNNING", entities, beginAt: now, endAt: null, errorCode: null, failReason: null };
}

export function finishJob(job: HuaweiJob, at: number, failure?: string): void {
  job.status = failure === undefined ? "SUCCESS" : "FAIL";
  job.endAt = at;
  if (failure !== undefined) {
    // ECS documents no job error codes in our spec (ERRATA 94): the reason says what failed.
    job.errorCode = job.service === "evs" ? "EVS.5500" : null;
    job.failReason = failure;
  }
}

function forgetOldJobs(state: HuaweiState): void {
  if (state.jobs.size <= KEPT_JOBS) return;
  for (const [id, job] of state.jobs) {
    if (job.status !== "RUNNING") state.jobs.delete(id);
    if (state.jobs.size <= KEPT_JOBS) return;
  }
}
