import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makePng } from '../../emulator/media.mts';
import { KlingEmulator } from '../../emulator/server.mts';
import { emulatorCredential } from '../support/n8n.mts';
import { QueueCluster, type ProcessName } from '../support/queueMode.mts';
import { startSink } from '../support/sink.mts';
import { flow, i2v, report } from '../support/queueFlows.mts';
import { chain } from '../support/workflows.mts';

const TRIGGER_ID = '4d2b6a70-7f1e-4c39-9a51-2f0e8c1d7b31';
const DEDUP_TRIGGER_ID = '4d2b6a70-7f1e-4c39-9a51-2f0e8c1d7b32';

describe('queue mode: main, two workers, two webhook processes, PostgreSQL and Redis', () => {
	const emulator = new KlingEmulator({ videoTaskMs: 2500, submittedMs: 300, concurrency: 5 });
	let cluster: QueueCluster;
	let sink: Awaited<ReturnType<typeof startSink>>;
	let image = '';

	const received = (flowId: string, run?: string) =>
		sink.received.filter((r) => r.flow === flowId && (run === undefined || r.run === run));
	async function until(check: () => boolean | Promise<boolean>, ms = 90_000): Promise<void> {
		const deadline = Date.now() + ms;
		while (!(await check())) {
			if (Date.now() > deadline) throw new Error('timed out');
			await new Promise((r) => setTimeout(r, 250));
		}
	}
	const start = async (flowId: string, body: Record<string, unknown>) => {
		const r = await fetch(`${cluster.webhookBase}/webhook/${flowId}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ image, ...body }),
		});
		expect(r.status).toBe(200);
	};
	/** Which worker ran an execution: its log line "Worker started execution N". */
	const workerOf = (executionId: string): ProcessName | undefined =>
		(['w1', 'w2'] as const).find((w) =>
			cluster.log(w).includes(`Worker started execution ${executionId} `),
		);
	/** A task created on the emulator directly, as another client of the account would. */
	const createTask = async (fields: Record<string, string>): Promise<string> => {
		const r = await fetch(`${emulator.baseUrl}/v1/videos/image2video`, {
			method: 'POST',
			headers: { authorization: 'Bearer emulator-api-key', 'content-type': 'application/json' },
			body: JSON.stringify({
				model_name: 'kling-v2-6',
				image: makePng(400, 400).toString('base64'),
				...fields,
			}),
		});
		return ((await r.json()) as { data: { task_id: string } }).data.task_id;
	};
	const executions = async () =>
		(await cluster.sql(`select id, status, "workflowId" from execution_entity order by id`)).map(
			([id, status, workflowId]) => ({ id, status, workflowId }),
		);

	beforeAll(async () => {
		const url = await emulator.start();
		image = `${url}/samples/photo-1.png`;
		sink = await startSink();
		const polling = flow('qmPoll', sink.url, i2v('qmPoll', 'poll'));
		const callback = flow('qmCallback', sink.url, i2v('qmCallback', 'callback'));
		const getTask = flow(
			'qmGetTask',
			sink.url,
			i2v('qmGetTask', 'poll', {
				operation: 'getTask',
				lookupBy: 'externalTaskId',
				taskId: '={{ $json.ext }}',
			}),
		);
		const trigger = chain('qmTrigger', [
			{
				id: 'qm-trigger',
				name: 'Kling Trigger',
				type: 'n8n-nodes-kling.klingTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_ID,
				credentials: { klingApi: { id: 'klingEmulatorCred1', name: 'Kling API (emulator)' } },
				parameters: { statuses: ['succeeded', 'failed'], options: { confirmWithApi: true } },
			},
			report('qm-trigger-out', sink.url, 'qmTrigger'),
		]);
		// The trigger as the README advises behind several webhook processes: Remove Duplicates
		// (processed in previous executions, kept in n8n's database) on the trigger's deliveryKey.
		const dedup = chain('qmDedup', [
			{
				...trigger.nodes[0],
				id: 'qm-dedup-trigger',
				webhookId: DEDUP_TRIGGER_ID,
			},
			{
				id: 'qm-dedup-remove',
				name: 'Remove Duplicates',
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					operation: 'removeItemsSeenInPreviousExecutions',
					dedupeValue: '={{ $json.deliveryKey }}',
				},
			},
			report('qm-dedup-out', sink.url, 'qmDedup'),
		]);
		const flows = [polling, callback, getTask, trigger, dedup];
		cluster = await QueueCluster.start(
			[emulatorCredential(url)],
			flows,
			flows.map((f) => f.id),
			2,
		);
	});

	afterAll(async () => {
		await cluster?.stop();
		await sink?.close();
		await emulator.stop();
	});

	it('polling with 12 items runs on a worker: in order, one create each, binaries in the database', async () => {
		emulator.reset({ videoTaskMs: 2500, submittedMs: 300, concurrency: 5 });
		await start('qmPoll', { count: 12, run: 'poll' });
		await until(() => received('qmPoll', 'poll').length === 12);
		const out = received('qmPoll', 'poll');
		expect(out.map((r) => r.item)).toEqual([...Array(12).keys()]);
		expect(out.every((r) => (r.json as { status: string }).status === 'succeeded')).toBe(true);
		expect(out.every((r) => r.mime === 'video/mp4')).toBe(true);
		// Queue mode keeps binaries in PostgreSQL, where every process can read them.
		expect(out.every((r) => String(r.binaryId).startsWith('database:'))).toBe(true);
		const stats = emulator.snapshot();
		expect(Object.values(stats.createsByExternalId)).toEqual(Array(12).fill(1));
		expect(stats.peakConcurrency).toBeLessThanOrEqual(5);
		const [execution] = (await executions()).filter((e) => e.workflowId === 'qmPoll');
		expect(execution.status).toBe('success');
		expect(workerOf(execution.id)).toBeDefined();
		expect(cluster.log('main')).not.toContain(`Worker started execution ${execution.id} `);
	});

	it('callback-wait: the callbacks reach the webhook process, a worker resumes, each result downloaded once', async () => {
		emulator.reset({ videoTaskMs: 2500, submittedMs: 300, concurrency: 5 });
		await start('qmCallback', { count: 5, run: 'callback' });
		await until(() => received('qmCallback', 'callback').length === 5);
		const out = received('qmCallback', 'callback');
		expect(out.map((r) => (r.json as { status: string }).status)).toEqual(
			Array(5).fill('succeeded'),
		);
		const stats = emulator.snapshot();
		// The resume URL the worker handed Kling points at the webhook process.
		for (const task of stats.tasks)
			expect(emulator.callbackUrl(task.id)).toMatch(
				new RegExp(`^${cluster.webhookBase}/webhook-waiting/`),
			);
		expect(stats.callbacksSent).toBeGreaterThanOrEqual(10);
		// However many final callbacks arrived together, the results were downloaded once each.
		expect(stats.downloads).toBe(5);
		const [execution] = (await executions()).filter((e) => e.workflowId === 'qmCallback');
		expect(execution.status).toBe('success');
		// Started on a worker, paused, and resumed on a worker (the same one or the other).
		const starts = (['w1', 'w2'] as const).flatMap(
			(w) => cluster.log(w).split(`Worker started execution ${execution.id} `).length - 1,
		);
		expect(starts.reduce((a, b) => a + b, 0)).toBe(2);
		const rows = await cluster.sql(
			`select count(*) from binary_data where "sourceId" = '${execution.id}' and "mimeType" = 'video/mp4'`,
		);
		expect(Number(rows[0][0])).toBe(5);
	});

	it('Get Task by external ID on a worker', async () => {
		emulator.reset({ videoTaskMs: 1000, submittedMs: 100, concurrency: 5 });
		const taskId = await createTask({ prompt: 'made elsewhere', external_task_id: 'qm-elsewhere' });
		await start('qmGetTask', { count: 1, run: 'get', ext: 'qm-elsewhere' });
		await until(() => received('qmGetTask', 'get').length === 1);
		const [item] = received('qmGetTask', 'get');
		expect(item.json).toMatchObject({ taskId, status: 'succeeded' });
		expect(item.mime).toBe('video/mp4');
	});

	it('the Kling Trigger runs on the webhook process: one execution per finished task, a repeat starts none', async () => {
		emulator.reset({ videoTaskMs: 1000, submittedMs: 100, concurrency: 5 });
		const hook = `${cluster.webhookBase}/webhook/${TRIGGER_ID}/kling`;
		for (const ext of ['qm-trigger-a', 'qm-trigger-b'])
			await createTask({ prompt: 'fine', callback_url: hook, external_task_id: ext });
		await until(() => received('qmTrigger').length === 2);
		const ids = received('qmTrigger').map(
			(r) => (r.json as { externalTaskId: string }).externalTaskId,
		);
		expect(ids.sort()).toEqual(['qm-trigger-a', 'qm-trigger-b']);
		const task = emulator.snapshot().tasks[0];
		const again = await fetch(hook, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(emulator.callbackBody(task.id)),
		});
		expect(again.status).toBe(200);
		await new Promise((r) => setTimeout(r, 3000));
		expect(received('qmTrigger')).toHaveLength(2);
	});

	it('the Kling Trigger behind two webhook processes: what is left of de-duplication, measured', async () => {
		emulator.reset({ videoTaskMs: 300, submittedMs: 50, concurrency: 40 });
		const path = `/webhook/${DEDUP_TRIGGER_ID}/kling`;
		const bases = [cluster.webhookBase, cluster.webhookBase2];
		const deliver = async (base: string, taskId: string) =>
			await fetch(base + path, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(emulator.callbackBody(taskId)),
			});
		const ids: string[] = [];
		for (let i = 0; i < 22; i++) ids.push(await createTask({ prompt: `dedup ${i}` }));
		await new Promise((r) => setTimeout(r, 1000));
		const started = async () =>
			(await executions()).filter((e) => e.workflowId === 'qmDedup').length;
		const settle = async (count: () => Promise<number>) => {
			let last = -1;
			for (let now = await count(); now !== last; now = await count()) {
				last = now;
				await new Promise((r) => setTimeout(r, 3000));
			}
		};
		const passed = () => received('qmDedup').length;

		// 1. The same callback at both processes at the same moment, for 10 tasks.
		const same = ids.slice(0, 10);
		for (const id of same) await Promise.all(bases.map(async (b) => await deliver(b, id)));
		await settle(started);
		await until(async () => passed() >= same.length);
		await settle(async () => passed());
		const sameRun = { deliveries: 20, executions: await started(), passed: passed() };

		// 2. Two different tasks at the two processes at the same moment, then each repeated at the
		// other process (whose memory has not seen it) once the first deliveries have passed Remove
		// Duplicates, and at least 2 s later, for 6 pairs. Waiting for them matters on a busy
		// machine: a repeat that reaches Remove Duplicates before the first delivery's execution
		// has recorded its key can pass (seen once in CI, 2 s after the first delivery).
		const pairs = Array.from({ length: 6 }, (_, i) => [ids[10 + 2 * i], ids[11 + 2 * i]]);
		for (const [a, b] of pairs) await Promise.all([deliver(bases[0], a), deliver(bases[1], b)]);
		await new Promise((r) => setTimeout(r, 2000));
		await until(() => passed() - sameRun.passed >= 2 * pairs.length);
		await settle(async () => passed());
		for (const [a, b] of pairs) await Promise.all([deliver(bases[1], a), deliver(bases[0], b)]);
		await settle(started);
		await settle(async () => passed());
		const repeatRun = {
			deliveries: 24,
			executions: (await started()) - sameRun.executions,
			passed: passed() - sameRun.passed,
		};
		console.log(
			`[kling] trigger de-duplication, 2 webhook processes: ${JSON.stringify({ sameRun, repeatRun })}`,
		);

		// Every task started the workflow; each process starts a (task, status) at most once.
		const keys = received('qmDedup').map((r) => (r.json as { deliveryKey: string }).deliveryKey);
		expect(new Set(keys)).toEqual(new Set(ids.map((id) => `${id}:succeeded`)));
		expect(sameRun.executions).toBeGreaterThanOrEqual(10);
		expect(sameRun.executions).toBeLessThanOrEqual(20);
		expect(repeatRun.executions).toBeGreaterThanOrEqual(12);
		expect(repeatRun.executions).toBeLessThanOrEqual(24);
		// A repeat gets past the trigger at most where static data lost the race, and never past
		// Remove Duplicates once the first delivery's execution has recorded its key.
		expect(repeatRun.passed).toBe(12);
	});

	it('a worker killed mid-run: n8n does not retry the job; run again, the tasks are found, none paid twice', async () => {
		emulator.reset({ videoTaskMs: 6000, submittedMs: 300, concurrency: 5 });
		await start('qmPoll', { count: 8, run: 'crash' });
		await until(() => emulator.snapshot().creates >= 5);
		const execution = (await executions()).filter((e) => e.workflowId === 'qmPoll').pop()!;
		const worker = workerOf(execution.id)!;
		expect(worker).toBeDefined();
		cluster.kill(worker);
		const createdBefore = emulator.snapshot().creates;
		// n8n's queue does not retry a job whose worker vanished (maxStalledCount 0).
		await new Promise((r) => setTimeout(r, 5000));
		expect(received('qmPoll', 'crash')).toHaveLength(0);
		expect(emulator.snapshot().creates).toBe(createdBefore);

		// The same input again: the External Task IDs come from the data, so the other worker finds
		// the tasks the lost one created (Kling refuses the duplicate IDs for free) and pays only
		// for the rest.
		await start('qmPoll', { count: 8, run: 'crash' });
		await until(() => received('qmPoll', 'crash').length === 8);
		const out = received('qmPoll', 'crash');
		expect(out.map((r) => (r.json as { status: string }).status)).toEqual(
			Array(8).fill('succeeded'),
		);
		const stats = emulator.snapshot();
		expect(stats.creates).toBe(8);
		expect(Object.values(stats.createsByExternalId)).toEqual(Array(8).fill(1));
		expect(stats.rejectedCreates['1201']).toBe(createdBefore);
	});
});
