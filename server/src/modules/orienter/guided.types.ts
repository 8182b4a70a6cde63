import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A choice of a question of the guided orientation.' })
export class GuidedOrientationChoice {
  @Field(() => String, { description: 'The word in the address (`demarches`, `lundi-matin`, `marche`, `gratuit`…).' })
  key!: string;

  @Field(() => String)
  label!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The questions of the guided orientation and their choices, in everyday words.' })
export class GuidedOrientationQuestions {
  @Field(() => [GuidedOrientationChoice], { description: 'What the person needs (each one a service of the standard).' })
  needs!: GuidedOrientationChoice[];

  @Field(() => [GuidedOrientationChoice], { description: 'Days, Monday to Saturday.' })
  days!: GuidedOrientationChoice[];

  @Field(() => [GuidedOrientationChoice], { description: 'Half-days (`matin`, `apres-midi`); a slot is `<day>-<half-day>`.' })
  halfDays!: GuidedOrientationChoice[];

  @Field(() => [GuidedOrientationChoice])
  travel!: GuidedOrientationChoice[];

  @Field(() => [GuidedOrientationChoice], { description: 'What the person needs to be welcomed.' })
  welcome!: GuidedOrientationChoice[];
}

@ObjectType({ simpleResolvers: true, description: 'A place proposed by the orientation, with why it fits.' })
export class GuidedOrientationPlace {
  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  adresse!: string | null;

  @Field(() => String, { nullable: true })
  commune!: string | null;

  @Field(() => String, { nullable: true })
  telephone!: string | null;

  @Field(() => Float, { nullable: true })
  distanceKm!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Open at one of the chosen half-days; false: closed at all; null: unknown or none chosen.',
  })
  openAtChosenTimes!: boolean | null;

  @Field(() => Boolean, { description: 'Comes to the person (itinerant) or helps from a distance.' })
  comesToThePerson!: boolean;

  @Field(() => [String], { description: 'Why it fits, in words.' })
  reasons!: string[];

  @Field(() => [String], { description: 'What does not fit, in words.' })
  warnings!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'The places for a person’s answers.' })
export class GuidedOrientationResult {
  @Field(() => String)
  needKey!: string;

  @Field(() => String)
  needLabel!: string;

  @Field(() => String, { description: 'Where the search starts, in words.' })
  origin!: string;

  @Field(() => [GuidedOrientationPlace])
  places!: GuidedOrientationPlace[];

  @Field(() => Boolean, { description: 'Nothing fits within reach: `places` are the nearest that offer the need.' })
  fallback!: boolean;

  @Field(() => [GuidedOrientationPlace], { description: 'Places that come to the person or help from a distance (phone).' })
  comesToThePerson!: GuidedOrientationPlace[];
}

@ObjectType({ simpleResolvers: true })
export class FicheHoursLine {
  @Field(() => String, { description: '"lundi au vendredi".' })
  day!: string;

  @Field(() => String, { description: '"9 h – 12 h, 14 h – 17 h" or "fermé".' })
  hours!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The fiche d’orientation of a place: what a person needs to go there.' })
export class OrientationFiche {
  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  accessHint!: string | null;

  @Field(() => String, { nullable: true })
  directionsUrl!: string | null;

  @Field(() => [FicheHoursLine], { nullable: true })
  hours!: FicheHoursLine[] | null;

  @Field(() => String, { nullable: true })
  telephone!: string | null;

  @Field(() => String, { nullable: true })
  appointmentUrl!: string | null;

  @Field(() => String, { nullable: true })
  needLabel!: string | null;

  @Field(() => [String])
  toBring!: string[];

  @Field(() => String, { nullable: true })
  helperName!: string | null;

  @Field(() => String, { description: 'The fiche in at most 300 characters, for a text message.' })
  smsText!: string;
}
