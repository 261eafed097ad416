import type { IExecuteFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingImage2Video } from '../../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { batchKeyFor } from '../../../nodes/shared/waiting/runner.ts';
import { binaryItem, emulatorCredentials, makeContext } from '../../support/context.mts';
import { PNG, useEmulator } from '../../support/emulator.mts';

const node = new KlingImage2Video();

describe('polling schedule', () => {
	const env = useEmulator({ videoTaskMs: 1000, submittedMs: 100, concurrency: 3 });

	it('polls a batch in waves: the next wave is submitted once the first is seen finished', async () => {
		const c = makeContext({
			params: {
				operation: 'generate',
				model: 'kling-v2-6',
				image: 'data',
				prompt: 'p',
				wait: 'poll',
				waitTimeout: 1,
				pollInterval: 4,
				downloadResult: false,
				options: { maxConcurrency: 3 },
			},
			items: Array.from({ length: 6 }, () => binaryItem(PNG)),
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		expect(out.map((i) => i.json.status)).toEqual(Array(6).fill('succeeded'));
		const { tasks, peakConcurrency, requests } = env.emulator.snapshot();
		expect(peakConcurrency).toBe(3);
		// How many reads and how soon depend on the machine's speed: one read per wave, at the
		// learned length, is checked on a fake clock (scheduler.test.mts). Here only the order.
		const reads = requests.filter((r) => r.kind === 'list' || r.kind === 'query');
		const secondWave = tasks.slice(3);
		expect(reads.length).toBeGreaterThanOrEqual(2);
		// The second wave was submitted once the first was seen finished, and read after it began.
		expect(Math.min(...secondWave.map((t) => t.createdAt))).toBeGreaterThanOrEqual(reads[0].at);
		expect(reads.at(-1)!.at).toBeGreaterThan(Math.max(...secondWave.map((t) => t.createdAt)));
	});

	it('tiny tasks: checks scale down with the task, but never turn into a stream of reads', async () => {
		env.emulator.reset({ videoTaskMs: 30, submittedMs: 0, concurrency: 5 });
		const c = makeContext({
			params: {
				operation: 'generate',
				model: 'kling-v2-6',
				image: 'data',
				prompt: 'p',
				wait: 'poll',
				waitTimeout: 1,
				pollInterval: 1,
				downloadResult: false,
				options: { maxConcurrency: 5 },
			},
			items: Array.from({ length: 20 }, () => binaryItem(PNG)),
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		expect(out.map((i) => i.json.status)).toEqual(Array(20).fill('succeeded'));
		// 4 waves of 5: the first read at the 1 s interval teaches the length; each later wave
		// needs about one read (a few more when a task lags), never one per millisecond.
		const { queries } = env.emulator.snapshot();
		expect(queries).toBeGreaterThanOrEqual(4);
		expect(queries).toBeLessThanOrEqual(16);
	});
});

describe('reading many items', () => {
	const env = useEmulator({ videoTaskMs: 20, submittedMs: 0, concurrency: 50 });
	const ITEMS = 300;

	/** Runs ITEMS items, noting for each how many creates the emulator had seen when it was read. */
	async function run(options: { continueOnFail: boolean; maxUnits?: number; badLast?: boolean }) {
		const seen: number[] = [];
		const c = makeContext({
			params: (i: number) => {
				seen[i] ??= env.emulator.snapshot().creates;
				const bad = options.badLast && i === ITEMS - 1;
				return {
					operation: 'generate',
					model: 'kling-v2-6',
					image: bad ? '' : 'data',
					prompt: 'p',
					wait: 'poll',
					waitTimeout: 1,
					pollInterval: 1,
					downloadResult: false,
					options: { maxConcurrency: 50, maxUnits: options.maxUnits ?? 0 },
				};
			},
			items: Array.from({ length: ITEMS }, () => binaryItem(PNG)),
			credentials: emulatorCredentials(env.base),
			continueOnFail: options.continueOnFail,
		});
		const result = await node.execute.call(c.ctx).then(
			([out]) => out,
			(error: Error) => error,
		);
		return { seen, result };
	}

	it('with Continue On Fail, the first creates go out while later items are still read', async () => {
		env.emulator.reset({ videoTaskMs: 20, submittedMs: 0, concurrency: 50 });
		const { seen, result } = await run({ continueOnFail: true, badLast: true });
		expect(seen[0]).toBe(0);
		expect(seen[ITEMS - 1]).toBeGreaterThan(0);
		const out = result as Array<{ json: { status?: string; error?: string } }>;
		expect(out.slice(0, -1).every((i) => i.json.status === 'succeeded')).toBe(true);
		expect(out.at(-1)!.json.error).toMatch(/^Image: /);
		expect(env.emulator.snapshot().creates).toBe(ITEMS - 1);
	});

	it('without it, or with a budget, every item is checked before anything is sent', async () => {
		env.emulator.reset({ videoTaskMs: 20, submittedMs: 0, concurrency: 50 });
		const strict = await run({ continueOnFail: false, badLast: true });
		expect(strict.result).toBeInstanceOf(Error);
		expect(strict.seen[ITEMS - 1]).toBe(0);
		expect(env.emulator.snapshot().creates).toBe(0);

		const budget = await run({ continueOnFail: true, maxUnits: 100_000 });
		expect(budget.seen[ITEMS - 1]).toBe(0);
		expect(env.emulator.snapshot().creates).toBe(ITEMS);
	});
});

describe('the batch key across a retried execution', () => {
	/** What batchKeyFor reads of a node's context: its identity, and the execution's custom data. */
	const contextOf = (executionId: string, customData: Record<string, string>) =>
		({
			getNode: () => ({ id: 'node-1', name: 'Kling Image to Video' }),
			getWorkflow: () => ({ id: 'wf-1' }),
			getInstanceId: () => 'instance-1',
			getExecutionId: () => executionId,
			customData: {
				get: (key: string) => customData[key],
				set: (key: string, value: string) => void (customData[key] = value),
			},
		}) as unknown as IExecuteFunctions;

	it("a retry (a new execution from the old one's data, custom data included) keeps the first key; a new execution makes its own", () => {
		const first: Record<string, string> = {};
		const key = batchKeyFor(contextOf('100', first), '0');
		expect(key).toMatch(/^[0-9a-f]{24}$/);
		expect(Object.values(first)).toEqual([key]);
		// n8n's retry runs execution 101 with execution 100's data, so with its custom data.
		expect(batchKeyFor(contextOf('101', { ...first }), '0')).toBe(key);
		// A new execution of the same workflow starts empty: new keys, new tasks.
		expect(batchKeyFor(contextOf('102', {}), '0')).not.toBe(key);
		// Another run of the node in the same execution (a loop) is another batch.
		expect(batchKeyFor(contextOf('100', first), '1')).not.toBe(key);
	});
});
