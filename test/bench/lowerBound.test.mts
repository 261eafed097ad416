import { describe, expect, it } from 'vitest';

import { lowerBoundMs } from '../../bench/lowerBound.mts';

describe('the benchmark lower bound', () => {
	it('is ceil(N/C)·T when every task takes T', () => {
		expect(lowerBoundMs(Array(20).fill(8000), 5)).toBe(32_000);
		expect(lowerBoundMs(Array(21).fill(8000), 5)).toBe(40_000);
	});

	it('refills each slot the moment its task ends, taking tasks in the order they were created', () => {
		// 6 | 10, then the third task takes the slot freed at 6, the fourth the one freed at 10.
		expect(lowerBoundMs([6, 10, 10, 6], 2)).toBe(16);
		// Order matters: here the last 10 starts at 10 and ends at 20.
		expect(lowerBoundMs([6, 10, 6, 10], 2)).toBe(20);
		expect(lowerBoundMs([10, 1, 1, 1, 1], 2)).toBe(10);
		expect(lowerBoundMs([], 5)).toBe(0);
	});
});
