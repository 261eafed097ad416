import { describe, expect, it } from 'vitest';

import { runCampaign } from './campaign.mts';

// A fixed handful of the campaign's seeds on every `npm test`; `npm run test:chaos` runs 300.
describe('fault campaign (fixed seeds)', () => {
	it('keeps every invariant: one create per item, nothing lost or hung, no leak, no forged call accepted', async () => {
		// 25, 43 and 50 add the products the others do not reach (seed ÷ 6, modulo 9).
		const seeds = [1, 2, 3, 5, 8, 13, 21, 25, 34, 43, 50, 55, 89, 144, 233];
		const summary = await runCampaign(seeds, 4);
		expect(summary.violations).toEqual([]);
		// Every fourth seed adds a callback-wait run (here 8 and 144).
		expect(summary.runs).toBe(seeds.length + seeds.filter((s) => s % 4 === 0).length);
		expect(summary.maxCreatesPerItem).toBe(1);
		// Every provider profile ran, those without an external-ID lookup too, and none paid twice.
		expect(Object.keys(summary.byProvider).sort()).toEqual([
			'cometapi',
			'custom',
			'haoee',
			'official',
			'quickrouter',
			'quickrouter (list on)',
		]);
		for (const figures of Object.values(summary.byProvider)) {
			expect(figures.maxCreatesPerItem).toBeLessThanOrEqual(1);
			expect(figures.itemsLost).toBe(0);
		}
		// Image to Video, the video tools, Lip-Sync (read by task ID only), the image and audio
		// products, Virtual Try-On (the solutions family): none paid twice.
		expect(Object.keys(summary.byProduct).sort()).toEqual([
			'image2video',
			'imageExpand',
			'lipSync',
			'motionControl',
			'textToAudio',
			'textToImage',
			'videoEdit',
			'virtualTryOn',
			'voice',
		]);
		for (const played of Object.values(summary.byProduct))
			expect(played.maxCreatesPerItem).toBeLessThanOrEqual(1);
		expect(Object.values(summary.faultsByKind).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
		expect(summary.forgedTried).toBeGreaterThanOrEqual(15);
		expect(summary.forgedAccepted).toBe(0);
		expect(summary.attackerRequests).toBe(0);
	}, 600_000);
});
