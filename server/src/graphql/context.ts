import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { Lang } from '../i18n/lang.js';
import type { User } from '../modules/comptes/user.entity.js';
import type { AppConfig } from '../config.js';

/** What every resolver receives: a fresh EntityManager for this request, who asks, in which language. */
export interface Context {
  em: EntityManager;
  user: User | null;
  sessionId: string | null;
  lang: Lang;
  ip: string;
  req: Request;
  res: Response;
  config: AppConfig;
}
