/**
 * @mentions as the person sees them and as the server reads them. The server knows a mention by its
 * markup, `@[Prénom Nom](membre:<id>)` (server/src/modules/entraide/entraide.mentions.ts); the text box
 * shows "@Prénom Nom" and keeps the members picked aside, and the markup is written back when the form
 * is sent. A picked name the person edits afterwards ("@Camil") is plain text again.
 */

/** A member picked in the list: the name shown after "@" and who it stands for. */
export interface PickedMember {
  displayName: string;
  id: string;
}

const MARKUP = /@\[([^\]\n]{1,80})\]\(membre:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/gi;

/** The markup of one mention, as the server reads it. */
export function mentionMarkup(member: PickedMember): string {
  return `@[${member.displayName}](membre:${member.id})`;
}

/** A text as sent (with markup) → what the box shows, and the members it mentions. */
export function readableMentions(sent: string): { text: string; picked: PickedMember[] } {
  const picked: PickedMember[] = [];
  const text = sent.replace(MARKUP, (_, displayName: string, id: string) => {
    picked.push({ displayName, id });
    return `@${displayName}`;
  });
  return { text, picked };
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The box's text → the text to send: each "@Name" of a member picked becomes their markup, the longest
 * names first ("@Anne Marie" is not "@Anne"), and only as a whole name (not "@Annette"). Of two namesakes,
 * the last picked.
 */
export function withMentionMarkup(text: string, picked: readonly PickedMember[]): string {
  if (picked.length === 0) return text;
  const byName = new Map(picked.map((member) => [member.displayName, member]));
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escaped);
  const mention = new RegExp(`@(${names.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(mention, (_, name: string) => mentionMarkup(byName.get(name)!));
}
