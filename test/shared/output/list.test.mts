import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { listOperation } from '../../../nodes/shared/output/list.ts';
import { voice } from '../../../nodes/shared/products/voice/index.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';
import { useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';
import { KlingVoice } from '../../../nodes/KlingVoice/KlingVoice.node.ts';

/** List (Element, Voice): the account's own entries or Kling's presets, all or up to Limit. */
describe('the List operation', () => {
	const env = useEmulator();
	const context = (params: IDataObject, items = 1) =>
		makeContext({
			params: { ...POLLING, operation: 'list', options: {}, ...params },
			items: Array.from({ length: items }, () => ({ json: {} })),
			credentials: emulatorCredentials(env.base),
		}).ctx;

	it("lists the account's voices, all or up to Limit, paired to each input item", async () => {
		for (const name of ['Narrator', 'Host'])
			await new KlingVoice().execute.call(
				context({
					operation: 'generate',
					voiceName: name,
					voiceSample: 'https://cdn.example.com/v-10s.mp3',
				}),
			);
		const [all] = await listOperation(context({ source: 'own', returnAll: true }, 2), voice, false);
		expect(all.map((i) => [i.json.name, i.pairedItem])).toEqual([
			['Host', { item: 0 }],
			['Narrator', { item: 0 }],
			['Host', { item: 1 }],
			['Narrator', { item: 1 }],
		]);
		const [one] = await listOperation(context({ source: 'own', limit: 1 }), voice, false);
		expect(one).toHaveLength(1);
	});

	it("lists Kling's preset voices", async () => {
		const [presets] = await listOperation(
			context({ source: 'presets', returnAll: true }),
			voice,
			false,
		);
		expect(presets.map((i) => [i.json.name, i.json.ownedBy])).toEqual([
			['Calm Narrator', 'kling'],
			['Bright Host', 'kling'],
		]);
	});
});
