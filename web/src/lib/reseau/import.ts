import { formatNumber } from '$lib/format';

/** What the API's import route tells about one import (server/src/modules/reseau/import.http.ts). */
export interface ImportProgress {
  read: number;
  total: number;
  created: number;
  updated: number;
  linked: number;
  unchanged: number;
  rejected: number;
}

export interface ImportRowView {
  line: number;
  name: string | null;
  sourceId: string | null;
  outcome: 'created' | 'updated' | 'linked' | 'unchanged' | 'rejected';
  /** The outcome in the person's language ("créé", "rejeté"…). */
  outcomeLabel: string;
  place: { id: string; slug: string; name: string } | null;
  fields: string[];
  reasons: string[];
  notes: string[];
}

export interface ImportJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  fileName: string;
  bytes: number;
  networkId: string | null;
  source: string | null;
  progress: ImportProgress;
  error: string | null;
  /** The report as CSV, for a link. */
  csv: string;
  report: {
    format: string;
    encoding: string;
    source: string | null;
    v0Rows: number;
    total: number;
    created: number;
    updated: number;
    linked: number;
    unchanged: number;
    rejected: number;
    rows: ImportRowView[];
  } | null;
}

/** Bytes as megabytes: "50", "0,5" in French. */
export const megabytes = (bytes: number, lang: 'fr' | 'en'): string => formatNumber(bytes / 1024 / 1024, lang);
