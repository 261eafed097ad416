import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingElement } from '../../nodes/KlingElement/KlingElement.node.ts';
import {
	EMULATOR_ACCESS_KEY,
	EMULATOR_SECRET_KEY,
	binaryItem,
	emulatorCredentials,
	makeContext,
} from '../support/context.mts';
import { JPEG, PNG, PNG_B64, createRequests, useEmulator } from '../support/emulator.mts';

/** The Kling Element node against the emulator: create (and wait), get, list own and presets. */
const node = new KlingElement();
const twoPhotos: INodeExecutionData = {
	json: {},
	binary: {
		...binaryItem(PNG).binary,
		...binaryItem(JPEG, 'image/jpeg', 'b.jpg', 'side').binary,
	},
};
const create = {
	operation: 'generate',
	elementName: 'Mia',
	elementDescription: 'Our ambassador: curly red hair, green jacket',
	frontalImage: 'data',
	referImages: { image: [{ value: 'side' }] },
	wait: 'poll',
	waitTimeout: 1,
	pollInterval: 1,
	options: {},
};

describe('Kling Element', () => {
	const env = useEmulator();
	const credentials = {
		'API key': () => emulatorCredentials(env.base),
		'access key': () =>
			emulatorCredentials(env.base, {
				authMode: 'accessKey',
				accessKey: EMULATOR_ACCESS_KEY,
				secretKey: EMULATOR_SECRET_KEY,
			}),
	};
	const run = async (params: IDataObject, auth: keyof typeof credentials = 'API key') => {
		const c = makeContext({ params, items: [twoPhotos], credentials: credentials[auth]() });
		return await node.execute.call(c.ctx);
	};

	it.each(['API key', 'access key'] as const)(
		'creates an element from a frontal image and another angle (%s), waits, and returns its ID as exact digits',
		async (auth) => {
			const [[item]] = await run(create, auth);
			expect(createRequests(env.emulator)[0].path).toBe('/v1/general/advanced-custom-elements');
			expect(env.emulator.taskBody()).toMatchObject({
				element_name: 'Mia',
				reference_type: 'image_refer',
				element_image_list: {
					frontal_image: PNG_B64,
					refer_images: [{ image_url: JPEG.toString('base64') }],
				},
				external_task_id: expect.stringMatching(/^n8n-/),
			});
			const task = env.emulator.snapshot().tasks[0];
			expect(item.json).toMatchObject({ status: 'succeeded', endpoint: 'element' });
			// Kling writes the ID as an integer above 2^53; a JavaScript number would round it.
			expect(item.json.elementId).toMatch(/^82983\d{13}$/);
			expect(Number.isSafeInteger(Number(item.json.elementId))).toBe(false);
			expect(item.json.elements).toEqual([
				expect.objectContaining({
					elementId: item.json.elementId,
					name: 'Mia',
					ownedBy: 'account',
				}),
			]);
			expect(item.json.taskId).toBe(task.id);
		},
	);

	it('lists the account elements and the presets, one item per element', async () => {
		await run({ ...create, wait: 'poll' });
		const [own] = await run({ operation: 'list', source: 'own', returnAll: true });
		expect(own.map((i) => i.json.name)).toEqual(['Mia']);
		const [presets] = await run({
			operation: 'list',
			source: 'presets',
			returnAll: false,
			limit: 1,
		});
		expect(presets).toEqual([
			{
				json: expect.objectContaining({
					elementId: '829836802793406551',
					name: 'Grace',
					ownedBy: 'kling',
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('lists presets that come as bare element objects too (their shape is not documented)', async () => {
		env.emulator.configure({ bareElementPresets: true });
		const [presets] = await run({ operation: 'list', source: 'presets', returnAll: true });
		expect(presets.map((i) => [i.json.elementId, i.json.name])).toEqual([
			['829836802793406551', 'Grace'],
			['829836802793406552', 'Armored Youth'],
		]);
	});

	it('finds an element task again by its external task ID', async () => {
		await run({ ...create, wait: 'none', options: { externalTaskId: 'mia-v1' } });
		const [[found]] = await run({
			operation: 'getTask',
			lookupBy: 'externalTaskId',
			taskId: 'mia-v1',
			wait: 'poll',
			waitTimeout: 1,
			pollInterval: 1,
		});
		expect(found.json).toMatchObject({ externalTaskId: 'mia-v1', status: 'succeeded' });
		expect(String(found.json.elementId)).toMatch(/^82983/);
		expect(createRequests(env.emulator)).toHaveLength(1);
	});

	it.each([
		[
			'a name over 20 characters',
			{ elementName: 'A name far longer than twenty' },
			/^Name: is 29 characters; Kling accepts at most 20/,
		],
		['no description', { elementDescription: ' ' }, /^Description: is required/],
		[
			'four other angles',
			{ referImages: { image: ['side', 'side', 'side', 'side'].map((value) => ({ value })) } },
			/^Other Angles: has 4 images; Kling accepts at most 3/,
		],
		[
			'no other angle',
			{ referImages: { image: [] } },
			/^Other Angles: has 0 image\(s\); this provider needs at least 1/,
		],
	])('refuses %s before sending', async (_name, params, expected) => {
		const error = await run({ ...create, ...params }).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(expected);
		expect(error?.description).toMatch(/Nothing was sent to Kling/);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});
