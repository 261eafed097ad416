import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { beforeEach, describe, expect, it } from 'vitest';

import { TEST_NODE } from '../../support/context.mts';

import type { KlingFailure } from '../../../nodes/shared/api/errors.ts';
import type { CreateOutcome } from '../../../nodes/shared/api/protocol.ts';
import type { TaskRoute } from '../../../nodes/shared/api/routing.ts';
import type { KlingTask } from '../../../nodes/shared/api/task.ts';
import type { Job, WaitMode } from '../../../nodes/shared/waiting/job.ts';
import { forgetTypicalDurations } from '../../../nodes/shared/waiting/pollSchedule.ts';
import { AccountBoard } from '../../../nodes/shared/waiting/accountBoard.ts';
import {
	TaskScheduler,
	type Clock,
	type SchedulerClient,
	type SchedulerOptions,
} from '../../../nodes/shared/waiting/scheduler.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';

// Each test starts cold: what an earlier test's tasks took must not move this one's checks.
beforeEach(() => forgetTypicalDurations());

const NODE = TEST_NODE;
const ROUTE: TaskRoute = {
	product: image2video,
	standard: 'legacy',
	legacy: image2video.endpoints.legacy[0],
	model: 'm',
};

/** A fake account on a fake clock: tasks take `taskMs`, at most `limit` run at once (1303 beyond). */
class FakeKling implements SchedulerClient {
	now = 0;
	cancelled = false;
	creates = 0;
	busyAnswers = 0;
	reads: Array<{ at: number; kind: 'get' | 'list' }> = [];
	peak = 0;
	/** How long each create takes to answer: a wave's tasks start this far apart. */
	createMs = 0;
	/** Each task's length in create order, where tasks vary; `taskMs` for the rest. */
	lengths: number[] = [];
	readonly tasks = new Map<
		string,
		{ createdAt: number; external: string; fails: boolean; length: number }
	>();

	constructor(
		private readonly limit: number,
		private readonly taskMs: number,
		private readonly failing = new Set<string>(),
	) {}

	private running(): number {
		return [...this.tasks.values()].filter((t) => this.now < t.createdAt + t.length).length;
	}

	private view(id: string): KlingTask {
		const t = this.tasks.get(id)!;
		const done = this.now >= t.createdAt + t.length;
		return {
			taskId: id,
			externalTaskId: t.external,
			status: done ? (t.fails ? 'failed' : 'succeeded') : 'processing',
			statusMessage: null,
			createdAt: t.createdAt,
			updatedAt: done ? t.createdAt + t.length : t.createdAt,
			videos: [],
			media: [],
			raw: {},
		} as unknown as KlingTask;
	}

	async tryCreate(_r: TaskRoute, body: IDataObject): Promise<CreateOutcome> {
		if (this.running() >= this.limit) {
			this.busyAnswers++;
			return { status: 'busy', failure: { kind: 'api', httpCode: 429, klingCode: 1303 } };
		}
		// The time n8n takes between one create and the next.
		this.now += this.createMs;
		this.creates++;
		const id = `task-${this.creates}`;
		const external = String(body.external_task_id);
		const length = this.lengths[this.creates - 1] ?? this.taskMs;
		this.tasks.set(id, {
			createdAt: this.now,
			external,
			fails: this.failing.has(external),
			length,
		});
		this.peak = Math.max(this.peak, this.running());
		return { status: 'created', task: this.view(id), recovered: false };
	}

	async getTask(_r: TaskRoute, id: string): Promise<KlingTask> {
		this.reads.push({ at: this.now, kind: 'get' });
		return this.view(id);
	}

	async findTask(_r: TaskRoute, id: string) {
		return this.tasks.has(id) ? this.view(id) : undefined;
	}

	async findByExternalId(_r: TaskRoute, external: string) {
		const id = [...this.tasks].find(([, t]) => t.external === external)?.[0];
		return id ? this.view(id) : undefined;
	}

	async readMany(_r: TaskRoute, ids: string[]): Promise<KlingTask[]> {
		this.reads.push({ at: this.now, kind: 'list' });
		return ids.filter((id) => this.tasks.has(id)).map((id) => this.view(id));
	}

	backoffMs(attempt: number): number {
		return 1000 * 2 ** (attempt - 1);
	}

	error(failure: KlingFailure, itemIndex?: number): NodeApiError {
		return new NodeApiError(NODE, { code: failure.klingCode ?? 0 }, { itemIndex });
	}

	isCancelled(): boolean {
		return this.cancelled;
	}

	cancelledError(): NodeOperationError {
		return new NodeOperationError(NODE, 'cancelled');
	}
}

function jobs(count: number, intervalMs = 10_000): Job[] {
	return Array.from({ length: count }, (_, i) => ({
		itemIndex: i,
		request: {
			body: { external_task_id: `ext-${i}` },
			media: [],
			model: 'm',
			route: ROUTE,
		},
		startedAt: 0,
		deadline: 60 * 60_000,
		intervalMs,
		nextPollAt: 0,
		download: false,
		outputField: 'data',
	}));
}

const settled: SchedulerOptions['settle'] = async (job, task) =>
	task.status === 'succeeded'
		? { item: { json: { status: task.status }, pairedItem: { item: job.itemIndex } } }
		: { error: new NodeOperationError(NODE, `task ${task.taskId} failed`) };

function scheduler(
	kling: FakeKling,
	list: Job[],
	options: {
		mode?: WaitMode;
		maxConcurrency?: number;
		continueOnFail?: boolean;
		board?: AccountBoard;
		clock?: Clock;
	} = {},
) {
	return new TaskScheduler(
		kling,
		{
			node: NODE,
			product: image2video,
			mode: options.mode ?? 'poll',
			maxConcurrency: options.maxConcurrency ?? 5,
			continueOnFail: options.continueOnFail ?? true,
			clock: options.clock ?? { now: () => kling.now, sleep: async (ms) => void (kling.now += ms) },
			board: options.board,
			bodyFor: async (job) => job.request!.body,
			settle: settled,
		},
		list,
	);
}

describe('TaskScheduler on a fake clock', () => {
	it('runs every job once, never above Max Concurrent Tasks, in about ceil(n / C) task lengths', async () => {
		const kling = new FakeKling(10, 8000);
		const list = jobs(7);
		await scheduler(kling, list, { maxConcurrency: 3 }).run();
		expect(list.map((j) => j.result?.json.status)).toEqual(Array(7).fill('succeeded'));
		expect(kling.creates).toBe(7);
		expect(kling.peak).toBe(3);
		// 3 waves of 8 s; the first wave is seen at the 10 s interval, later ones at the learned length.
		expect(kling.now).toBeGreaterThanOrEqual(3 * 8000);
		expect(kling.now).toBeLessThanOrEqual(10_000 + 2 * 8000 + 2 * 250);
	});

	it('checks a wave whose creates were answered some ms apart with one read, not two', async () => {
		const kling = new FakeKling(3, 1000);
		kling.createMs = 8;
		const list = jobs(6, 4000);
		await scheduler(kling, list, { maxConcurrency: 3 }).run();
		expect(list.map((j) => j.result?.json.status)).toEqual(Array(6).fill('succeeded'));
		// The first wave at the 4 s interval; the second at its learned length, once for all three.
		expect(kling.reads.map((r) => r.kind)).toEqual(['list', 'list']);
		const secondWaveEnd = Math.max(...[...kling.tasks.values()].map((t) => t.createdAt)) + 1000;
		expect(kling.reads[1].at - secondWaveEnd).toBeLessThanOrEqual(50);
	});

	it("waits for one of its own tasks on 1303 instead of hammering Kling's create", async () => {
		const kling = new FakeKling(2, 5000);
		const list = jobs(6);
		await scheduler(kling, list, { maxConcurrency: 5 }).run();
		expect(kling.creates).toBe(6);
		expect(kling.peak).toBe(2);
		// One refused create per wave at most: after a 1303 it waits for a slot of its own.
		expect(kling.busyAnswers).toBeLessThanOrEqual(3);
	});

	it('backs off when the account is full of tasks it does not own', async () => {
		const kling = new FakeKling(1, 4000);
		await kling.tryCreate(ROUTE, { external_task_id: 'someone-else' });
		const list = jobs(1);
		await scheduler(kling, list).run();
		expect(list[0].result?.json.status).toBe('succeeded');
		expect(kling.busyAnswers).toBeGreaterThanOrEqual(1);
		// It did not submit before the foreign task freed the slot.
		const own = [...kling.tasks.values()].find((t) => t.external === 'ext-0')!;
		expect(own.createdAt).toBeGreaterThanOrEqual(4000);
	});

	describe('lengths that vary (6 to 10 s), as in the benchmark', () => {
		// 20 tasks (a fixed draw), 5 slots; every slot refilled the moment its task ends: 34.4 s.
		const lengths = [
			7200, 9400, 6300, 8800, 7700, 6100, 9900, 8200, 6600, 9100, 7400, 8600, 6900, 9600, 7900,
			6400, 8300, 9800, 7100, 8000,
		];
		const lowerBound = 34_400;
		async function run() {
			const kling = new FakeKling(5, 8000);
			kling.lengths = lengths;
			const list = jobs(20, 10_000);
			await scheduler(kling, list, { maxConcurrency: 5 }).run();
			expect(list.every((j) => j.result?.json.status === 'succeeded')).toBe(true);
			return kling;
		}

		it('cold: the first wave at the 10 s Poll Interval, then at the shortest length seen', async () => {
			const kling = await run();
			// 36.99 s with 42 reads. Checking at the median length, then each second: 38.3 s (1.113 ×).
			expect(kling.now).toBeLessThanOrEqual(1.08 * lowerBound);
			// The price: reads. Once the spread is known, a read every eighth of it.
			expect(kling.reads.length).toBeLessThanOrEqual(44);
		});

		it("warm: a second run starts from the first run's lengths", async () => {
			await run();
			const kling = await run();
			// 35.03 s (1.018 ×) with 60 reads, three per task: the trade for seeing each end soon.
			expect(kling.now).toBeLessThanOrEqual(1.03 * lowerBound);
			expect(kling.reads.length).toBeLessThanOrEqual(60);
		});
	});

	it('takes items while they are still being read, and ends only once told no more will come', async () => {
		const kling = new FakeKling(5, 2000);
		const list = jobs(6);
		// Its sleeps give the event loop a turn, as real ones do, so the reading goes on meanwhile.
		const clock: Clock = {
			now: () => kling.now,
			sleep: async (ms) => {
				kling.now += ms;
				await new Promise((r) => setImmediate(r));
			},
		};
		const s = scheduler(kling, [list[0]], { clock });
		s.streamInput();
		const running = s.run();
		for (const job of list.slice(1)) {
			await new Promise((r) => setImmediate(r));
			s.add(job);
		}
		const createdWhileReading = kling.creates;
		// An item whose input was bad carries its error and is never submitted.
		s.add({ ...jobs(7)[6], error: new NodeOperationError(NODE, 'Image: bad') });
		await new Promise((r) => setImmediate(r));
		s.endInput();
		await running;
		expect(createdWhileReading).toBeGreaterThan(0);
		expect(list.map((j) => j.result?.json.status)).toEqual(Array(6).fill('succeeded'));
		expect(kling.creates).toBe(6);
	});

	it('reads a wave of due tasks with one list read', async () => {
		const kling = new FakeKling(10, 3000);
		await scheduler(kling, jobs(4), { maxConcurrency: 4 }).run();
		expect(kling.reads).toEqual([{ at: 10_000, kind: 'list' }]);
	});

	it('stops submitting after a failure without Continue On Fail, but lets running tasks finish', async () => {
		const kling = new FakeKling(10, 2000, new Set(['ext-0']));
		const list = jobs(5);
		await scheduler(kling, list, { maxConcurrency: 2, continueOnFail: false }).run();
		expect(list[0].error?.message).toMatch(/failed/);
		expect(list[1].result?.json.status).toBe('succeeded');
		expect(kling.creates).toBe(2);
		expect(list.slice(2).every((j) => !j.task && !j.result)).toBe(true);
	});

	it('a synchronous call: the answer is the result, nothing is polled, an unfinished answer is an error', async () => {
		const sync: TaskRoute = { ...ROUTE, product: { ...image2video, call: 'sync' } };
		const syncJobs = (n: number) =>
			jobs(n).map((j) => ({ ...j, request: { ...j.request!, route: sync } }));
		const answered = new FakeKling(5, 0);
		const done = syncJobs(3);
		await scheduler(answered, done).run();
		expect(done.map((j) => j.result?.json.status)).toEqual(Array(3).fill('succeeded'));
		expect(answered.reads).toEqual([]);

		const unfinished = new FakeKling(5, 4000);
		const failed = syncJobs(2);
		await scheduler(unfinished, failed).run();
		expect(failed.map((j) => j.error?.message)).toEqual(
			Array(2).fill(
				`Kling answered the Image to Video call without its result (status processing)`,
			),
		);
		expect(unfinished.reads).toEqual([]);
		expect(unfinished.creates).toBe(2);
	});

	it('in callback-wait, stops once every task is submitted and settles nothing itself', async () => {
		const kling = new FakeKling(2, 5000);
		const list = jobs(4);
		await scheduler(kling, list, { mode: 'callback' }).run();
		expect(kling.creates).toBe(4);
		expect(list.every((j) => j.task && !j.result)).toBe(true);
		// It watched its own tasks only to free slots, every second until one had finished.
		expect(kling.now).toBeLessThan(5000 + 1000 + 500);
	});
});

/**
 * One fake clock for several executions: each sleeps until its time or until woken; the clock
 * moves to the earliest wake-up only when every execution is asleep, so runs are deterministic.
 */
class SharedClock implements Clock {
	private sleepers: Array<{ at: number; woken?: () => boolean; resolve: () => void }> = [];

	constructor(private readonly kling: FakeKling) {}

	now = () => this.kling.now;

	sleep = (ms: number, woken?: () => boolean) =>
		new Promise<void>((resolve) => this.sleepers.push({ at: this.kling.now + ms, woken, resolve }));

	async drive(runs: Array<Promise<unknown>>): Promise<void> {
		let finished = false;
		void Promise.all(runs).finally(() => (finished = true));
		while (!finished) {
			await new Promise((r) => setImmediate(r));
			if (finished || this.sleepers.length === 0) continue;
			let next = this.sleepers.filter((s) => s.woken?.());
			if (!next.length) {
				this.kling.now = Math.min(...this.sleepers.map((s) => s.at));
				next = this.sleepers.filter((s) => s.at <= this.kling.now);
			}
			this.sleepers = this.sleepers.filter((s) => !next.includes(s));
			for (const s of next) s.resolve();
		}
		await Promise.all(runs);
	}
}

describe('executions sharing one account (one n8n process)', () => {
	function jobsOf(prefix: string, count: number): Job[] {
		return jobs(count, 1000).map((job) => ({
			...job,
			request: { ...job.request!, body: { external_task_id: `${prefix}-${job.itemIndex}` } },
		}));
	}

	/** Execution A starts with the account to itself; B arrives a moment later. */
	async function twoExecutions(board?: () => AccountBoard) {
		// Tasks of 1.3 s: a blind back-off (1 s, then 2 s) does not meet the moment a slot frees.
		const kling = new FakeKling(2, 1300);
		const clock = new SharedClock(kling);
		const a = jobsOf('a', 4);
		const b = jobsOf('b', 4);
		const runA = scheduler(kling, a, { clock, board: board?.() }).run();
		await new Promise((r) => setImmediate(r));
		const runB = scheduler(kling, b, { clock, board: board?.() }).run();
		await clock.drive([runA, runB]);
		const started = (prefix: string) =>
			[...kling.tasks.values()]
				.filter((t) => t.external.startsWith(prefix))
				.map((t) => t.createdAt);
		return { kling, a, b, startedA: started('a-'), startedB: started('b-') };
	}

	it('a later execution gets the next freed slot instead of waiting for the first to drain', async () => {
		const shared = new AccountBoard();
		const { kling, a, b, startedA, startedB } = await twoExecutions(() => shared);
		expect([...a, ...b].map((j) => j.result?.json.status)).toEqual(Array(8).fill('succeeded'));
		expect(kling.creates).toBe(8);
		expect(kling.peak).toBe(2);
		// A took both slots at 0. When its first wave is seen done (the 2 s check), B, first in
		// line, takes one freed slot and A the other; then they take turns.
		expect(startedA).toEqual([0, 0, 2000, 3310]);
		expect(startedB).toEqual([2000, 3310, 4620, 4620]);
		expect(shared.runningHere).toBe(0);
	});

	it('without the board (before), the later execution starves while the first drains', async () => {
		const { startedA, startedB } = await twoExecutions();
		// A refills its own slots; B, backing off blindly (1 s, 2 s, 4 s), gets none until A is
		// done, and the last task starts 3.69 s later than with the board.
		expect(startedA).toEqual([0, 0, 2000, 2000]);
		expect(startedB).toEqual([7000, 7000, 8310, 8310]);
	});
});

describe('downloads while the next tasks run', () => {
	it('a slow download does not hold up seeing the next task end and refilling its slot', async () => {
		// Task 0 ends at 1 s and its download takes 1 s; task 1, started 0.3 s later, ends at 1.3 s.
		const kling = new FakeKling(2, 1000);
		const clock = new SharedClock(kling);
		const list = jobs(4, 1000);
		const settleStarted: number[] = [];
		const run = new TaskScheduler(
			kling,
			{
				node: NODE,
				product: image2video,
				mode: 'poll',
				continueOnFail: true,
				maxConcurrency: 2,
				clock,
				bodyFor: async (job) => {
					if (job.itemIndex === 1) await clock.sleep(300);
					return job.request!.body;
				},
				settle: async (job, task) => {
					settleStarted[job.itemIndex] = kling.now;
					if (job.itemIndex === 0) await clock.sleep(1000);
					return await settled(job, task);
				},
			},
			list,
		).run();
		await clock.drive([run]);
		expect(list.map((j) => j.result?.json.status)).toEqual(Array(4).fill('succeeded'));
		// Seen and refilled at its learned end (1.3 s + 10 ms), not when task 0's download is done (2 s).
		expect(settleStarted[1]).toBe(1310);
		const created = [...kling.tasks.values()].map((t) => t.createdAt);
		expect(created).toEqual([0, 300, 1000, 1310]);
	});

	it('cancelled while downloading: the downloads not started are dropped and the run says cancelled', async () => {
		// Ten tasks end together: eight downloads start, two wait for a lane.
		const kling = new FakeKling(10, 1000);
		const clock: Clock = { now: () => kling.now, sleep: async (ms) => void (kling.now += ms) };
		let downloads = 0;
		const run = new TaskScheduler(
			kling,
			{
				node: NODE,
				product: image2video,
				mode: 'poll',
				continueOnFail: true,
				maxConcurrency: 10,
				clock,
				bodyFor: async (job) => job.request!.body,
				settle: async (job, task) => {
					downloads++;
					await clock.sleep(100);
					kling.cancelled = true;
					return await settled(job, task);
				},
			},
			jobs(10, 1000),
		).run();
		await expect(run).rejects.toThrow('cancelled');
		expect(downloads).toBe(8);
	});
});
