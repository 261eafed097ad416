import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { KlingEmulator } from '../../emulator/server.mts';
import { N8nInstance, emulatorCredential } from '../support/n8n.mts';
import { PROVIDER_CASES } from '../support/providers.mts';
import { chain, items, itemsFromBody, kling, trigger, webhookNode } from '../support/workflows.mts';

/**
 * Retrying costs nothing twice, in a real n8n: n8n's Retry On Fail on a Kling node, and the
 * executions list's Retry of a failed execution. Each first attempt fails after its tasks were
 * created (the first result download is refused), so the retry meets tasks that exist.
 */
const EMAIL = 'retry@kling.local';
const PASSWORD = 'KlingRetry1';
const COMET = PROVIDER_CASES.find((p) => p.id === 'cometapi')!;
const COMET_CREDENTIAL = { id: 'kling-cometapi', name: 'Kling via CometAPI' };
const DOWNLOAD_REFUSED_ONCE = [{ stage: 'download' as const, kind: 'html-403' as const, count: 1 }];

describe('retrying a Kling node inside a real n8n', () => {
	const emulator = new KlingEmulator({ videoTaskMs: 1000, submittedMs: 100 });
	let n8n: N8nInstance;
	let url = '';
	let cookie = '';

	const rest = async (path: string, body?: unknown) => {
		const response = await fetch(`http://127.0.0.1:${n8n.port}/rest/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'kling-e2e', cookie },
			body: JSON.stringify(body ?? {}),
		});
		cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
		return { status: response.status, json: (await response.json()) as { data?: unknown } };
	};

	/** Waits until n8n has saved as many finished executions (success or error) as `count`. */
	const finishedExecutions = async (count: number) => {
		for (;;) {
			const done = (await n8n.executions()).filter((e) => ['success', 'error'].includes(e.status));
			if (done.length >= count) return done;
			await new Promise((r) => setTimeout(r, 250));
		}
	};

	beforeAll(async () => {
		url = await emulator.start();
		n8n = await N8nInstance.create('retry');
		await n8n.setOwner(EMAIL, PASSWORD);
		await n8n.importCredentials([
			emulatorCredential(url),
			{ ...emulatorCredential(url, COMET.credentials(url)), ...COMET_CREDENTIAL },
		]);
		const image = `${url}/samples/photo-1.png`;
		await n8n.importWorkflows([
			chain('e2eRetryOnFail', [
				trigger,
				items(2),
				kling(
					'klingImage2Video',
					'Kling Image to Video',
					{ model: 'kling-v2-6', image, prompt: '={{ "item " + $json.i }}' },
					{
						retryOnFail: true,
						maxTries: 2,
						waitBetweenTries: 0,
						credentials: { klingApi: COMET_CREDENTIAL },
					},
				),
			]),
			chain('e2eRetryExecution', [
				webhookNode('e2eRetryExecution-in', 'start-retry', '3f6c1d2e-5a4b-4c3d-9e8f-7a6b5c4d3e2f'),
				itemsFromBody('e2eRetryExecution-items', 'return [0, 1].map((i) => ({ json: { i } }));'),
				kling('klingImage2Video', 'Kling Image to Video', {
					model: 'kling-v2-6',
					image,
					prompt: '={{ "item " + $json.i }}',
				}),
			]),
		]);
		await n8n.publish('e2eRetryExecution');
	});

	afterAll(async () => {
		await n8n?.dispose();
		await emulator.stop();
	});

	it("Retry On Fail on a relay that neither finds tasks by external ID nor refuses duplicates: the retry finds the first attempt's tasks", async () => {
		emulator.reset({
			relay: COMET.relay,
			enforceUniqueExternalId: false,
			faults: DOWNLOAD_REFUSED_ONCE,
		});
		const result = await n8n.execute('e2eRetryOnFail');
		expect(result.error).toBeUndefined();
		const out = result.nodes['Kling Image to Video'];
		expect(out.map((o) => o.json.status)).toEqual(['succeeded', 'succeeded']);
		const stats = emulator.snapshot();
		// The first attempt failed on its first download: n8n ran the node again.
		expect(stats.faultsInjected['html-403']).toBe(1);
		expect(stats.creates).toBe(2);
		expect(Object.values(stats.createsByExternalId)).toEqual([1, 1]);
	});

	it("the executions list's Retry of a failed execution finds its tasks; a new execution pays anew", async () => {
		emulator.reset({ faults: DOWNLOAD_REFUSED_ONCE });
		await n8n.start();
		await n8n.waitForWebhook('start-retry');
		const before = (await n8n.executions()).length;
		expect(
			(await fetch(`http://127.0.0.1:${n8n.port}/webhook/start-retry`, { method: 'POST' })).status,
		).toBe(200);
		const [failed] = (await finishedExecutions(before + 1)).slice(before);
		expect(failed.status).toBe('error');
		expect(emulator.snapshot().creates).toBe(2);

		expect((await rest('login', { emailOrLdapLoginId: EMAIL, password: PASSWORD })).status).toBe(
			200,
		);
		const retried = await rest(`executions/${failed.id}/retry`, { loadWorkflow: false });
		expect(retried.status).toBe(200);
		const [, retry] = (await finishedExecutions(before + 2)).slice(before);
		expect(retry.status).toBe('success');
		let stats = emulator.snapshot();
		// The tasks the failed execution paid for were found (by their external task IDs), not made again.
		expect(stats.creates).toBe(2);
		expect(Object.values(stats.createsByExternalId)).toEqual([1, 1]);

		// The same workflow started again is new work: it generates anew.
		await fetch(`http://127.0.0.1:${n8n.port}/webhook/start-retry`, { method: 'POST' });
		const [, , fresh] = (await finishedExecutions(before + 3)).slice(before);
		expect(fresh.status).toBe('success');
		stats = emulator.snapshot();
		expect(stats.creates).toBe(4);
	});
});
