import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingVirtualTryOn } from '../../../nodes/KlingVirtualTryOn/KlingVirtualTryOn.node.ts';
import {
	binaryItem,
	emulatorCredentials,
	legacyCredentials,
	makeContext,
} from '../../support/context.mts';
import { PNG, createRequests, useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';
import { PROVIDER_CASES } from '../../support/providers.mts';

/**
 * Virtual try-on (docs/reference/kling-api.md#virtual-try-on): Try-On 3.0 on Kling's solutions
 * family (public URLs, `task_id` and `succeed` on its page, read through `GET /solutions`), and
 * the older Kolors path where a credential cannot reach it.
 */
const node = new KlingVirtualTryOn();
const PERSON = 'https://cdn.example.com/person.png';
const GARMENT = 'https://cdn.example.com/dress.png';
const PNG_HEX = '89504e470d0a1a0a';

/** One try-on item, person and garment by URL unless the params say otherwise. */
async function tryOn(params: IDataObject, credentials: IDataObject, item: INodeExecutionData) {
	const c = makeContext({
		params: {
			...POLLING,
			model: 'virtual-try-on-3.0',
			personImage: PERSON,
			garmentImage: GARMENT,
			options: {},
			...params,
		},
		items: [item],
		credentials,
	});
	const [out] = await node.execute.call(c.ctx);
	return out;
}

describe('Virtual Try-On', () => {
	const env = useEmulator();
	const run = async (
		params: IDataObject,
		credentials = emulatorCredentials(env.base),
		item: INodeExecutionData = { json: {} },
	) => await tryOn(params, credentials, item);

	it('Try-On 3.0: the solution body, read through /solutions, the image as a PNG binary', async () => {
		const out = await run({ options: { keepBackground: false, watermark: true } });
		const { requests } = env.emulator.snapshot();
		expect(createRequests(env.emulator).map((r) => r.path)).toEqual(['/solutions/virtual_try_on']);
		expect(env.emulator.taskBody()).toEqual({
			contents: [
				{ type: 'product_image', url: GARMENT },
				{ type: 'person_image', url: PERSON },
			],
			settings: { keep_background: false },
			options: {
				external_task_id: expect.stringMatching(/^n8n-vto-/),
				watermark: { enabled: true },
			},
		});
		const reads = requests
			.filter((r) => r.kind !== 'create' && !r.path.startsWith('/media/'))
			.map((r) => r.path);
		expect(reads.length).toBeGreaterThan(0);
		expect(reads).toEqual(reads.map(() => '/solutions'));
		expect(out[0].json).toMatchObject({
			status: 'succeeded',
			endpoint: 'virtualTryOn',
			model: 'virtual-try-on-3.0',
			apiStandard: 'new',
		});
		const png = Buffer.from(out[0].binary!.data.data, 'base64');
		expect(png.subarray(0, 8).toString('hex')).toBe(PNG_HEX);
	});

	it('access key + secret key: the Kolors path with the V1.5 name Kling runs on 3.0, a binary as Base64', async () => {
		const out = await run(
			{ personImage: 'data' },
			legacyCredentials(env.base, {
				authMode: 'accessKey',
				accessKey: 'emulator-access-key',
				secretKey: 'emulator-secret-key',
			}),
			binaryItem(PNG),
		);
		expect(createRequests(env.emulator).map((r) => r.path)).toEqual([
			'/v1/images/kolors-virtual-try-on',
		]);
		expect(env.emulator.taskBody()).toMatchObject({
			model_name: 'kolors-virtual-try-on-v1-5',
			cloth_image: GARMENT,
			human_image: PNG.toString('base64'),
		});
		expect(out[0].json).toMatchObject({ status: 'succeeded', apiStandard: 'legacy' });
	});

	it.each([
		[
			{ personImage: 'data' },
			"Person Image: Kling's Virtual Try-On 3.0 takes a public image URL only",
		],
		[{ personImage: '' }, 'Person Image: is empty'],
		[
			{ model: 'kolors-virtual-try-on-v1', options: { keepFace: false } },
			'Keep Face: Kolors Virtual Try-On 1.0 (end of life announced) does not take this setting',
		],
		[{ options: { maxUnits: 100 } }, "Kling's try-on price is on a page not captured"],
	])('refuses bad input before anything is sent: %#', async (params, message) => {
		await expect(run(params, undefined, binaryItem(PNG))).rejects.toThrow(message);
		expect(createRequests(env.emulator)).toHaveLength(0);
	});
});

describe('Virtual Try-On on a relay', () => {
	const cometapi = PROVIDER_CASES.find((p) => p.id === 'cometapi')!;
	const env = useEmulator({ relay: { ...cometapi.relay! } });

	it('goes to the Kolors path below the relay prefix', async () => {
		const out = await tryOn({}, cometapi.credentials(env.base), { json: {} });
		expect(createRequests(env.emulator)[0].path).toBe('/kling/v1/images/kolors-virtual-try-on');
		expect(out[0].json).toMatchObject({ status: 'succeeded', endpoint: 'virtualTryOn' });
	});
});
