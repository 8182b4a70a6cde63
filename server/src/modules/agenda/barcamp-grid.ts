/**
 * The barcamp's automatic grid: which session goes in which room at which slot.
 *
 * What matters to participants is not to find two sessions they wanted at the same time, so the
 * grid minimizes clashes: for every pair of sessions placed at overlapping times, the number of
 * people interested in both. A speaker is never in two rooms at once (a hard rule), a room should
 * hold the people interested in its session, the most-wanted sessions go to the largest rooms and
 * earlier slots come first when nothing else differs.
 *
 * The search starts from the greedy grid (most-wanted first, largest room, earliest slot) and
 * improves it by simulated annealing: move a session to another cell or swap two, accept a worse
 * grid now and then (less and less often) to leave local minima, keep the best grid seen. The
 * random draws are seeded, so the same barcamp always gets the same proposal.
 */

export interface GridSession {
  id: string;
  speakerIds: readonly string[];
  /** The members who marked their interest. */
  interestedIds: readonly string[];
}

export interface GridRoom {
  id: string;
  capacity: number;
}

export interface GridSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

export interface GridPlacement {
  sessionId: string;
  roomId: string;
  slotId: string;
}

export interface GridProposal {
  placements: GridPlacement[];
  /** Sessions left off the grid (more sessions than cells, or a speaker's sessions outnumber the slots). */
  unplacedIds: string[];
  /** Pairs (person, two sessions they want) placed at overlapping times. */
  clashes: number;
  /** People interested in a session beyond its room's capacity, summed over sessions. */
  overCapacity: number;
}

// Weights: leaving a session off the grid is worst, then a clash, then a person without a seat;
// the last two only break ties between grids equal on what people notice.
const UNPLACED = 1_000_000;
const CLASH = 1_000;
const OVER_CAPACITY = 10;
const SMALLER_ROOM = 0.01;
const LATER_SLOT = 0.0001;

/** A small, fast, seedable random generator (mulberry32): reproducible proposals. */
function seededRandom(seed: string): () => number {
  let state = 0;
  for (const char of seed) state = (Math.imul(state, 31) + char.charCodeAt(0)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Grid {
  readonly sessionCount: number;
  /** cellOf[session] = index of its cell, or -1 when it is off the grid. */
  readonly cellOf: Int32Array;
  /** sessionAt[cell] = index of the session there, or -1 when the cell is free. */
  readonly sessionAt: Int32Array;
  private readonly both: number[][];
  private readonly overlap: boolean[][];
  private readonly sharesSpeaker: boolean[][];
  private readonly interest: number[];
  private readonly roomRank: number[];

  constructor(
    readonly sessions: readonly GridSession[],
    readonly rooms: readonly GridRoom[],
    readonly slots: readonly GridSlot[],
  ) {
    this.sessionCount = sessions.length;
    this.cellOf = new Int32Array(sessions.length).fill(-1);
    this.sessionAt = new Int32Array(rooms.length * slots.length).fill(-1);
    const interested = sessions.map((s) => new Set(s.interestedIds));
    const speakers = sessions.map((s) => new Set(s.speakerIds));
    this.interest = interested.map((set) => set.size);
    this.both = sessions.map((_, i) =>
      sessions.map((_, j) => (i === j ? 0 : [...interested[i]].filter((id) => interested[j].has(id)).length)),
    );
    this.sharesSpeaker = sessions.map((_, i) => sessions.map((_, j) => i !== j && [...speakers[i]].some((id) => speakers[j].has(id))));
    this.overlap = slots.map((a) => slots.map((b) => a.startsAt < b.endsAt && b.startsAt < a.endsAt));
    const bySize = [...rooms.keys()].sort((a, b) => rooms[b].capacity - rooms[a].capacity);
    this.roomRank = rooms.map((_, room) => bySize.indexOf(room));
  }

  get cellCount(): number {
    return this.sessionAt.length;
  }

  roomOf(cell: number): number {
    return Math.floor(cell / this.slots.length);
  }

  slotOf(cell: number): number {
    return cell % this.slots.length;
  }

  /** What a session costs on its own where it is. */
  unary(session: number): number {
    const cell = this.cellOf[session];
    if (cell < 0) return UNPLACED * (1 + this.interest[session]);
    const room = this.roomOf(cell);
    const over = Math.max(0, this.interest[session] - this.rooms[room].capacity);
    return OVER_CAPACITY * over + SMALLER_ROOM * this.interest[session] * this.roomRank[room] + LATER_SLOT * this.slotOf(cell);
  }

  /** What two sessions cost together: the people who want both, when they overlap. */
  pair(a: number, b: number): number {
    const cellA = this.cellOf[a];
    const cellB = this.cellOf[b];
    if (cellA < 0 || cellB < 0 || !this.overlap[this.slotOf(cellA)][this.slotOf(cellB)]) return 0;
    return CLASH * this.both[a][b];
  }

  /** What the given sessions contribute: their own cost and every pair involving one of them, once. */
  contribution(moved: readonly number[]): number {
    let total = 0;
    for (const [index, session] of moved.entries()) {
      total += this.unary(session);
      for (let other = 0; other < this.sessionCount; other++) {
        if (other === session) continue;
        const earlierMoved = moved.indexOf(other);
        if (earlierMoved >= 0 && earlierMoved < index) continue; // that pair was counted already
        total += this.pair(session, other);
      }
    }
    return total;
  }

  total(): number {
    return this.contribution([...Array(this.sessionCount).keys()]);
  }

  /** Whether a speaker of this session speaks elsewhere at an overlapping time. */
  speakerBusy(session: number): boolean {
    const cell = this.cellOf[session];
    if (cell < 0) return false;
    for (let other = 0; other < this.sessionCount; other++) {
      const otherCell = this.cellOf[other];
      if (other === session || otherCell < 0 || !this.sharesSpeaker[session][other]) continue;
      if (this.overlap[this.slotOf(cell)][this.slotOf(otherCell)]) return true;
    }
    return false;
  }

  place(session: number, cell: number): void {
    const previous = this.cellOf[session];
    if (previous >= 0) this.sessionAt[previous] = -1;
    this.cellOf[session] = cell;
    if (cell >= 0) this.sessionAt[cell] = session;
  }

  /** Moves a session to a cell (or off the grid with -1); whoever was there takes its old cell. */
  move(session: number, cell: number): number[] {
    const from = this.cellOf[session];
    const occupant = cell >= 0 ? this.sessionAt[cell] : -1;
    this.place(session, -1);
    if (occupant >= 0) this.place(occupant, from);
    this.place(session, cell);
    return occupant >= 0 ? [session, occupant] : [session];
  }

  snapshot(): Int32Array {
    return this.cellOf.slice();
  }

  restore(cells: Int32Array): void {
    this.sessionAt.fill(-1);
    for (let session = 0; session < this.sessionCount; session++) this.place(session, -1);
    for (let session = 0; session < this.sessionCount; session++) if (cells[session] >= 0) this.place(session, cells[session]);
  }

  /** The greedy start: most-wanted first, largest room, earliest slot, never a speaker twice at once. */
  greedy(): void {
    const order = [...Array(this.sessionCount).keys()].sort((a, b) => this.interest[b] - this.interest[a] || a - b);
    const cells = [...Array(this.cellCount).keys()].sort(
      (a, b) => this.roomRank[this.roomOf(a)] - this.roomRank[this.roomOf(b)] || this.slotOf(a) - this.slotOf(b),
    );
    for (const session of order) {
      for (const cell of cells) {
        if (this.sessionAt[cell] >= 0) continue;
        this.place(session, cell);
        if (!this.speakerBusy(session)) break;
        this.place(session, -1);
      }
    }
  }
}

function proposalOf(grid: Grid): GridProposal {
  const placements: GridPlacement[] = [];
  const unplacedIds: string[] = [];
  let clashes = 0;
  let overCapacity = 0;
  for (let session = 0; session < grid.sessionCount; session++) {
    const cell = grid.cellOf[session];
    if (cell < 0) {
      unplacedIds.push(grid.sessions[session].id);
      continue;
    }
    const room = grid.rooms[grid.roomOf(cell)];
    placements.push({ sessionId: grid.sessions[session].id, roomId: room.id, slotId: grid.slots[grid.slotOf(cell)].id });
    overCapacity += Math.max(0, grid.sessions[session].interestedIds.length - room.capacity);
    for (let other = session + 1; other < grid.sessionCount; other++) clashes += grid.pair(session, other) / CLASH;
  }
  return { placements, unplacedIds, clashes, overCapacity };
}

/** The greedy grid alone: what the scheduler did before, kept to show the search does better. */
export function greedyGrid(sessions: readonly GridSession[], rooms: readonly GridRoom[], slots: readonly GridSlot[]): GridProposal {
  const grid = new Grid(sessions, rooms, slots);
  grid.greedy();
  return proposalOf(grid);
}

/**
 * The proposed grid. `seed` makes it reproducible (the event's id); `steps` bounds the work
 * (by default enough for a barcamp of a hundred sessions in well under a second).
 */
export function proposeGrid(
  sessions: readonly GridSession[],
  rooms: readonly GridRoom[],
  slots: readonly GridSlot[],
  options: { seed: string; steps?: number },
): GridProposal {
  const grid = new Grid(sessions, rooms, slots);
  grid.greedy();
  if (grid.sessionCount === 0 || grid.cellCount === 0) return proposalOf(grid);
  const random = seededRandom(options.seed);
  const steps = options.steps ?? Math.min(200_000, 4_000 * grid.sessionCount);
  let cost = grid.total();
  let best = grid.snapshot();
  let bestCost = cost;
  // The temperature falls geometrically from "a clash is easily accepted" to "almost never".
  const hot = CLASH * 2;
  const cold = OVER_CAPACITY / 100;
  for (let step = 0; step < steps; step++) {
    const temperature = hot * Math.pow(cold / hot, step / steps);
    const session = Math.floor(random() * grid.sessionCount);
    const cell = Math.floor(random() * grid.cellCount);
    if (grid.cellOf[session] === cell) continue;
    const occupant = grid.sessionAt[cell];
    const touched = occupant >= 0 ? [session, occupant] : [session];
    const before = grid.contribution(touched);
    const undo = touched.map((s) => [s, grid.cellOf[s]] as const);
    const revert = () => {
      for (const [s] of undo) grid.place(s, -1);
      for (const [s, previous] of undo) grid.place(s, previous);
    };
    grid.move(session, cell);
    if (touched.some((s) => grid.speakerBusy(s))) {
      revert();
      continue;
    }
    const delta = grid.contribution(touched) - before;
    if (delta <= 0 || random() < Math.exp(-delta / temperature)) {
      cost += delta;
      if (cost < bestCost - 1e-9) {
        bestCost = cost;
        best = grid.snapshot();
      }
    } else {
      revert();
    }
  }
  grid.restore(best);
  return proposalOf(grid);
}
