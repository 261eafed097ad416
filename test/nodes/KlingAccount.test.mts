import { describe, expect, it } from 'vitest';

import { KlingAccount } from '../../nodes/KlingAccount/KlingAccount.node.ts';
import { KlingImage2Video } from '../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { binaryItem, emulatorCredentials, makeContext } from '../support/context.mts';
import { PNG, useEmulator } from '../support/emulator.mts';
import { I2V_BASE } from '../support/params.mts';

const account = new KlingAccount();

describe('Kling Account', () => {
	const env = useEmulator();
	const run = (
		params: Record<string, unknown> = {},
		credentials = emulatorCredentials(env.base),
	) => {
		const c = makeContext({
			params: { operation: 'getResourcePacks', ...params },
			items: [{ json: {} }, { json: {} }],
			credentials,
			continueOnFail: true,
		});
		return { ...c, result: account.execute.call(c.ctx) };
	};

	it('reads the resource packs and the units left per type, after what tasks took', async () => {
		// Kling 2.6, 5 s at 720p, silent: 0.3 units a second (docs/reference/kling-api.md#models-and-prices) = 1.5 units.
		const generate = makeContext({
			params: { ...I2V_BASE, downloadResult: false },
			items: [binaryItem(PNG), binaryItem(PNG)],
			credentials: emulatorCredentials(env.base),
		});
		await new KlingImage2Video().execute.call(generate.ctx);

		const [[first, second]] = await run().result;
		// Both packs are billed as decreasing_total: their units are never added together.
		expect(first.json).toMatchObject({
			remaining: { video: 97, image: 1000 },
			remainingByBillingKind: {
				video: { decreasing_total: 97 },
				image: { decreasing_total: 1000 },
			},
		});
		expect(first.json.packs).toEqual([
			expect.objectContaining({
				name: 'Trial-Video-100Units-5Con',
				product: 'video',
				billingKind: 'decreasing_total',
				total: 100,
				remaining: 97,
				status: 'online',
			}),
			expect.objectContaining({ name: 'Trial-Image-1000Units-9Con', product: 'image' }),
		]);
		// Kling asks for one account read a second: the second item's read is answered 1302 and retried.
		expect(second.json).toMatchObject({ remaining: { video: 97 } });
		const reads = env.emulator.snapshot().requests.filter((r) => r.path === '/account/costs');
		expect(reads.map((r) => r.code)).toEqual([0, 1302, 0]);
	}, 20_000);

	it('keeps products and billing kinds apart, and calls a pack whose name names no product unknown', async () => {
		env.emulator.reset({
			resourcePacks: [
				{ name: 'Video Generation - 10,000 entries', type: 'video', total: 997 },
				{ name: 'Trial-Image-1000Units-9Con', type: 'image', total: 1000 },
				{ name: 'Monthly-Video-300', type: 'video', total: 300, billing: 'constant_period' },
				{ name: 'Enterprise pack 7', type: 'image', total: 50 },
			],
		});
		const [[item]] = await run().result;
		expect(item.json.remaining).toEqual({ video: 1297, image: 1000, unknown: 50 });
		expect(item.json.remainingByBillingKind).toEqual({
			video: { decreasing_total: 997, constant_period: 300 },
			image: { decreasing_total: 1000 },
			unknown: { decreasing_total: 50 },
		});
	});

	it('asks for the window Kling filters purchases by, and can leave out spent packs', async () => {
		env.emulator.reset({
			resourcePacks: [
				{ name: 'Spent', type: 'video', total: 0 },
				{ name: 'Old', type: 'image', total: 500, boughtDaysAgo: 200 },
			],
		});
		const [[item]] = await run({ lookBackDays: 100, onlyUsable: true }).result;
		expect(item.json).toMatchObject({ packs: [], remaining: {} });
	});

	it('on a relay, says it documents no account read, and sends nothing', async () => {
		const { result, http } = run({}, { provider: 'cometapi', apiKey: 'k', baseUrl: env.base });
		const [[item]] = await result;
		expect(item.json.error).toBe(
			'CometAPI documents no account read; check its balance in the CometAPI dashboard',
		);
		expect(http).toHaveLength(0);
	});
});
