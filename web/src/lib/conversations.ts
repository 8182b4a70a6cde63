import { t } from '$lib/i18n';

interface Titled {
  kind: 'DIRECT' | 'TEAM';
  asTeam: boolean;
  organization: { name: string } | null;
  others: ReadonlyArray<{ displayName: string }>;
}

/**
 * What a conversation is called for the viewer: the other member; the organization's team for the
 * person who wrote to it; that person and the organization for the team.
 */
export function conversationTitle(conversation: Titled): string {
  const names = conversation.others.map((other) => other.displayName).join(', ') || t('conversations.deletedAccount');
  if (conversation.kind === 'TEAM' && conversation.organization) {
    return conversation.asTeam
      ? t('conversations.teamWith', { names, organization: conversation.organization.name })
      : t('conversations.teamOf', { name: conversation.organization.name });
  }
  return names;
}
