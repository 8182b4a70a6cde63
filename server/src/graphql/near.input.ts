import { Field, Float, InputType } from 'type-graphql';

/** "Near a point" (`near { lat lng radiusKm }`, docs/architecture.md), shared by every section's search. */
@InputType({ description: 'A point (WGS 84) and a radius; each list says its default radius.' })
export class NearInput {
  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lng!: number;

  @Field(() => Float, { nullable: true, description: 'Kilometres.' })
  radiusKm?: number | null;
}
