import { describe, expect, it } from 'vitest';

import type { KlingTask } from '../../../nodes/shared/api/task.ts';
import {
	PollSchedule,
	forgetTypicalDurations,
} from '../../../nodes/shared/waiting/pollSchedule.ts';

const done = (ms: number) => ({ status: 'succeeded', createdAt: 0, updatedAt: ms }) as KlingTask;

describe('poll timing', () => {
	it('a later execution checks its first wave when that kind of task may be done', () => {
		forgetTypicalDurations();
		new PollSchedule().learn(done(8000), 'new|kling-3.0|720p|5|');
		const next = new PollSchedule();
		// Started at 1 s: expected done at 9 s + 10 ms, not at the 10 s interval.
		expect(next.next(1000, 10_000, 1000, 'new|kling-3.0|720p|5|')).toBe(9010);
		// Past it: again in a tenth of the length (not a whole interval, which cost 1.32 × once).
		expect(next.next(1000, 10_000, 9100, 'new|kling-3.0|720p|5|')).toBe(10_100);
		// Other kinds of task are not affected.
		expect(next.next(1000, 10_000, 1000, 'new|kling-3.0|1080p|5|')).toBe(11_000);
		forgetTypicalDurations();
	});

	it('checks at the interval until a task of the run has finished', () => {
		expect(new PollSchedule().next(0, 10_000, 0)).toBe(10_000);
	});

	it('then checks a task at its learned length plus a small margin', () => {
		const s = new PollSchedule();
		s.learn(done(60_000));
		// Started at 5 s, expected done at 65 s + 10 ms; the 90 s interval is not waited for.
		expect(s.next(5000, 90_000, 6000)).toBe(65_010);
		// Past its expected end: again in a tenth of the task length.
		expect(s.next(0, 90_000, 70_000)).toBe(76_000);
	});

	it('scales with tiny tasks without becoming a stream of reads', () => {
		const s = new PollSchedule();
		s.learn(done(50));
		expect(s.next(0, 10_000, 100)).toBe(200);
	});

	it('learns only from succeeded tasks', () => {
		const s = new PollSchedule();
		s.learn({ ...done(1), status: 'failed' } as KlingTask);
		expect(s.knows()).toBe(false);
		expect(s.next(0, 10_000, 0)).toBe(10_000);
	});

	it('where lengths vary: first at the shortest seen, then in eighths of the spread', () => {
		const s = new PollSchedule();
		for (const ms of [7000, 9000, 6000, 10_000]) s.learn(done(ms));
		// Shortest 6 s: checked at 6 s + 10 ms, though the median is 9 s.
		expect(s.next(0, 10_000, 0)).toBe(6010);
		// Spread 4 s: rechecked every 0.5 s, not every 1 s (a tenth of the length would be 0.6 s).
		expect(s.next(0, 10_000, 6010)).toBe(6510);
		// Never later than the Poll Interval.
		expect(s.next(0, 300, 6010)).toBe(6310);
	});

	it("remembers a kind's spread across executions, the latest lengths only", () => {
		forgetTypicalDurations();
		for (let i = 0; i < 20; i++) new PollSchedule().learn(done(i < 4 ? 1000 : 8000 + i), 'k');
		// The four 1 s tasks are older than the 16 kept: the next run starts from 8 s.
		expect(new PollSchedule().next(0, 60_000, 0, 'k')).toBe(8014);
		forgetTypicalDurations();
	});
});
