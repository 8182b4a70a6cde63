import type { Lang } from '$lib/i18n';
import type { SignedInUser, UnreadCounts } from '$lib/server/user';

declare global {
  namespace App {
    interface Locals {
      lang: Lang;
      /** Who is signed in, resolved once per request in hooks.server.ts; null for a visitor. */
      user: SignedInUser | null;
      /** The header's unread counts, when hooks.server.ts asked them with the user (a page rendered whole). */
      unread: UnreadCounts | null;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
