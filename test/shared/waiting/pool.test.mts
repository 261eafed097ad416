import { describe, expect, it } from 'vitest';

import { eachAtOnce } from '../../../nodes/shared/waiting/pool.ts';

describe('eachAtOnce', () => {
	it('runs every item once, never more than the limit at a time', async () => {
		let inFlight = 0;
		let peak = 0;
		const seen: number[] = [];
		const gates: Array<() => void> = [];
		const run = eachAtOnce([10, 11, 12, 13, 14], 2, async (item, index) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise<void>((resolve) => gates.push(resolve));
			seen.push(item * 100 + index);
			inFlight--;
		});
		// Release the calls one at a time, in the order they started.
		while (seen.length < 5) {
			await Promise.resolve();
			gates.shift()?.();
			await new Promise((r) => setImmediate(r));
		}
		await run;
		expect(peak).toBe(2);
		expect(seen.sort()).toEqual([1000, 1101, 1202, 1303, 1404]);
	});

	it('is done at once for an empty list', async () => {
		let calls = 0;
		await eachAtOnce([], 4, async () => void calls++);
		expect(calls).toBe(0);
	});
});
