import type { IDataObject } from 'n8n-workflow';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { KlingClient } from '../../../nodes/shared/api/client.ts';
import { normalizeTask, type KlingTask } from '../../../nodes/shared/api/task.ts';
import {
	SETTLE_MS,
	feedRoutes,
	pollEvents,
	takeNew,
	type FeedEntry,
	type FeedState,
} from '../../../nodes/shared/trigger/feed.ts';
import { emulatorCredentials, makeContext, makePollContext } from '../../support/context.mts';
import { PNG_B64, postCreate, useEmulator } from '../../support/emulator.mts';

const entry = (id: string, status: string, at: number): FeedEntry => ({
	task: normalizeTask({ id, status, create_time: at - 1000, update_time: at }) as KlingTask,
	type: null,
	standard: 'new',
});
const ids = (entries: FeedEntry[]) => entries.map((e) => `${e.task.taskId}:${e.task.status}`);

describe('takeNew: which statuses are new since the last poll', () => {
	it('learns what is there on the first poll and reports only later statuses, once each', () => {
		const state: FeedState = {};
		expect(takeNew(state, [entry('a', 'succeeded', 1_000_000)])).toEqual([]);
		const second = [entry('a', 'succeeded', 1_000_000), entry('b', 'failed', 1_000_500)];
		expect(ids(takeNew(state, second))).toEqual(['b:failed']);
		expect(ids(takeNew(state, second))).toEqual([]);
		// A status that shows up late (listed after a newer one) is still reported, in time order.
		const late = [
			...second,
			entry('d', 'succeeded', 1_000_900),
			entry('c', 'succeeded', 1_000_400),
		];
		expect(ids(takeNew(state, late))).toEqual(['c:succeeded', 'd:succeeded']);
	});

	it('reports a task again when its status changes', () => {
		const state: FeedState = {};
		takeNew(state, [entry('a', 'processing', 5_000_000)]);
		expect(ids(takeNew(state, [entry('a', 'succeeded', 5_060_000)]))).toEqual(['a:succeeded']);
	});

	it('forgets statuses older than the settle time behind the newest, and never reports them', () => {
		const t0 = 10_000_000;
		const state: FeedState = {};
		takeNew(state, [entry('a', 'succeeded', t0)]);
		takeNew(state, [entry('a', 'succeeded', t0), entry('b', 'succeeded', t0 + SETTLE_MS + 1)]);
		expect(Object.keys(state.seen!)).toEqual(['b:succeeded']);
		expect(state.since).toBe(t0 + 1);
		expect(takeNew(state, [entry('a', 'succeeded', t0), entry('old', 'failed', t0 - 5)])).toEqual(
			[],
		);
	});

	it('leaves out a task without times, which it cannot place', () => {
		const state: FeedState = {};
		takeNew(state, []);
		const bare: FeedEntry = {
			...entry('x', 'succeeded', 1),
			task: { ...entry('x', 'succeeded', 1).task, createdAt: null, updatedAt: null },
		};
		expect(takeNew(state, [bare])).toEqual([]);
	});
});

describe('feedRoutes: which lists a credential can read', () => {
	const routesFor = async (credentials: Record<string, unknown>) => {
		const ctx = makeContext({ params: {}, credentials: credentials as never }).ctx;
		const client = await KlingClient.connect(ctx);
		return feedRoutes(client).map((r) =>
			r.standard === 'new' ? `new ${r.new?.solution?.reads ?? '/tasks'}` : r.legacy.path,
		);
	};
	const official = emulatorCredentials('http://127.0.0.1:9');

	it('official API key: the cursor lists (/tasks, the solutions) and every task endpoint list, each once', async () => {
		const routes = await routesFor(official);
		expect(routes[0]).toBe('new /tasks');
		expect(routes).toContain('new /solutions');
		expect(routes).toContain('/v1/videos/image2video');
		expect(routes).toContain('/v1/videos/omni-video');
		expect(new Set(routes).size).toBe(routes.length);
	});

	it('access key + secret key: the /v1 lists only', async () => {
		const routes = await routesFor({
			...official,
			authMode: 'accessKey',
			accessKey: 'a',
			secretKey: 's',
		});
		expect(routes).not.toContain('new /tasks');
		expect(routes).toContain('/v1/videos/text2video');
	});

	it('a relay documented without a list: none; with Lists Tasks set to Yes: its /v1 lists', async () => {
		const relay = { provider: 'cometapi', apiKey: 'k', baseUrl: 'http://127.0.0.1:9' };
		expect(await routesFor(relay)).toEqual([]);
		const listed = await routesFor({ ...relay, relaySettings: true, taskList: 'yes' });
		expect(listed).toContain('/v1/videos/image2video');
	});
});

describe('pollEvents against the emulator', () => {
	const env = useEmulator({ concurrency: 20 });
	afterEach(() => {
		vi.useRealTimers();
	});
	const create = async (prompt: string, ext: string) => {
		const res = await postCreate(env.base, '/v1/videos/image2video', {
			model_name: 'kling-v2-6',
			image: PNG_B64,
			prompt,
			external_task_id: ext,
		});
		expect(res.json.code).toBe(0);
	};
	const poll = async (
		staticData: IDataObject,
		params: IDataObject = {},
		mode: 'trigger' | 'manual' = 'trigger',
		credentials = emulatorCredentials(env.base),
	) => {
		const { ctx } = makePollContext({ params, credentials, staticData, mode });
		const out = await pollEvents(ctx);
		return out ? out[0].map((item) => item.json) : null;
	};

	it('emits each finished task once, only those finished after the first poll, across both lists', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-12-07T10:00:00Z'));
		await create('before', 'feed-before');
		vi.setSystemTime(new Date('2026-12-07T10:01:00Z'));
		const stored: IDataObject = {};
		expect(await poll(stored)).toBeNull();
		await create('fine', 'feed-ok');
		await create('[fail] broken', 'feed-bad');
		await create('still running', 'feed-running');
		vi.setSystemTime(new Date('2026-12-07T10:01:00.100Z'));
		expect(await poll(stored)).toBeNull();
		vi.setSystemTime(new Date('2026-12-07T10:02:00Z'));
		const events = await poll(stored);
		expect(events?.map((e) => [e.externalTaskId, e.status, e.taskType])).toEqual(
			expect.arrayContaining([
				['feed-ok', 'succeeded', 'image2video'],
				['feed-bad', 'failed', 'image2video'],
				['feed-running', 'succeeded', 'image2video'],
			]),
		);
		expect(events).toHaveLength(3);
		expect(events?.[0]).toMatchObject({ confirmedWithApi: true, signatureVerified: null });
		expect(await poll(stored)).toBeNull();
		// What n8n saves is plain JSON: a copy (as after a restart) remembers the same.
		expect(await poll(JSON.parse(JSON.stringify(stored)))).toBeNull();
	});

	it('filters by status and by task type, and the legacy lists alone find legacy tasks', async () => {
		env.emulator.reset({ videoTaskMs: 300, submittedMs: 50, legacyTasksOnTasks: false });
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-12-07T11:00:00Z'));
		const stored = {};
		const onlyFailed = { statuses: ['failed'] };
		expect(await poll(stored, onlyFailed)).toBeNull();
		await create('fine', 'kind-ok');
		await create('[fail] broken', 'kind-bad');
		vi.setSystemTime(new Date('2026-12-07T11:01:00Z'));
		expect((await poll(stored, onlyFailed))?.map((e) => e.externalTaskId)).toEqual(['kind-bad']);
		const other = {};
		await poll(other, { taskTypes: ['text2video'] });
		await create('fine again', 'kind-ok-2');
		vi.setSystemTime(new Date('2026-12-07T11:02:00Z'));
		expect(await poll(other, { taskTypes: ['text2video'] })).toBeNull();
	});

	it('Fetch Test Event shows the newest matching task, whatever was emitted, and remembers nothing', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-12-07T12:00:00Z'));
		await create('older', 'manual-1');
		vi.setSystemTime(new Date('2026-12-07T12:00:10Z'));
		await create('newer', 'manual-2');
		vi.setSystemTime(new Date('2026-12-07T12:01:00Z'));
		const stored: IDataObject = {};
		const events = await poll(stored, {}, 'manual');
		expect(events?.map((e) => e.externalTaskId)).toEqual(['manual-2']);
		expect(stored).toEqual({});
	});

	it('refuses, naming the provider and what to do, where there is no task list', async () => {
		const relay = { provider: 'cometapi', apiKey: 'k', baseUrl: env.base };
		await expect(poll({}, {}, 'trigger', relay)).rejects.toThrow('CometAPI at http://127.0.0.1');
		await expect(poll({}, {}, 'trigger', relay)).rejects.toThrow(
			/has no task list this trigger can read/,
		);
	});
});
