import { error, fail } from '@sveltejs/kit';
import { clockIn, dayIn } from '$lib/format';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PROGRAM = graphql(`
  query BarcampProgram($id: ID!) {
    event(id: $id) {
      id
      kind
      title
      dateText
      startsAt
      timeZone
      themes
      canEdit
      myRegistration {
        status
      }
      barcampRooms {
        id
        name
        capacity
      }
      barcampSlots {
        id
        startsAt
        endsAt
      }
      barcampSessions(programOrder: true) {
        id
        title
        pitch
        theme
        speakers {
          id
          displayName
          hasProfile
        }
        interestCount
        interestedByMe
        roomId
        roomName
        slotId
        startsAt
        endsAt
        notesHtml
        notes
        canEditNotes
      }
    }
  }
`);
const PROPOSE = graphql(`
  mutation BarcampPropose($input: ProposeSessionInput!) {
    proposeSession(input: $input) {
      id
    }
  }
`);
const INTEREST = graphql(`
  mutation BarcampInterest($input: MarkInterestInput!) {
    markInterest(input: $input) {
      id
      interestCount
    }
  }
`);
const SCHEDULE = graphql(`
  mutation BarcampSchedule($input: ScheduleSessionInput!) {
    scheduleSession(input: $input) {
      id
    }
  }
`);
const AUTO = graphql(`
  mutation BarcampAuto($input: AutoScheduleInput!) {
    autoScheduleBarcamp(input: $input) {
      placed
      unplaced
      clashes
      overCapacity
    }
  }
`);
const GRID = graphql(`
  mutation BarcampGrid($input: SaveBarcampGridInput!) {
    saveBarcampGrid(input: $input) {
      id
    }
  }
`);
const NOTES = graphql(`
  mutation BarcampNotes($input: SaveSessionNotesInput!) {
    saveSessionNotes(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, PROGRAM, { id: event.params.id });
  if (!data.event || data.event.kind !== 'BARCAMP') error(404, { message: translate(event.locals.lang, 'error.404Text') });
  const e = data.event;
  return {
    event: e,
    gridText: {
      rooms: e.barcampRooms.map((r) => `${r.name} ; ${r.capacity}`).join('\n'),
      slots: e.barcampSlots.map((s) => `${clockIn(s.startsAt, e.timeZone)} – ${clockIn(s.endsAt, e.timeZone)}`).join('\n'),
    },
  };
};

export const actions: Actions = {
  propose: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      PROPOSE,
      {
        input: { eventId: event.params.id, title: values.title ?? '', pitch: values.pitch ?? '', theme: values.theme || null },
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { proposed: true };
  },
  interest: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, INTEREST, { input: { sessionId: values.sessionId ?? '', interested: values.on === '1' } });
    if (!result.ok) return result.failure;
    return {};
  },
  schedule: async (event) => {
    const values = formValues(await event.request.formData());
    const remove = values.remove === '1';
    const result = await mutate(event, SCHEDULE, {
      input: {
        sessionId: values.sessionId ?? '',
        roomId: remove ? null : values.roomId || null,
        slotId: remove ? null : values.slotId || null,
      },
    });
    if (!result.ok) return result.failure;
    return { placed: true };
  },
  auto: async (event) => {
    const result = await mutate(event, AUTO, { input: { eventId: event.params.id } });
    if (!result.ok) return result.failure;
    return { autoPlaced: result.data.autoScheduleBarcamp };
  },
  grid: async (event) => {
    const values = formValues(await event.request.formData());
    const current = await query(event, PROGRAM, { id: event.params.id });
    const e = current.event!;
    // Slot times are written and read on the clock of the barcamp's place, as the API reads them.
    const day = dayIn(e.startsAt, e.timeZone);
    // Rooms and slots that keep their name or times keep their id, so placed sessions stay placed.
    const rooms = (values.rooms ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [name, capacity] = line.split(/\s*;\s*/);
        const existing = e.barcampRooms.find((r) => r.name === name);
        return { id: existing?.id ?? null, name: name ?? '', capacity: Number(capacity ?? 0) || 0 };
      });
    const slots = (values.slots ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [start, end] = line.split(/\s*[–-]\s*/).map((part) => part.replace('h', ':').replace(/^(\d):/, '0$1:'));
        const existing = e.barcampSlots.find((s) => clockIn(s.startsAt, e.timeZone) === start && clockIn(s.endsAt, e.timeZone) === end);
        return { id: existing?.id ?? null, localStart: `${day}T${start}`, localEnd: `${day}T${end}` };
      });
    const result = await mutate(event, GRID, { input: { eventId: event.params.id, rooms, slots } }, values);
    if (!result.ok) {
      const fields: Record<string, string> = { ...result.failure.data.fields };
      const roomError = Object.entries(fields).find(([key]) => key.startsWith('rooms'))?.[1];
      const slotError = Object.entries(fields).find(([key]) => key.startsWith('slots'))?.[1];
      if (roomError) fields.rooms = roomError;
      if (slotError) fields.slots = slotError;
      return fail(result.failure.status, { ...result.failure.data, fields });
    }
    return { gridSaved: true };
  },
  notes: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, NOTES, { input: { sessionId: values.sessionId ?? '', notes: values.notes ?? '' } }, values);
    if (!result.ok) return result.failure;
    return { notesSaved: true };
  },
};
