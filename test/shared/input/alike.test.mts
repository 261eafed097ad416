import { describe, expect, it } from 'vitest';

import { kindOf } from '../../../nodes/shared/input/alike.ts';
import type { PreparedRequest } from '../../../nodes/shared/input/types.ts';

const request = (standard: 'legacy' | 'new', model: string, body: Record<string, unknown>) =>
	({ body, media: [], model, route: { standard, model } }) as unknown as PreparedRequest;

describe('tasks that take alike', () => {
	it('are the same standard, model, resolution, length and count, in either body shape', () => {
		expect(kindOf(request('legacy', 'kling-v3', { mode: 'pro', duration: '5' }))).toBe(
			'legacy|kling-v3|pro|5|',
		);
		expect(
			kindOf(request('new', 'kling-3.0', { settings: { resolution: '1080p', duration: 5 } })),
		).toBe('new|kling-3.0|1080p|5|');
		expect(kindOf(request('legacy', 'kling-v2-1', { n: 4 }))).toBe('legacy|kling-v2-1|||4');
		expect(kindOf(request('legacy', 'kling-v3', { mode: 'std', duration: '5' }))).not.toBe(
			kindOf(request('legacy', 'kling-v3', { mode: 'std', duration: '10' })),
		);
		expect(kindOf(undefined)).toBeUndefined();
	});
});
