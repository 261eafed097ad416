import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { KlingEmulator, type FaultKind } from '../../emulator/server.mts';
import { N8nInstance, emulatorCredential } from '../support/n8n.mts';
import { PROVIDER_CASES } from '../support/providers.mts';
import { chain, items, kling, trigger } from '../support/workflows.mts';

/**
 * The fault campaign's create faults, inside a real n8n (n8n's own HTTP helper, binary store and
 * run): a create answered with 5000 or 5002 after the task exists, a dropped connection, a stall
 * then a drop. The emulator's duplicate guard is off, so a second create for an item would be
 * counted, not refused.
 */
const OFFICIAL = PROVIDER_CASES.find((p) => p.id === 'official')!;
const COMET = PROVIDER_CASES.find((p) => p.id === 'cometapi')!;
const COMET_CREDENTIAL = { id: 'kling-cometapi', name: 'Kling via CometAPI' };
/** Kling 4.0 is served on the new standard only: an API key with API Standard Automatic. */
const NEW_CREDENTIAL = { id: 'kling-new-standard', name: 'Kling (new standard)' };
const KINDS: FaultKind[] = ['5000-after-create', '5002-after-create', 'reset', 'stall-reset'];
const ITEMS = 3;

describe('create faults inside a real n8n', () => {
	const emulator = new KlingEmulator({ videoTaskMs: 800, submittedMs: 100 });
	let n8n: N8nInstance;

	beforeAll(async () => {
		const url = await emulator.start();
		n8n = await N8nInstance.create('create-faults');
		await n8n.importCredentials([
			emulatorCredential(url, OFFICIAL.credentials(url)),
			{ ...emulatorCredential(url, COMET.credentials(url)), ...COMET_CREDENTIAL },
			{ ...emulatorCredential(url), ...NEW_CREDENTIAL },
		]);
		const node = (credentials?: Record<string, unknown>) =>
			kling(
				'klingImage2Video',
				'Kling Image to Video',
				{ model: 'kling-v2-6', image: `${url}/samples/photo-1.png`, downloadResult: false },
				{ onError: 'continueRegularOutput', ...(credentials ? { credentials } : {}) },
			);
		const kling4 = kling(
			'klingImage2Video',
			'Kling Image to Video',
			{ model: 'kling-4.0', image: `${url}/samples/photo-1.png`, downloadResult: false },
			{ onError: 'continueRegularOutput', credentials: { klingApi: NEW_CREDENTIAL } },
		);
		await n8n.importWorkflows([
			chain('e2eCreateFaultsOfficial', [trigger, items(ITEMS), node()]),
			chain('e2eCreateFaultsKling4', [trigger, items(ITEMS), kling4]),
			chain('e2eCreateFaultsComet', [trigger, items(ITEMS), node({ klingApi: COMET_CREDENTIAL })]),
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await emulator.stop();
	});

	const run = async (workflow: string, kind: FaultKind, relay: boolean) => {
		emulator.reset({
			videoTaskMs: 800,
			submittedMs: 100,
			enforceUniqueExternalId: false,
			relay: relay ? COMET.relay : undefined,
			faults: [{ stage: 'create', kind, count: 2, delayMs: 500 }],
		});
		const result = await n8n.execute(workflow);
		const stats = emulator.snapshot();
		const out = result.nodes['Kling Image to Video'] ?? [];
		return { out, stats, injected: stats.faultsInjected[kind] ?? 0 };
	};

	it.each(KINDS)(
		'official API, %s on the first two creates: every item succeeds, one create each',
		async (kind) => {
			const { out, stats, injected } = await run('e2eCreateFaultsOfficial', kind, false);
			expect(injected).toBe(2);
			expect(out.map((i) => i.json.status)).toEqual(Array(ITEMS).fill('succeeded'));
			expect(Math.max(...Object.values(stats.createsByExternalId))).toBe(1);
			expect(stats.creates).toBe(ITEMS);
		},
	);

	it.each(KINDS)(
		'CometAPI (no lookup), %s on the first two creates: never a second create; what was given up is said',
		async (kind) => {
			const { out, stats, injected } = await run('e2eCreateFaultsComet', kind, true);
			expect(injected).toBe(2);
			expect(out).toHaveLength(ITEMS);
			expect(Math.max(...Object.values(stats.createsByExternalId))).toBe(1);
			const givenUp = out.filter((i) => i.json.error !== undefined);
			// Each faulted create was given up, not sent again; the third item went through.
			expect(givenUp).toHaveLength(injected);
			for (const item of out) {
				if (item.json.status === 'succeeded' && item.json.error === undefined) continue;
				// Its create's outcome is unknown and the relay cannot look it up: given up, naming it.
				expect(String(item.json.error)).toMatch(/may have been created, so it was not sent again/);
				expect(String(item.json.externalTaskId)).toMatch(/^n8n-i2v-/);
			}
		},
	);

	it.each(['reset', '5000-after-create'] as FaultKind[])(
		'Kling 4.0 (no external task ID), %s on the first two creates: never sent again; the item says where to look',
		async (kind) => {
			const { out, stats, injected } = await run('e2eCreateFaultsKling4', kind, false);
			expect(injected).toBe(2);
			const creates = stats.requests.filter((r) => r.kind === 'create');
			expect(creates).toHaveLength(ITEMS);
			expect(creates.every((r) => r.path === '/omni-video/kling-4.0')).toBe(true);
			const givenUp = out.filter((i) => i.json.error !== undefined);
			expect(givenUp).toHaveLength(injected);
			for (const item of givenUp) {
				expect(String(item.json.error)).toMatch(/may have been created, so it was not sent again/);
				expect(String(item.json.description)).toMatch(
					/dashboard or task history \(Kling 4\.0 tasks cannot be looked up by external task ID\)/,
				);
			}
			expect(out.filter((i) => i.json.status === 'succeeded')).toHaveLength(ITEMS - injected);
		},
	);
});
