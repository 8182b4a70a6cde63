import type { Lang } from '$lib/i18n';
import type { Visit } from '$lib/server/user';

declare global {
  namespace App {
    interface Locals {
      lang: Lang;
      /** Who is signed in, asked once per request when first needed: read it with `signedIn(event)` ($lib/server/user). */
      visit?: Promise<Visit>;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
