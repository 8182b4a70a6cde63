import { say, type Text } from '../../../i18n/lang.js';

/**
 * The words the "mes données" spreadsheets use for the fields many sections share (`createdAt`,
 * `title`…), in the member's language. A section names its own parts and fields in its provider's
 * `words` (mes-donnees-provider.ts), which win over these; a key nobody names keeps its JSON name.
 */
export const COMMON_WORDS: Readonly<Record<string, Text>> = {
  id: say('Identifiant', 'Id'),
  slug: say('Adresse courte', 'Short address'),
  createdAt: say('Date de création', 'Created on'),
  updatedAt: say('Date de mise à jour', 'Updated on'),
  at: say('Date', 'Date'),
  since: say('Depuis le', 'Since'),
  title: say('Titre', 'Title'),
  summary: say('Résumé', 'Summary'),
  description: say('Description', 'Description'),
  body: say('Texte', 'Text'),
  comment: say('Commentaire', 'Comment'),
  message: say('Message', 'Message'),
  note: say('Note', 'Note'),
  reason: say('Motif', 'Reason'),
  status: say('État', 'Status'),
  kind: say('Type', 'Type'),
  role: say('Rôle', 'Role'),
  tags: say('Mots-clés', 'Tags'),
  commune: say('Commune', 'Town'),
  departement: say('Département', 'Département'),
  organization: say('Organisation', 'Organization'),
  place: say('Lieu', 'Place'),
  visibility: say('Visibilité', 'Visibility'),
  hiddenReason: say('Motif du masquage par la modération', 'Why moderation hid it'),
  contentType: say('Type de contenu', 'Kind of content'),
  contentId: say('Identifiant du contenu', 'Content id'),
};

/** The words of the four columns of every spreadsheet of the archive. */
export const COLUMN_WORDS: readonly Text[] = [say('Rubrique', 'Part'), say('N°', 'No.'), say('Champ', 'Field'), say('Valeur', 'Value')];
