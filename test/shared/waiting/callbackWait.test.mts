import http from 'node:http';

import { describe, expect, it } from 'vitest';

import { KlingImage2Video } from '../../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import {
	binaryItem,
	emulatorCredentials,
	makeContext,
	makeWebhookContext,
} from '../../support/context.mts';
import { PNG, createRequests, useEmulator } from '../../support/emulator.mts';
import { I2V_BASE } from '../../support/params.mts';

const node = new KlingImage2Video();
const base = { ...I2V_BASE, wait: 'callback' };
const three = () => [binaryItem(PNG), binaryItem(PNG), binaryItem(PNG)];

describe.each(['new', 'legacy'])('Wait "Until Kling Calls Back" (%s API standard)', (standard) => {
	const env = useEmulator({ videoTaskMs: 1500 });
	const credentials = () => emulatorCredentials(env.base, { apiStandard: standard });

	function run(
		params: Record<string, unknown>,
		opts: Partial<Parameters<typeof makeContext>[0]> = {},
	) {
		const c = makeContext({
			params: { ...base, ...params },
			items: opts.items ?? three(),
			credentials: credentials(),
			...opts,
		});
		return { ...c, result: node.execute.call(c.ctx) };
	}

	const statusReads = () =>
		env.emulator.snapshot().requests.filter((r) => r.kind === 'query' || r.kind === 'list').length;

	/** A callback to the waiting execution, as n8n hands it to the node's webhook. */
	async function callback(callbackUrl: string, taskId: string) {
		const query = Object.fromEntries(new URL(callbackUrl).searchParams);
		const hook = makeWebhookContext({
			body: env.emulator.callbackBody(taskId),
			query,
			params: base,
			credentials: credentials(),
		});
		return { hook, result: await node.webhook.call(hook.ctx) };
	}

	it('submits every item with the resume URL, pauses, and shows the tasks while waiting', async () => {
		const { result, waitTill } = run({});
		const [paused] = await result;
		expect(waitTill()).toBeInstanceOf(Date);
		expect(waitTill()!.getTime()).toBeGreaterThan(Date.now() + 50_000);
		expect(paused.map((i) => i.json.waitingFor)).toEqual([
			'Kling callback',
			'Kling callback',
			'Kling callback',
		]);
		expect(paused.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const stats = env.emulator.snapshot();
		expect(stats.creates).toBe(3);
		const urls = stats.tasks.map((t) => String(env.emulator.callbackUrl(t.id) ?? ''));
		expect(
			urls.every((u) =>
				/\/webhook-waiting\/exec-\d+\?signature=t&kling_batch=[0-9a-f]{24}&kling_items=3$/.test(u),
			),
		).toBe(true);
		expect(paused.map((i) => i.json.externalTaskId)).toEqual(stats.tasks.map((t) => t.externalId));
		// Right before pausing it read the batch once (a list page, or one /tasks read); nothing else.
		expect(statusReads()).toBe(1);
	});

	it('stays waiting on non-final and early callbacks; resumes on the last with the polling output', async () => {
		const { result } = run({});
		await result;
		const tasks = env.emulator.snapshot().tasks;
		const url = String(env.emulator.callbackUrl(tasks[0].id));

		// A "processing" callback changes nothing and reads nothing.
		const early = await callback(url, tasks[0].id);
		expect(early.result.workflowData).toBeUndefined();
		expect(early.hook.response.status).toBe(200);
		expect(statusReads()).toBe(1);

		await new Promise((r) => setTimeout(r, 1700));
		const last = await callback(url, tasks[2].id);
		const [[...items]] = last.result.workflowData!;
		expect(items.map((i) => i.json.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
		expect(items.map((i) => i.json.taskId)).toEqual(tasks.map((t) => t.id));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.every((i) => i.binary?.data.mimeType === 'video/mp4')).toBe(true);
		// One batch read before the pause, one to confirm the batch on the last callback.
		expect(statusReads()).toBe(2);

		// Polling the same input gives the same items, apart from ids and times.
		const polled = await run({ wait: 'poll' }).result;
		const shape = (json: Record<string, unknown>) => ({
			...json,
			taskId: 0,
			externalTaskId: 0,
			createdAt: 0,
			updatedAt: 0,
			elapsedMs: 0,
			videos: (json.videos as unknown[]).length,
		});
		expect(items.map((i) => shape(i.json))).toEqual(polled[0].map((i) => shape(i.json)));
		expect(items.map((i) => Object.keys(i.binary!))).toEqual(
			polled[0].map((i) => Object.keys(i.binary!)),
		);
	});

	it('a final callback for a task outside the batch reads nothing and resumes nothing', async () => {
		const { result } = run({});
		await result;
		const url = String(env.emulator.callbackUrl(env.emulator.snapshot().tasks[0].id));
		const query = Object.fromEntries(new URL(url).searchParams);
		const forged = {
			task_id: '999',
			task_status: 'succeed',
			task_info: { external_task_id: 'someone-else' },
			task_result: { videos: [{ id: 'v', url: 'http://127.0.0.1:9/evil.mp4' }] },
		};
		const hook = makeWebhookContext({
			body: forged,
			query,
			params: base,
			credentials: credentials(),
		});
		const answer = await node.webhook.call(hook.ctx);
		expect(answer.workflowData).toBeUndefined();
		expect(statusReads()).toBe(1);
	});

	it('a failed task becomes an error item naming the status message, on the error output when chosen', async () => {
		const { result } = run(
			{},
			{
				params: (i) => ({ ...base, prompt: i === 1 ? '[fail] broken' : 'fine' }),
			},
		);
		await result;
		await new Promise((r) => setTimeout(r, 1700));
		const tasks = env.emulator.snapshot().tasks;
		const url = String(env.emulator.callbackUrl(tasks[0].id));
		const query = Object.fromEntries(new URL(url).searchParams);
		const hook = makeWebhookContext({
			body: env.emulator.callbackBody(tasks[1].id),
			query,
			params: base,
			credentials: credentials(),
		});
		const [[...items]] = (await node.webhook.call(hook.ctx)).workflowData!;
		expect(items[1].json).toMatchObject({ status: 'failed', taskId: tasks[1].id, code: null });
		expect(String(items[1].json.error)).toMatch(/Kling task \d+ failed: /);
		expect(items.map((i) => i.json.status)).toEqual(['succeeded', 'failed', 'succeeded']);

		// The same batch resumes once; a second run shows the error output.
		expect((await node.webhook.call(hook.ctx)).workflowData).toBeUndefined();
		await run({}, { params: (i) => ({ ...base, prompt: i === 1 ? '[fail] broken' : 'fine' }) })
			.result;
		await new Promise((r) => setTimeout(r, 1700));
		const again = env.emulator.snapshot().tasks.slice(3);
		const second = makeWebhookContext({
			body: env.emulator.callbackBody(again[1].id),
			query: Object.fromEntries(
				new URL(String(env.emulator.callbackUrl(again[0].id))).searchParams,
			),
			params: base,
			credentials: credentials(),
		});
		second.ctx.getNode().onError = 'continueErrorOutput';
		const [ok, errors] = (await node.webhook.call(second.ctx)).workflowData!;
		expect(ok.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(errors.map((i) => [i.pairedItem, i.json.status])).toEqual([[{ item: 1 }, 'failed']]);
	});

	it('does not pause when every task has finished by the time it would', async () => {
		env.emulator.reset({ videoTaskMs: 1, submittedMs: 0 });
		const { result, waitTill } = run({}, { items: [binaryItem(PNG)] });
		const [[item]] = await result;
		expect(waitTill()).toBeUndefined();
		expect(item.json.status).toBe('succeeded');
		expect(item.binary?.data.mimeType).toBe('video/mp4');
	});

	it('as an AI tool it polls instead, and says so', async () => {
		const { result, waitTill } = run({}, { items: [binaryItem(PNG)], isTool: true });
		const [[item]] = await result;
		expect(waitTill()).toBeUndefined();
		expect(item.json.status).toBe('succeeded');
		expect(String(item.json.waitFallback)).toMatch(/AI tool/);
		expect(env.emulator.callbackUrl()).toBeUndefined();
	});

	it('an item that fails before the pause (continue on fail) makes it poll, and says so', async () => {
		const { result, waitTill } = run(
			{},
			{
				continueOnFail: true,
				params: (i) => ({ ...base, prompt: i === 1 ? 'x'.repeat(2501) : 'fine' }),
			},
		);
		const [items] = await result;
		expect(waitTill()).toBeUndefined();
		expect(items.map((i) => i.json.status ?? null)).toEqual(['succeeded', null, 'succeeded']);
		expect(String(items[1].json.error)).toMatch(/Prompt: is 2501 characters/);
		expect(String(items[0].json.waitFallback)).toMatch(/failed before the pause/);
		expect(createRequests(env.emulator)).toHaveLength(2);
	});

	it("refuses a Callback URL option, which would take the resume URL's place, before sending anything", async () => {
		const { result } = run({ options: { callbackUrl: 'https://hooks.example.com/x' } });
		await expect(result).rejects.toThrow(
			/Callback URL: leave it empty when Wait is "Until Kling Calls Back"/,
		);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});

	it.runIf(standard === 'new')(
		'resumes when Automatic kept the items on the legacy standard (a negative prompt)',
		async () => {
			// /tasks may not show legacy video tasks [?]: the batch is then found on the legacy endpoint.
			env.emulator.configure({ legacyTasksOnTasks: false });
			const params = { options: { negativePrompt: 'blur' } };
			const automatic = emulatorCredentials(env.base);
			await run(params, { credentials: automatic }).result;
			const tasks = env.emulator.snapshot().tasks;
			const url = String(env.emulator.callbackUrl(tasks[0].id));
			await new Promise((r) => setTimeout(r, 1700));
			const query = Object.fromEntries(new URL(url).searchParams);
			const hook = makeWebhookContext({
				body: env.emulator.callbackBody(tasks[2].id),
				query,
				params: { ...base, ...params },
				credentials: automatic,
			});
			const answer = await node.webhook.call(hook.ctx);
			const [[...items]] = answer.workflowData!;
			expect(items.map((i) => i.json.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
			expect(tasks.every((t) => t.endpoint === 'image2video')).toBe(true);
		},
	);

	it('final callbacks arriving together: one resumes, the others read the batch and download nothing', async () => {
		await run({}).result;
		const tasks = env.emulator.snapshot().tasks;
		const url = String(env.emulator.callbackUrl(tasks[0].id));
		await new Promise((r) => setTimeout(r, 1700));
		const answers = await Promise.all(tasks.map((t) => callback(url, t.id)));
		expect(answers.filter((a) => a.result.workflowData)).toHaveLength(1);
		// Three results, downloaded once each.
		expect(env.emulator.snapshot().downloads).toBe(3);
	});

	it.runIf(standard === 'legacy')(
		'a lost last callback: the first final one watches the batch, resumes once it is quiet, and not if n8n resumed it elsewhere',
		async () => {
			// n8n's answer to a call to the resume URL: 409 once the execution no longer waits.
			const probes: string[] = [];
			const n8n = http.createServer((req, res) => {
				probes.push(String(req.url));
				res.writeHead(req.url === '/gone' ? 409 : 200).end('{}');
			});
			await new Promise<void>((r) => n8n.listen(0, '127.0.0.1', r));
			const probeBase = `http://127.0.0.1:${(n8n.address() as { port: number }).port}`;
			const watch = async (probePath: string) => {
				const [paused] = await run({}).result;
				const taskId = String(paused[2].json.taskId);
				const url = new URL(String(env.emulator.callbackUrl(taskId)));
				// Only this one final callback comes, before the others have finished.
				const hook = makeWebhookContext({
					body: { ...env.emulator.callbackBody(taskId), task_status: 'succeed' },
					query: Object.fromEntries(url.searchParams),
					params: base,
					credentials: credentials(),
					evaluate: (e) => (e.includes('resumeUrl') ? probeBase + probePath : undefined),
				});
				return await node.webhook.call(hook.ctx);
			};
			try {
				const started = Date.now();
				const [resumed, elsewhere] = await Promise.all([watch('/waiting'), watch('/gone')]);
				expect(Date.now() - started).toBeGreaterThan(15_000);
				const [[...items]] = resumed.workflowData!;
				expect(items.map((i) => i.json.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
				expect(elsewhere.workflowData).toBeUndefined();
				// Only the resumed batch was downloaded.
				expect(env.emulator.snapshot().downloads).toBe(3);
				expect(probes.sort()).toEqual(['/gone', '/waiting']);
			} finally {
				n8n.close();
			}
		},
		60_000,
	);
});
