import { describe, expect, it } from 'vitest';

import { PROVIDERS } from '../../../nodes/shared/api/providers.ts';
import type { TaskRoute } from '../../../nodes/shared/api/routing.ts';
import { createSafety } from '../../../nodes/shared/api/transport.ts';
import type { ProductFacts } from '../../../nodes/shared/models/product.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';

const route = (safety: ProductFacts['safety']): TaskRoute => ({
	product: { ...image2video, safety },
	standard: 'legacy',
	legacy: image2video.endpoints.legacy[0],
	model: 'kling-v3',
});
const find = async () => undefined;

describe('whether an uncertain create may be sent again: the product and the provider decide', () => {
	it('a product found by external ID is looked up first; Kling also refuses a duplicate', () => {
		const safety = createSafety(route(image2video.safety), PROVIDERS.official, 'ext-1', find);
		expect(safety).toEqual({ externalId: 'ext-1', recover: find, duplicatesRefused: true });
		const relay = createSafety(route(image2video.safety), PROVIDERS.cometapi, 'ext-1', undefined);
		expect(relay).toMatchObject({ recover: undefined, duplicatesRefused: false });
	});

	it('a product found by task ID only, or not at all, is never looked up, and says why', () => {
		const taskIdOnly = createSafety(
			route({ externalTaskId: true, lookup: 'taskId' }),
			PROVIDERS.official,
			'ext-1',
			find,
		);
		expect(taskIdOnly).toEqual({
			externalId: 'ext-1',
			duplicatesRefused: false,
			notFindable: 'Image to Video tasks cannot be looked up by external task ID',
		});
		const sync = createSafety(
			route({ externalTaskId: false, lookup: 'none' }),
			PROVIDERS.official,
			'',
			find,
		);
		expect(sync.notFindable).toBe('Image to Video calls cannot be looked up');
		expect(sync.recover).toBeUndefined();
	});
});
