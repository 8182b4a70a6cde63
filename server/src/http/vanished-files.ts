import type { Readable } from 'node:stream';
import type { RequestHandler, Response } from 'express';
import { logger } from '../logger.js';

/**
 * The web app's files are served by adapter-node's static handler (sirv), which lists them once at start and
 * then pipes the one asked into the answer without listening for its errors. A file gone since the start (a new
 * build written in place before the restart, a file removed by hand) makes that stream fail with ENOENT, and an
 * error nobody listens to stops the whole process. Every stream piped into an answer is listened to here: the
 * failure is logged and only that answer is given up (its headers are already written), the server goes on.
 */
export const surviveVanishedFiles: RequestHandler = (req, res, next) => {
  res.on('pipe', (source: Readable) => {
    source.once('error', (error) => giveUp(res, req.originalUrl, error));
  });
  next();
};

function giveUp(res: Response, url: string, error: Error): void {
  logger.warn({ err: error, url }, 'a file listed at start could not be read: this answer is given up');
  res.destroy();
}
