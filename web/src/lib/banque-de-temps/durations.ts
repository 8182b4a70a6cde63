/** The durations offered in the forms: a choice in a list is easier than typing minutes. */
export const DURATIONS = [15, 30, 45, 60, 90, 120, 150, 180, 210, 240, 300, 360, 420, 480, 600];

export const CATEGORIES = ['FORMATION', 'MATERIEL', 'USAGES', 'DEMARCHES', 'COMMUNICATION', 'ANIMATION', 'AUTRE'] as const;
