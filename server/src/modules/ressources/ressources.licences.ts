import { say, type Text } from '../../i18n/lang.js';
import { ResourceKind, ResourceLicence } from './ressources.types.js';

/** Each licence's name and what it allows, in plain French (shown beside every resource). */
export const LICENCES: Record<ResourceLicence, { label: Text; meaning: Text; url: string | null }> = {
  [ResourceLicence.LICENCE_OUVERTE]: {
    label: say('Licence Ouverte 2.0 (Etalab)', 'Licence Ouverte 2.0 (Etalab)'),
    meaning: say(
      'Vous pouvez la réutiliser librement, y compris la modifier ou l’utiliser commercialement, en citant la source.',
      'You may reuse it freely, including changing it or using it commercially, if you credit the source.',
    ),
    url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
  },
  [ResourceLicence.CC_BY]: {
    label: say('Creative Commons Attribution (CC BY 4.0)', 'Creative Commons Attribution (CC BY 4.0)'),
    meaning: say(
      'Vous pouvez la copier, la modifier et la diffuser, même commercialement, en citant ses auteurs.',
      'You may copy, change and share it, even commercially, if you credit its authors.',
    ),
    url: 'https://creativecommons.org/licenses/by/4.0/deed.fr',
  },
  [ResourceLicence.CC_BY_SA]: {
    label: say(
      'Creative Commons Partage dans les mêmes conditions (CC BY-SA 4.0)',
      'Creative Commons Attribution-ShareAlike (CC BY-SA 4.0)',
    ),
    meaning: say(
      'Vous pouvez la copier, la modifier et la diffuser en citant ses auteurs, à condition de partager vos versions sous la même licence.',
      'You may copy, change and share it if you credit its authors and share your versions under the same licence.',
    ),
    url: 'https://creativecommons.org/licenses/by-sa/4.0/deed.fr',
  },
  [ResourceLicence.CC_BY_NC]: {
    label: say(
      'Creative Commons Pas d’utilisation commerciale (CC BY-NC 4.0)',
      'Creative Commons Attribution-NonCommercial (CC BY-NC 4.0)',
    ),
    meaning: say(
      'Vous pouvez la copier, la modifier et la diffuser en citant ses auteurs, mais pas pour un usage commercial.',
      'You may copy, change and share it if you credit its authors, but not for commercial use.',
    ),
    url: 'https://creativecommons.org/licenses/by-nc/4.0/deed.fr',
  },
  [ResourceLicence.TOUS_DROITS_RESERVES]: {
    label: say('Tous droits réservés', 'All rights reserved'),
    meaning: say(
      'Vous pouvez la consulter et l’utiliser dans vos accompagnements, mais pas la copier ni la diffuser sans l’accord de ses auteurs.',
      'You may read it and use it with the people you help, but not copy or share it without its authors’ consent.',
    ),
    url: null,
  },
};

export const KIND_LABELS: Record<ResourceKind, Text> = {
  [ResourceKind.FICHE_PRATIQUE]: say('Fiche pratique', 'Practical sheet'),
  [ResourceKind.PARCOURS]: say('Parcours', 'Course'),
  [ResourceKind.SUPPORT_ATELIER]: say('Support d’atelier', 'Workshop material'),
  [ResourceKind.KIT_FORMATION]: say('Kit de formation', 'Training kit'),
  [ResourceKind.OUTIL]: say('Outil', 'Tool'),
  [ResourceKind.VIDEO]: say('Vidéo', 'Video'),
  [ResourceKind.AUTRE]: say('Autre', 'Other'),
};
