import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyGrid, proposeGrid, type GridProposal, type GridRoom, type GridSession, type GridSlot } from './barcamp-grid.js';

const hour = (h: number) => new Date(Date.UTC(2027, 2, 13, h));
const slots: GridSlot[] = [1, 2, 3].map((n) => ({ id: `creneau-${n}`, startsAt: hour(8 + n), endsAt: hour(9 + n) }));
const people = (group: string, count: number) => Array.from({ length: count }, (_, i) => `${group}${i}`);

function session(id: string, interestedIds: string[], speakerIds: string[] = [`orateur-${id}`]): GridSession {
  return { id, speakerIds, interestedIds };
}

function slotOf(proposal: GridProposal, id: string): string | undefined {
  return proposal.placements.find((p) => p.sessionId === id)?.slotId;
}

describe('the barcamp grid', () => {
  // Three groups of people each want one "big" session and one "small" one. The greedy placement fills the large
  // room first, then puts each small session at the same hour as the big session its audience also wants.
  const x = people('x', 6);
  const y = people('y', 5);
  const z = people('z', 4);
  const sessions = [
    session('grande-x', [...x, 'a1', 'a2']),
    session('grande-y', [...y, 'a3']),
    session('grande-z', [...z, 'a4']),
    session('petite-x', x.slice(0, 3)),
    session('petite-y', y.slice(0, 3)),
    session('petite-z', z.slice(0, 3)),
  ];
  const rooms: GridRoom[] = [
    { id: 'grande-salle', capacity: 40 },
    { id: 'petite-salle', capacity: 10 },
  ];

  it('beats the greedy placement on a crafted interest matrix: nobody has to choose between two wanted sessions', () => {
    const greedy = greedyGrid(sessions, rooms, slots);
    expect(greedy.clashes).toBe(9);
    const proposal = proposeGrid(sessions, rooms, slots, { seed: 'barcamp-1' });
    expect(proposal.clashes).toBe(0);
    expect(proposal.unplacedIds).toEqual([]);
    for (const group of ['x', 'y', 'z']) expect(slotOf(proposal, `grande-${group}`)).not.toBe(slotOf(proposal, `petite-${group}`));
    // The most-wanted sessions still get the large room.
    for (const id of ['grande-x', 'grande-y', 'grande-z'])
      expect(proposal.placements.find((p) => p.sessionId === id)?.roomId).toBe('grande-salle');
  });

  it('never puts a speaker in two rooms at once, even when that leaves a clash', () => {
    // Camille speaks in both sessions: they must be at different hours, so a shared audience cannot be avoided
    // only when there is one slot — then one session stays off the grid.
    const both = ['p1', 'p2'];
    const camille = ['camille'];
    const oneSlot = [slots[0]];
    const proposal = proposeGrid([session('a', both, camille), session('b', both, camille)], rooms, oneSlot, { seed: 's' });
    expect(proposal.placements).toHaveLength(1);
    expect(proposal.unplacedIds).toHaveLength(1);
    const twoSlots = proposeGrid([session('a', both, camille), session('b', both, camille)], rooms, slots.slice(0, 2), { seed: 's' });
    expect(twoSlots.placements).toHaveLength(2);
    expect(slotOf(twoSlots, 'a')).not.toBe(slotOf(twoSlots, 'b'));
  });

  it('puts a session in a room that holds its audience when it can', () => {
    const crowd = people('c', 30);
    const proposal = proposeGrid(
      [session('populaire', crowd), session('intime', ['i1'])],
      [
        { id: 'petite', capacity: 12 },
        { id: 'grande', capacity: 35 },
      ],
      [slots[0]],
      { seed: 'capacite' },
    );
    expect(proposal.placements.find((p) => p.sessionId === 'populaire')?.roomId).toBe('grande');
    expect(proposal.overCapacity).toBe(0);
  });

  it('gives the same proposal for the same barcamp', () => {
    const first = proposeGrid(sessions, rooms, slots, { seed: 'evenement-42' });
    const second = proposeGrid(sessions, rooms, slots, { seed: 'evenement-42' });
    expect(second).toEqual(first);
  });

  it('on random barcamps: one session per cell, no speaker twice at once, never worse than greedy', () => {
    const arbitraryBarcamp = fc.record({
      roomCount: fc.integer({ min: 1, max: 3 }),
      slotCount: fc.integer({ min: 1, max: 3 }),
      sessions: fc.array(
        fc.record({
          speakers: fc.subarray(['s1', 's2', 's3', 's4'], { minLength: 1, maxLength: 2 }),
          interested: fc.subarray(people('p', 12)),
        }),
        { maxLength: 9 },
      ),
    });
    fc.assert(
      fc.property(arbitraryBarcamp, ({ roomCount, slotCount, sessions: drawn }) => {
        const gridSessions = drawn.map((s, i) => session(`s${i}`, s.interested, s.speakers));
        const gridRooms = Array.from({ length: roomCount }, (_, i) => ({ id: `r${i}`, capacity: 3 + 3 * i }));
        const gridSlots = slots.slice(0, slotCount);
        const proposal = proposeGrid(gridSessions, gridRooms, gridSlots, { seed: 'propriete', steps: 3_000 });
        const greedy = greedyGrid(gridSessions, gridRooms, gridSlots);
        const cells = proposal.placements.map((p) => `${p.roomId}/${p.slotId}`);
        expect(new Set(cells).size).toBe(cells.length);
        for (const a of proposal.placements)
          for (const b of proposal.placements) {
            if (a === b || a.slotId !== b.slotId) continue;
            const speakersA = gridSessions.find((s) => s.id === a.sessionId)!.speakerIds;
            const speakersB = gridSessions.find((s) => s.id === b.sessionId)!.speakerIds;
            expect(speakersA.some((id) => speakersB.includes(id))).toBe(false);
          }
        expect(proposal.placements.length + proposal.unplacedIds.length).toBe(gridSessions.length);
        // Leaving a session off weighs with the people who wanted it; then clashes, then seats.
        const leftOut = (p: GridProposal) =>
          p.unplacedIds.reduce((sum, id) => sum + 1 + gridSessions.find((s) => s.id === id)!.interestedIds.length, 0);
        expect(leftOut(proposal)).toBeLessThanOrEqual(leftOut(greedy));
        if (leftOut(proposal) === leftOut(greedy)) {
          expect(1000 * proposal.clashes + 10 * proposal.overCapacity).toBeLessThanOrEqual(
            1000 * greedy.clashes + 10 * greedy.overCapacity + 5,
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});
