import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/api.js';
import { CREATE_EVENT, REGISTER, eventInput, members, organizer } from '../helpers/agenda.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('registrations never overbook', () => {
  it(
    '200 simultaneous registrations for 50 seats over HTTP: exactly 50 confirmed, 150 waiting in arrival order',
    { timeout: 120_000 },
    async () => {
      const { client, organization } = await organizer(app);
      const { createEvent: event } = await client.data(CREATE_EVENT, {
        input: eventInput(organization.id, { title: 'Atelier très demandé', capacity: 50 }),
      });
      const people = await members(app, 200);

      const answers = await Promise.all(people.map((person) => person.client.request(REGISTER, { eventId: event.id })));

      const failures = answers.filter((a) => a.errors?.length);
      expect(failures).toEqual([]);
      const results = answers.map((a, i) => ({ userId: people[i].id, ...a.data!.registerToEvent }));
      const confirmed = results.filter((r) => r.status === 'CONFIRMED');
      const waiting = results.filter((r) => r.status === 'WAITLISTED');
      expect(confirmed).toHaveLength(50);
      expect(waiting).toHaveLength(150);
      // Each waiting person was told a different place in line: 1 to 150.
      expect(waiting.map((r) => r.waitlistPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));

      // The database agrees, and the line is the order of arrival: every confirmed person came
      // before every waiting one, and the places told match the order kept.
      const rows = await app.orm.em
        .getConnection()
        .execute<Array<{ user_id: string; status: string; queue_number: number }>>(
          `select user_id, status, queue_number from event_registration where event_id = ? order by queue_number`,
          [event.id],
        );
      expect(rows).toHaveLength(200);
      expect(new Set(rows.map((r) => r.queue_number)).size).toBe(200);
      expect(rows.slice(0, 50).every((r) => r.status === 'confirmed')).toBe(true);
      expect(rows.slice(50).every((r) => r.status === 'waitlisted')).toBe(true);
      const told = new Map(waiting.map((r) => [r.userId, r.waitlistPosition]));
      expect(rows.slice(50).map((r) => told.get(r.user_id))).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));

      const { event: seen } = await client.data(`query ($id: ID!) { event(id: $id) { confirmedCount waitlistCount remainingSeats } }`, {
        id: event.id,
      });
      expect(seen).toEqual({ confirmedCount: 50, waitlistCount: 150, remainingSeats: 0 });

      // Ten cancellations at once give their ten seats to the first ten waiting, in order.
      const leaving = confirmed.slice(0, 10).map((r) => people.find((p) => p.id === r.userId)!);
      const cancelled = await Promise.all(
        leaving.map((p) =>
          p.client.request(`mutation ($id: ID!) { cancelRegistration(input: { eventId: $id }) { status } }`, { id: event.id }),
        ),
      );
      expect(cancelled.filter((a) => a.errors?.length)).toEqual([]);
      const after = await app.orm.em
        .getConnection()
        .execute<Array<{ user_id: string; status: string }>>(
          `select user_id, status from event_registration where event_id = ? and status <> 'cancelled' order by queue_number`,
          [event.id],
        );
      const firstTen = rows.slice(50, 60).map((r) => r.user_id);
      expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(50);
      expect(firstTen.every((id) => after.find((r) => r.user_id === id)?.status === 'confirmed')).toBe(true);
      expect(after.find((r) => r.user_id === rows[60].user_id)?.status).toBe('waitlisted');
    },
  );

  it('the database itself refuses a confirmed seat beyond the capacity, whoever writes it', async () => {
    const { client, organization } = await organizer(app);
    const { createEvent: event } = await client.data(CREATE_EVENT, { input: eventInput(organization.id, { capacity: 1 }) });
    const [first, second] = await members(app, 2);
    await first.client.data(REGISTER, { eventId: event.id });
    await expect(
      app.orm.em
        .getConnection()
        .execute(
          `insert into event_registration (id, event_id, user_id, status, queue_number) values (gen_random_uuid(), ?, ?, 'confirmed', 2)`,
          [event.id, second.id],
        ),
    ).rejects.toThrow(/is full/);
  });
});
