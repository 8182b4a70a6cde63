/**
 * Events received from the actors followed on other instances: kept as plain text (remote HTML is
 * never shown as HTML: tags are dropped, entities decoded, lengths bounded), read back in keyset pages.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../db/sql.js';

export interface RemoteEventFields {
  objectUri: string;
  actorUri: string;
  name: string;
  content: string;
  startsAt: Date;
  endsAt: Date | null;
  location: string | null;
  url: string | null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Remote HTML as plain text: paragraphs and line breaks kept as new lines, every tag dropped. */
export function plainText(html: string, max: number): string {
  const text = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/li>|<\/h\d>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16) || 32);
      if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)) || 32);
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Only http(s) links are kept (no `javascript:`). */
function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href.slice(0, 2000) : null;
  } catch {
    return null;
  }
}

export async function receiveRemoteEvent(em: EntityManager, event: RemoteEventFields): Promise<void> {
  // `name` is plain text in ActivityStreams (kept as written, shown escaped); `content` is HTML.
  const name = event.name.replace(/\s+/g, ' ').trim().slice(0, 300) || '(sans titre)';
  await execute(
    em,
    sql`insert into federation_remote_event (object_uri, actor_uri, name, content, starts_at, ends_at, location, url)
         values (${event.objectUri}, ${event.actorUri}, ${name}, ${plainText(event.content, 5000)}, ${event.startsAt}, ${event.endsAt},
                 ${event.location ? plainText(event.location, 600) : null}, ${safeUrl(event.url)})
         on conflict (object_uri) do update set name = excluded.name, content = excluded.content, starts_at = excluded.starts_at,
           ends_at = excluded.ends_at, location = excluded.location, url = excluded.url, updated_at = now()
         where federation_remote_event.actor_uri = excluded.actor_uri`,
  );
}

export interface RemoteEventRow {
  object_uri: string;
  actor_uri: string;
  actor_name: string | null;
  actor_handle: string | null;
  name: string;
  content: string;
  starts_at: Date;
  ends_at: Date | null;
  location: string | null;
  url: string | null;
}

/** Upcoming remote events, soonest first, one keyset page on (starts_at, object_uri). */
export async function upcomingRemoteEvents(
  em: EntityManager,
  limit: number,
  after: { startsAt: Date; objectUri: string } | null,
  now = new Date(),
): Promise<RemoteEventRow[]> {
  const from = after
    ? sql`(e.starts_at, e.object_uri) > (${after.startsAt}, ${after.objectUri})`
    : sql`e.starts_at >= ${new Date(now.getTime() - 86_400_000)}`;
  return query<RemoteEventRow>(
    em,
    sql`select e.object_uri, e.actor_uri, f.name as actor_name, f.handle as actor_handle, e.name, e.content, e.starts_at, e.ends_at,
               e.location, e.url
          from federation_remote_event e
          left join lateral (select name, handle from federation_following where actor_uri = e.actor_uri limit 1) f on true
         where ${from} and coalesce(e.ends_at, e.starts_at) >= ${now}
         order by e.starts_at, e.object_uri limit ${limit}`,
  );
}
