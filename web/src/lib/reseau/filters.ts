/** URL parameter → enumerated filter of the standard (the URL keeps every filter: shareable, back button works). */
export const LIST_FILTERS = {
  service: 'services',
  public: 'publicsSpecifiquementAdresses',
  accueil: 'priseEnChargeSpecifique',
  frais: 'fraisACharge',
  accompagnement: 'modalitesAccompagnement',
  programme: 'dispositifProgrammesNationaux',
  label: 'formationsLabels',
  itinerance: 'itinerance',
} as const;

export type ListFilterParam = keyof typeof LIST_FILTERS;
