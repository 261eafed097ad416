import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { modelsFor } from '../../../nodes/shared/models/catalogue.ts';
import { findableByExternalId } from '../../../nodes/shared/models/product.ts';
import { PRODUCTS } from '../../../nodes/shared/products/registry.ts';
import type { ProductSpec } from '../../../nodes/shared/products/spec.ts';
import { executeGeneration } from '../../../nodes/shared/waiting/runner.ts';
import type { FaultRule } from '../../../emulator/server.mts';
import { emulatorCredentials, legacyCredentials, makeContext } from '../../support/context.mts';
import { useEmulator } from '../../support/emulator.mts';
import { generateDefaults } from '../../support/params.mts';

/**
 * The conformance test: it walks the registry, so a product added there is held to every rule
 * below without this file changing.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[] };
};
const docs = readFileSync(path.join(ROOT, 'docs/nodes.md'), 'utf8');
const examples = readdirSync(path.join(ROOT, 'examples')).map((f) =>
	readFileSync(path.join(ROOT, 'examples', f), 'utf8'),
);

/** Every node the package registers, built from its source. */
const NODES: INodeType[] = await Promise.all(
	pkg.n8n.nodes.map(async (file) => {
		const source = path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const module = (await import(source)) as Record<string, unknown>;
		const NodeClass = Object.values(module).find((v) => typeof v === 'function');
		return new (NodeClass as new () => INodeType)();
	}),
);

/** The panel's defaults and the spec's sample, polled for its result. */
const generateParams = (product: ProductSpec): IDataObject => ({
	...generateDefaults(product.properties),
	...product.sample,
	operation: 'generate',
	wait: 'poll',
	waitTimeout: 1,
	pollInterval: 1,
});

const RESULT_FIELD = {
	video: 'videos',
	image: 'images',
	element: 'elements',
	audio: 'audios',
	voice: 'voices',
};

describe('the product registry', () => {
	const env = useEmulator();

	it('names each product once, with a tag its generated external task IDs can carry', () => {
		expect(new Set(PRODUCTS.map((p) => p.id)).size).toBe(PRODUCTS.length);
		expect(new Set(PRODUCTS.map((p) => p.tag)).size).toBe(PRODUCTS.length);
		for (const p of PRODUCTS) expect(p.tag, p.id).toMatch(/^[a-z0-9]+$/);
	});

	describe.each(PRODUCTS.map((p) => [p.id, p] as const))('%s', (_id, product) => {
		const nodes = NODES.filter((n) => n.description.properties === product.properties);

		it('has exactly one node, registered in package.json, named after it', () => {
			expect(nodes).toHaveLength(1);
			expect(nodes[0].description.displayName).toBe(`Kling ${product.label}`);
		});

		it("lists every endpoint its models' routes name, and a path and rules for each", () => {
			for (const model of modelsFor(product.id)) {
				const routes: { legacy?: string; new?: string } = model.routes[product.id]!;
				for (const standard of ['legacy', 'new'] as const) {
					const ids = product.endpoints[standard].map((e) => e.id);
					if (routes[standard]) expect(ids, `${model.id} ${standard}`).toContain(routes[standard]);
				}
			}
			for (const e of [...product.endpoints.legacy, ...product.endpoints.new]) {
				// New standard: /{product} (the model follows), or a solution's own /solutions/{name}.
				const shape =
					e.standard === 'legacy'
						? /^\/v1\/[a-z-]+(\/[a-z0-9-]+){1,2}$/
						: e.solution
							? /^\/solutions(\/e-commerce)?\/[a-z_]+$/
							: /^\/[a-z0-9.-]+$/;
				expect(e.path, e.id).toMatch(shape);
				expect(typeof e.rules.safeParse, e.id).toBe('function');
			}
		});

		it('has a section in docs/nodes.md that its node links to, and an example workflow', () => {
			const heading = `## Kling ${product.label}`;
			expect(docs.split('\n')).toContain(heading);
			const anchor = heading.slice(3).toLowerCase().replace(/ /g, '-');
			expect(nodes[0].description.documentationUrl).toMatch(
				new RegExp(`/docs/nodes\\.md#${anchor}$`),
			);
			const type = `"n8n-nodes-kling.${nodes[0].description.name}"`;
			expect(examples.some((e) => e.includes(type))).toBe(true);
		});

		it.each([
			['the new standard where it has one', emulatorCredentials],
			['the legacy standard', legacyCredentials],
		])(
			'its panel defaults and sample make a request the emulator accepts, on %s',
			async (_standard, credentials) => {
				const { ctx } = makeContext({
					params: generateParams(product),
					credentials: credentials(env.base),
				});
				const [[item]] = await executeGeneration(ctx, product, false);
				expect(item.json).toMatchObject({ status: 'succeeded', endpoint: product.id });
				expect((item.json[RESULT_FIELD[product.result]] as unknown[]).length).toBeGreaterThan(0);
				expect(env.emulator.snapshot().creates).toBe(1);
			},
		);
	});
});

describe('create safety is the product’s: an uncertain create', () => {
	const env = useEmulator();
	const faults = (kind: FaultRule['kind']): FaultRule[] => [{ stage: 'create', kind, count: 1 }];

	async function run(product: ProductSpec, kind: FaultRule['kind']) {
		// Kling's own refusal of a duplicate external task ID stays on: it must not be relied upon.
		env.emulator.reset({ faults: faults(kind), videoTaskMs: 300, imageTaskMs: 200 });
		const { ctx } = makeContext({
			params: generateParams(product),
			credentials: emulatorCredentials(env.base),
			continueOnFail: true,
		});
		const [[item]] = await executeGeneration(ctx, product, true);
		return { item, stats: env.emulator.snapshot() };
	}

	const kinds: Array<FaultRule['kind']> = ['5000-after-create', '5002-after-create', 'reset'];
	const cases = PRODUCTS.flatMap((p) => kinds.map((k) => [p.id, k, p] as const));

	// Lip-sync is read by task ID only: the next test's rule is its own.
	const findable = cases.filter(([, , p]) => findableByExternalId(p));

	it.each(findable)(
		'%s, %s: is found by external task ID, not paid twice',
		async (_id, kind, p) => {
			const { item, stats } = await run(p, kind);
			expect(item.json.status).toBe('succeeded');
			expect(stats.creates).toBe(1);
		},
	);

	it.each(cases)(
		'%s, %s: found by task ID only, it is never sent again',
		async (_id, kind, product) => {
			const taskIdOnly = {
				...product,
				safety: { ...product.safety, lookup: 'taskId' as const },
			};
			const { item, stats } = await run(taskIdOnly, kind);
			expect(item.json.error).toMatch(/may have been created, so it was not sent again/);
			expect(JSON.stringify(item.json)).toMatch(
				/look for the task .*cannot be looked up by external task ID/,
			);
			expect(stats.createAttempts).toBe(1);
			expect(stats.creates).toBe(1);
		},
	);

	it.each(PRODUCTS.map((p) => [p.id, p] as const))(
		'%s without external task IDs: none is sent, and an uncertain create is not sent again',
		async (_id, product) => {
			const unnamed = { ...product, safety: { externalTaskId: false, lookup: 'taskId' as const } };
			const { item, stats } = await run(unnamed, '5000-after-create');
			expect(item.json.error).toMatch(/may have been created, so it was not sent again/);
			expect(JSON.stringify(item.json)).toMatch(/look for the task in/);
			expect(item.json.externalTaskId).toBeNull();
			expect(stats.createAttempts).toBe(1);
			expect(env.emulator.taskBody()).not.toHaveProperty('external_task_id');
			expect(JSON.stringify(env.emulator.taskBody())).not.toContain('external_task_id');
		},
	);

	const i2v = PRODUCTS.find((p) => p.id === 'image2video')!;
	/** Image to video, as if its create answered at once (as TTS does): nothing to look up. */
	const syncCall: ProductSpec = {
		...i2v,
		call: 'sync',
		safety: { externalTaskId: false, lookup: 'none' },
	};

	it.each(kinds)('a synchronous call, %s: never sent again, and says why', async (kind) => {
		const { item, stats } = await run(syncCall, kind);
		expect(item.json.error).toMatch(/may have been created, so it was not sent again/);
		expect(JSON.stringify(item.json)).toMatch(/Image to Video calls cannot be looked up/);
		expect(stats.createAttempts).toBe(1);
	});

	it('a synchronous call answered without its result is an error, never polled nor resent', async () => {
		env.emulator.reset({ videoTaskMs: 60_000 });
		const { ctx } = makeContext({
			params: { ...generateParams(i2v), wait: 'callback' },
			credentials: emulatorCredentials(env.base),
			continueOnFail: true,
		});
		const [[item]] = await executeGeneration(ctx, syncCall, true);
		expect(item.json.error).toBe(
			'Kling answered the Image to Video call without its result (status submitted)',
		);
		const stats = env.emulator.snapshot();
		expect(stats.createAttempts).toBe(1);
		expect(stats.queries).toBe(0);
		expect(env.emulator.callbackUrl()).toBeUndefined();
	});

	it('Get Task refuses a synchronous call, sending nothing', async () => {
		const { ctx, http } = makeContext({
			params: { operation: 'getTask', lookupBy: 'taskId', taskId: 't-1', wait: 'poll' },
			credentials: emulatorCredentials(env.base),
		});
		await expect(executeGeneration(ctx, syncCall, false)).rejects.toThrow(
			/^Operation: Image to Video answers at once and keeps nothing to look up; use Generate/,
		);
		expect(http).toHaveLength(0);
	});

	it('Get Task refuses an external-ID lookup of a product found by task ID only, sending nothing', async () => {
		const taskIdOnly = { ...i2v, safety: { ...i2v.safety, lookup: 'taskId' as const } };
		const { ctx, http } = makeContext({
			params: { operation: 'getTask', lookupBy: 'externalTaskId', taskId: 'ext-1', wait: 'poll' },
			credentials: emulatorCredentials(env.base),
		});
		await expect(executeGeneration(ctx, taskIdOnly, false)).rejects.toThrow(
			/^Look Up By: Image to Video tasks cannot be looked up by external task ID/,
		);
		expect(http).toHaveLength(0);
	});

	it('a product without external task IDs polls when asked to wait for the callback, and says so', async () => {
		env.emulator.reset({ videoTaskMs: 300 });
		const unnamed = { ...i2v, safety: { externalTaskId: false, lookup: 'taskId' as const } };
		const { ctx } = makeContext({
			params: {
				...generateDefaults(i2v.properties),
				...i2v.sample,
				wait: 'callback',
				pollInterval: 1,
			},
			credentials: emulatorCredentials(env.base),
		});
		const [[item]] = await executeGeneration(ctx, unnamed, false);
		expect(item.json.status).toBe('succeeded');
		expect(item.json.waitFallback).toMatch(/takes no external task ID.*polled instead/);
	});
});
