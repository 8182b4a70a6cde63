import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql } from '../../db/sql.js';
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { pgTextArray } from '../../shared/pg-array.js';

/**
 * @mentions: the editor's picker inserts `@[Prénom Nom](membre:<id>)`, so a mention names a member by
 * id (a homonym or a later change of name never sends it to someone else). Rendered as a link to the
 * profile; without JavaScript, `@Prénom Nom` typed by hand stays plain text and notifies nobody.
 */
export const MENTIONS_MAX = 5;

const MENTION = /@\[([^\]\n]{1,80})\]\(membre:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/gi;

/** The members a text mentions, each once, in order. */
export function mentionedIds(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((match) => match[2].toLowerCase()))];
}

/** More than MENTIONS_MAX members in one text is refused (a mass-notification guard). */
export function checkMentions(text: string): void {
  if (mentionedIds(text).length > MENTIONS_MAX)
    throw badInput({
      body: say(`Mentionnez ${MENTIONS_MAX} personnes au plus dans un même texte.`, `Mention ${MENTIONS_MAX} people at most in one text.`),
    });
}

/** Mentions → Markdown links to the profile, before rendering (`[@Nom](/membres/<id>)`). */
export function withMentionLinks(markdown: string): string {
  return markdown.replace(MENTION, (_all, name: string, id: string) => `[@${name.replace(/[[\]]/g, '')}](/membres/${id.toLowerCase()})`);
}

/**
 * Records who a text mentions and tells each newly mentioned member, once per text (an edit that keeps
 * a mention sends nothing again); never the author. Returns who was told.
 */
export async function recordMentions(
  em: EntityManager,
  input: {
    content: `${'question' | 'answer' | 'comment'}:${string}`;
    questionId: string;
    body: string;
    author: { id: string; displayName: string };
    title: string;
    link: string;
  },
): Promise<string[]> {
  const ids = mentionedIds(input.body).filter((id) => id !== input.author.id);
  if (ids.length === 0) return [];
  const added = await query<{ member_id: string }>(
    em,
    sql`insert into question_mention (id, content, question_id, member_id)
        select gen_random_uuid(), ${input.content}, ${input.questionId}, u.id from member_card u
         where u.id = any(${pgTextArray(ids)}::uuid[]) and u.status = 'active'
        on conflict (content, member_id) do nothing
        returning member_id`,
  );
  const told = added.map((row) => row.member_id);
  await notify(
    em,
    told,
    {
      kind: 'entraide.mention',
      text: say(
        `${input.author.displayName} vous a mentionné·e dans « ${input.title} »`,
        `${input.author.displayName} mentioned you in "${input.title}"`,
      ),
      link: input.link,
    },
    input.author.id,
  );
  return told;
}
