/**
 * Imports started from the web page (import.http.ts) run as jobs of the process that received the file:
 * their progress lives in this process's memory (a restart forgets an import under way, whose transaction is
 * then rolled back), and a finished report is kept one hour for the person who sent the file, to read and to
 * download as CSV. Behind several processes, the page's polling must reach the same one (sticky sessions).
 */
import { randomUUID } from 'node:crypto';
import type { Text } from '../../i18n/lang.js';
import type { ImportProgress, ImportReport } from './import.service.js';

export type ImportJobState = 'running' | 'done' | 'failed';

export interface ImportJob {
  id: string;
  ownerId: string;
  networkId: string | null;
  source: string | null;
  fileName: string;
  bytes: number;
  state: ImportJobState;
  progress: ImportProgress;
  report: ImportReport | null;
  /** Why the whole file was refused (unreadable, too many rows…), or that the import failed. */
  error: Text | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** Settles when the job ends (done or failed); never rejects. */
  finished: Promise<void>;
}

/** How long a finished report stays readable. */
export const REPORT_KEPT_MS = 60 * 60 * 1000;

const jobs = new Map<string, ImportJob>();

function forgetOldReports(now = Date.now()): void {
  for (const [id, job] of jobs) if (job.finishedAt && now - job.finishedAt.getTime() > REPORT_KEPT_MS) jobs.delete(id);
}

export function runningJobOf(ownerId: string): ImportJob | undefined {
  return [...jobs.values()].find((job) => job.ownerId === ownerId && job.state === 'running');
}

/** The job, for its owner only (anyone else, or a forgotten job: undefined). */
export function jobOf(id: string, ownerId: string): ImportJob | undefined {
  forgetOldReports();
  const job = jobs.get(id);
  return job && job.ownerId === ownerId ? job : undefined;
}

/** Starts `run` as a job; `run` reports its progress through the callback it is given. */
export function startJob(
  meta: Pick<ImportJob, 'ownerId' | 'networkId' | 'source' | 'fileName' | 'bytes'>,
  run: (onProgress: (progress: ImportProgress) => void) => Promise<ImportReport>,
  failure: (error: unknown) => Text,
): ImportJob {
  forgetOldReports();
  const job: ImportJob = {
    ...meta,
    id: randomUUID(),
    state: 'running',
    progress: { read: 0, total: 0, created: 0, updated: 0, linked: 0, unchanged: 0, rejected: 0 },
    report: null,
    error: null,
    startedAt: new Date(),
    finishedAt: null,
    finished: Promise.resolve(),
  };
  jobs.set(job.id, job);
  job.finished = run((progress) => {
    job.progress = { ...progress };
  }).then(
    (report) => {
      job.report = report;
      job.progress = {
        read: report.total,
        total: report.total,
        created: report.created,
        updated: report.updated,
        linked: report.linked,
        unchanged: report.unchanged,
        rejected: report.rejected,
      };
      job.state = 'done';
      job.finishedAt = new Date();
    },
    (error: unknown) => {
      job.error = failure(error);
      job.state = 'failed';
      job.finishedAt = new Date();
    },
  );
  return job;
}
