import { describe, expect, it } from 'vitest';

import { findableByExternalId } from '../../../nodes/shared/models/product.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';

describe('whether a product’s tasks can be found by the external task ID the package gave them', () => {
	it('only when its create takes one and Kling looks tasks up by it', () => {
		expect(findableByExternalId(image2video)).toBe(true);
		const with_ = (safety: typeof image2video.safety) =>
			findableByExternalId({ ...image2video, safety });
		expect(with_({ externalTaskId: true, lookup: 'taskId' })).toBe(false);
		expect(with_({ externalTaskId: false, lookup: 'externalId' })).toBe(false);
		expect(with_({ externalTaskId: false, lookup: 'none' })).toBe(false);
	});
});
