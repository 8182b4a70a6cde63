import DataLoader from 'dataloader';
import type { Context } from '../../graphql/context.js';
import { Organization } from '../reseau/organization.entity.js';
import { coOrganizerIds, seatCounts, type SeatCounts } from './agenda.queries.js';
import type { AgendaEvent } from './event.entity.js';
import { canManageEvent } from './events.service.js';

/**
 * Per-request batches for the fields of an event: several fields need its seat counts or whether
 * the viewer manages it, and each is read once per event and request; a list of events costs one
 * statement for all of them.
 */
export interface AgendaLoaders {
  seats: DataLoader<string, SeatCounts>;
  coOrganizers: DataLoader<string, Organization[]>;
  canManage: DataLoader<AgendaEvent, boolean, string>;
}

const perRequest = new WeakMap<Context, AgendaLoaders>();

export function loaders(ctx: Context): AgendaLoaders {
  let found = perRequest.get(ctx);
  if (!found) {
    found = {
      seats: new DataLoader(async (eventIds) => {
        const counts = await seatCounts(ctx.em, eventIds);
        return eventIds.map((id) => counts.get(id) ?? { confirmed: 0, waiting: 0 });
      }),
      coOrganizers: new DataLoader(async (eventIds) => {
        const links = await coOrganizerIds(ctx.em, eventIds);
        const organizations = await ctx.em.find(
          Organization,
          { id: { $in: links.map((link) => link.organizationId) } },
          { orderBy: { name: 'asc' } },
        );
        return eventIds.map((eventId) => {
          const ids = new Set(links.filter((link) => link.eventId === eventId).map((link) => link.organizationId));
          return organizations.filter((organization) => ids.has(organization.id));
        });
      }),
      canManage: new DataLoader((events) => Promise.all(events.map((event) => canManageEvent(ctx.em, event, ctx.user))), {
        cacheKeyFn: (event) => event.id,
      }),
    };
    perRequest.set(ctx, found);
  }
  return found;
}
