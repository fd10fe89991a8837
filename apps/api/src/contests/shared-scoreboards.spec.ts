import { describe, expect, it } from 'vitest';
import { applyScoreboardPatch, type ScoreboardPatch, type ScoreboardView } from '@judge/contract';
import { LocalEventBus } from '@judge/queue';
import { Metrics } from '../metrics/metrics';
import { LocalBoardCache, type BoardCache } from './board-cache';
import type { ContestsService } from './contests.service';
import type { ScoreboardData, ScoreboardSubmission } from './scoreboard';
import { SharedScoreboards } from './shared-scoreboards';

const MINUTE = 60_000;

/** A contest that started an hour ago and ends in an hour; frozen from its start when `frozen`. */
function contestData(frozen: boolean): ScoreboardData {
  const now = Date.now();
  const submissions: ScoreboardSubmission[] = [
    {
      id: 's1',
      userId: 'ann',
      problemId: 'pa',
      createdAt: new Date(now - 30 * MINUTE),
      verdict: 'AC',
      score: 1,
      maxScore: 1,
      groups: [],
    },
  ];
  return {
    contest: {
      startsAt: new Date(now - 60 * MINUTE),
      endsAt: new Date(now + 60 * MINUTE),
      scoring: 'icpc',
      freezeMinutes: frozen ? 120 : 0,
      unfrozen: false,
    },
    problems: [{ label: 'A', problemId: 'pa', title: 'Alpha' }],
    participants: ['ann', 'bob'].map((name) => ({ userId: name, username: name })),
    submissions,
  };
}

/** Several API processes over one cache and one bus, reading one contest. */
function deployment(data: ScoreboardData, processes = 2, cache: BoardCache = new LocalBoardCache()) {
  const bus = new LocalEventBus();
  let reads = 0;
  const contests = {
    scoreboardData: async () => {
      reads++;
      // As a database read takes a while: long enough for the other processes to ask meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return data;
    },
  } as unknown as ContestsService;
  const apis = Array.from({ length: processes }, () => new SharedScoreboards(contests, cache, bus, new Metrics()));
  for (const api of apis) api.onModuleInit();
  return {
    apis,
    cache,
    reads: () => reads,
    computed: () => apis.reduce((n, api) => n + api.counts.boards, 0),
  };
}

const everyone = { userId: null, staff: false };
const staff = { userId: 'root', staff: true };
const ann = { userId: 'ann', staff: false };
const bob = { userId: 'bob', staff: false };
const parse = (board: string) => JSON.parse(board) as ScoreboardView;

describe('scoreboards kept for the whole deployment', () => {
  it('reads a contest and computes its board once for every process asking at once, and again only after a change', async () => {
    const d = deployment(contestData(false), 3);
    const boards = await Promise.all(d.apis.flatMap((api) => [api.board('c1', everyone), api.board('c1', ann)]));
    expect(new Set(boards).size).toBe(1);
    expect(parse(boards[0]).rows.map((r) => r.username)).toEqual(['ann', 'bob']);
    expect({ reads: d.reads(), computed: d.computed() }).toEqual({ reads: 1, computed: 1 });

    await Promise.all(d.apis.map((api) => api.board('c1', staff)));
    expect(d.reads()).toBe(1);
    await d.cache.changed('c1');
    await Promise.all(d.apis.map((api) => api.board('c1', everyone)));
    expect({ reads: d.reads(), computed: d.computed() }).toEqual({ reads: 2, computed: 2 });
  });

  it('keeps, frozen, the public and staff boards at once, and a participant’s own the first time it is asked for', async () => {
    const data = contestData(true);
    // Ann's submission after the freeze (the contest is frozen from its start): hers in full to her alone.
    const d = deployment(data);
    const [first, second] = d.apis;
    const publicBoard = parse(await first.board('c2', bob));
    expect(publicBoard.frozen).toBe(true);
    expect(publicBoard.rows.find((r) => r.username === 'ann')?.problems.A.pending).toBe(1);
    expect({ reads: d.reads(), computed: d.computed() }).toEqual({ reads: 1, computed: 2 });

    const annsOwn = parse(await second.board('c2', ann));
    expect(annsOwn.rows.find((r) => r.username === 'ann')?.solved).toBe(1);
    // The second process read the contest for Ann's view; the first then finds it kept.
    expect(await first.board('c2', ann)).toBe(JSON.stringify(annsOwn));
    expect({ reads: d.reads(), computed: d.computed() }).toEqual({ reads: 2, computed: 3 });
    expect(parse(await first.board('c2', staff)).frozen).toBe(false);
    expect(d.computed()).toBe(3);
  });

  it('keeps with each change the patch from the boards before: only the rows that changed', async () => {
    const data = contestData(false);
    const d = deployment(data);
    const [first, second] = d.apis;
    const [before] = await first.updates('c4', [everyone]);
    expect(before.patch).toBeNull();
    data.submissions.push({
      id: 's2',
      userId: 'bob',
      problemId: 'pa',
      createdAt: new Date(Date.now() - 10 * MINUTE),
      verdict: 'AC',
      score: 1,
      maxScore: 1,
      groups: [],
    });
    await d.cache.changed('c4');
    const [after] = await second.updates('c4', [everyone]);
    expect(after.patch?.from).toBe(before.version);
    const patch = JSON.parse(after.patch!.text) as ScoreboardPatch;
    expect(patch.rows.map((r) => r.username)).toEqual(['bob']);
    expect(applyScoreboardPatch(parse(before.board), patch)).toEqual(parse(after.board));
  });

  it('computes boards itself while the cache is away, rather than show none', async () => {
    const away = new Error('connect ECONNREFUSED');
    const broken: BoardCache = {
      changed: () => Promise.reject(away),
      read: () => Promise.reject(away),
      claim: () => Promise.reject(away),
      release: () => Promise.reject(away),
      write: () => Promise.reject(away),
      add: () => Promise.reject(away),
      close: () => Promise.resolve(),
    };
    const d = deployment(contestData(false), 1, broken);
    const [first] = await d.apis[0].updates('c3', [everyone]);
    expect(parse(first.board).rows).toHaveLength(2);
    // Each is new to a stream, which sends every one while the cache is away.
    const [second] = await d.apis[0].updates('c3', [everyone]);
    expect(second.version).not.toBe(first.version);
  });
});
