import { describe, expect, it } from 'vitest';

import { KlingImage2Video } from '../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { KlingMultiImage2Image } from '../../nodes/KlingMultiImage2Image/KlingMultiImage2Image.node.ts';
import { PRODUCTS } from '../../nodes/shared/products/registry.ts';
import type { ProductSpec } from '../../nodes/shared/products/spec.ts';
import { executeGeneration } from '../../nodes/shared/waiting/runner.ts';
import { binaryItem, makeContext, makeWebhookContext } from '../support/context.mts';
import { PNG, createRequests, useEmulator } from '../support/emulator.mts';
import { PROVIDER_CASES } from '../support/providers.mts';
import { I2V_BASE, generateDefaults } from '../support/params.mts';

const i2v = new KlingImage2Video();
/** Every task product but the generation nodes tested on their own below: the tools. */
const GENERATION = ['text2video', 'image2video', 'multiImage2video', 'multiImage2image', 'element'];
const TOOLS = PRODUCTS.filter((p) => p.call === 'task' && !GENERATION.includes(p.id));
/** A tool's Generate from its sample, polled: what the registry's conformance test sends. */
const toolParams = (product: ProductSpec) => ({
	...generateDefaults(product.properties),
	image: 'data',
	...product.sample,
	operation: 'generate',
	wait: 'poll',
	waitTimeout: 1,
	pollInterval: 1,
	downloadResult: false,
	...(product.id === 'effects' ? { secondImage: 'data' } : {}),
});
const m2i = new KlingMultiImage2Image();
const base = I2V_BASE;

describe.each(
	PROVIDER_CASES.map((p) => ({ ...p, name: p.name ?? p.id, recovers: p.recovers ?? p.lookup })),
)('provider $name, against the emulator playing it', (provider) => {
	const env = useEmulator({ relay: provider.relay });
	const run = (node: KlingImage2Video | KlingMultiImage2Image, params: Record<string, unknown>) => {
		const c = makeContext({
			params: { ...base, ...params },
			items: [binaryItem(PNG)],
			credentials: provider.credentials(env.base),
			continueOnFail: true,
		});
		return { ...c, result: node.execute.call(c.ctx) };
	};

	it('generates a video and reads it back by task ID', async () => {
		const [[item]] = await run(i2v, {}).result;
		expect(item.json).toMatchObject({ status: 'succeeded', endpoint: 'image2video' });
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect(createRequests(env.emulator)).toHaveLength(1);
	});

	// Every video tool on this provider, from the panel defaults and each product's sample (URLs
	// and the account's sample results), through the provider's prefix and its reads.
	it.each(TOOLS.map((p) => [p.label, p] as const))(
		'%s runs through the provider and is read back',
		async (_label, product) => {
			const c = makeContext({
				params: toolParams(product),
				items: [binaryItem(PNG)],
				credentials: provider.credentials(env.base),
			});
			const [[item]] = await executeGeneration(c.ctx, product, false);
			expect(item.json).toMatchObject({ status: 'succeeded', endpoint: product.id });
			expect(env.emulator.snapshot().creates).toBe(1);
			const create = createRequests(env.emulator).at(-1)!;
			// Relays serve the legacy paths; Kling itself also a solution's (Virtual Try-On).
			const own = product.endpoints.new.filter((e) => e.solution && !provider.relay);
			expect(
				[product.endpoints.legacy[0], ...own].map(
					(e) => `${provider.relay?.prefix ?? ''}${e.path}`,
				),
			).toContain(create.path);
		},
	);

	it("Multi-Image to Image reaches the provider's route with its scene field spelling", async () => {
		const [[item]] = await run(m2i, {
			model: 'kling-v2-1',
			prompt: 'Together',
			subjectImages: { image: [{ value: 'data' }] },
			options: { sceneImage: 'https://e.com/scene.png' },
		}).result;
		expect(item.json).toMatchObject({ status: 'succeeded' });
		const body = env.emulator.taskBody()!;
		const field = provider.relay?.sceneImageField ?? 'scene_image';
		expect(body[field]).toBe('https://e.com/scene.png');
	});

	it(`a create with an unknown outcome is ${provider.recovers ? 'found again, not sent again' : 'not sent again, and the item says how to find it'}`, async () => {
		// Uniqueness off: only the node's own care keeps a second task from being created.
		env.emulator.reset({
			relay: provider.relay,
			videoTaskMs: 300,
			submittedMs: 50,
			enforceUniqueExternalId: false,
			faults: [{ stage: 'create', kind: '5002-after-create', count: 1 }],
		});
		const [[item]] = await run(i2v, { options: { externalTaskId: 'uncertain-1' } }).result;
		const stats = env.emulator.snapshot();
		expect(stats.creates).toBe(1);
		expect(stats.duplicateCreates).toBe(0);
		if (provider.recovers) {
			expect(item.json).toMatchObject({ status: 'succeeded', externalTaskId: 'uncertain-1' });
			return;
		}
		expect(createRequests(env.emulator)).toHaveLength(1);
		expect(item.json.error).toMatch(
			/may have been created, so it was not sent again \(Kling error 5002/,
		);
		expect(item.json.description).toMatch(/external task ID "uncertain-1" in \w+'s dashboard/);
		expect(item.json.description).toMatch(/cannot look tasks up by external ID/);
	});

	it('a relay set to refuse duplicate IDs gets an uncertain create again; "already exists" reads as: it exists', async () => {
		if (provider.recovers) return;
		env.emulator.reset({
			relay: provider.relay,
			videoTaskMs: 300,
			submittedMs: 50,
			enforceUniqueExternalId: true,
			faults: [{ stage: 'create', kind: '5000-after-create', count: 1 }],
		});
		const c = makeContext({
			params: { ...base, options: { externalTaskId: 'twice-1' } },
			items: [binaryItem(PNG)],
			credentials: provider.credentials(env.base, {
				relaySettings: true,
				uniqueExternalIds: 'yes',
			}),
			continueOnFail: true,
		});
		const [[item]] = await i2v.execute.call(c.ctx);
		expect(createRequests(env.emulator)).toHaveLength(2);
		expect(env.emulator.snapshot().creates).toBe(1);
		expect(item.json.error).toMatch(
			/says a task with external task ID "twice-1" already exists; it was not sent again/,
		);
	});

	it(`Get Task by external task ID ${provider.lookup ? 'finds the task' : 'is refused before any request'}`, async () => {
		await run(i2v, { options: { externalTaskId: 'find-me' } }).result;
		const before = env.emulator.snapshot().requests.length;
		const [[item]] = await run(i2v, {
			operation: 'getTask',
			lookupBy: 'externalTaskId',
			taskId: 'find-me',
		}).result;
		if (provider.lookup) {
			expect(item.json).toMatchObject({ status: 'succeeded', externalTaskId: 'find-me' });
			return;
		}
		expect(item.json.error).toMatch(/cannot look tasks up by external task ID; use the task ID/);
		expect(env.emulator.snapshot().requests.length).toBe(before);
	});

	it('callback-wait resumes on the last final callback, reading tasks the way the provider can', async () => {
		env.emulator.reset({ relay: provider.relay, videoTaskMs: 600, submittedMs: 50 });
		const c = makeContext({
			params: { ...base, wait: 'callback' },
			items: [binaryItem(PNG), binaryItem(PNG)],
			credentials: provider.credentials(env.base),
		});
		await i2v.execute.call(c.ctx);
		expect(c.waitTill()).toBeDefined();
		await new Promise((r) => setTimeout(r, 800));
		const tasks = env.emulator.snapshot().tasks;
		let resumed: unknown;
		for (const task of tasks) {
			const url = new URL(String(env.emulator.callbackUrl(task.id)));
			const hook = makeWebhookContext({
				body: env.emulator.callbackBody(task.id),
				query: Object.fromEntries(url.searchParams),
				params: { ...base, wait: 'callback' },
				credentials: provider.credentials(env.base),
			});
			resumed = (await i2v.webhook.call(hook.ctx)).workflowData ?? resumed;
		}
		const [[...items]] = resumed as Array<Array<{ json: { status: string; taskId: string } }>>;
		expect(items.map((i) => i.json.status)).toEqual(['succeeded', 'succeeded']);
		expect(items.map((i) => i.json.taskId)).toEqual(tasks.map((t) => t.id));
	});
});
