/** What shared links and search engines read of a page (docs/web.md, "Partage"). */
export const fr = {
  'partage.defaultDescription':
    'Maillage, le réseau de la médiation numérique : des lieux pour se faire aider, des ateliers, de l’entraide et des projets, près de chez vous.',
  'partage.eventImageAlt': 'Carte de l’événement « {title} »',
  'partage.online': 'En ligne',
  'partage.memberDescription':
    '{details}Profil {name_elision, select, vowel {d’{name}} other {de {name}}} sur Maillage, l’espace commun de la médiation numérique.',
};

export const en = {
  'partage.defaultDescription':
    'Maillage, the digital inclusion network: places to get help, workshops, mutual help and projects, near you.',
  'partage.eventImageAlt': 'Card of the event “{title}”',
  'partage.online': 'Online',
  'partage.memberDescription': '{details}Profile of {name} on Maillage, the shared space of digital mediation.',
};
