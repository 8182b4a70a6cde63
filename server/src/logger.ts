import { pino } from 'pino';

/** Structured JSON logs (one line per event), as operators of a real deployment expect. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info'),
  base: { app: 'maillage' },
});
