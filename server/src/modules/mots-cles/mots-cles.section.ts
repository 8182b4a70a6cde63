import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import { Tag, TagFollow } from './tag.entity.js';
import { tagsPrivacy } from './mots-cles.privacy.js';

/** Mots-clés: one normalized list of tags shared by every section, and who follows which. */
export const motsClesSection = defineSection({
  name: 'mots-cles',
  label: say('Mots-clés', 'Tags'),
  tables: ['tag', 'tag_follow'],
  views: ['tag_card', 'tag_follower'],
  entities: [Tag, TagFollow],
  resolvers: [],
  myData: [tagsPrivacy],
});
