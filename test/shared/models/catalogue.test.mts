import { describe, expect, it } from 'vitest';

import { PRODUCTS } from '../../../nodes/shared/products/registry.ts';
import {
	IMAGE_MODELS,
	VIDEO_MODELS,
	findModel,
	liveModelList,
	modelsFor,
} from '../../../nodes/shared/models/catalogue.ts';

describe('model catalogue', () => {
	it('no node defaults to a model the catalogue marks retired or uncertain', () => {
		// Elements, avatars and video to audio take no model.
		const generating = PRODUCTS.filter((p) => p.defaultModel !== '');
		expect(generating.map((p) => p.id)).toContain('motionControl');
		expect(generating.length).toBeGreaterThanOrEqual(5);
		for (const product of generating) {
			const model = findModel(product.id, product.defaultModel);
			expect(model?.status.state, product.id).toBe('live');
		}
	});

	it("each product's panel lists exactly the catalogue models of the product, default included", () => {
		for (const product of PRODUCTS) {
			const model = product.properties.find((p) => p.name === 'model');
			const listed = (model?.options ?? []) as Array<{ value: string }>;
			expect(
				listed.map((o) => o.value),
				product.id,
			).toEqual(modelsFor(product.id).map((m) => m.id));
			expect(model?.default ?? '').toBe(product.defaultModel);
		}
	});

	it('every model names a route in at least one standard, a source, and units where priced', () => {
		for (const model of [...VIDEO_MODELS, ...IMAGE_MODELS]) {
			const routes = Object.values(model.routes);
			expect(routes.length, model.id).toBeGreaterThan(0);
			expect(
				routes.every((r) => r?.legacy || r?.new),
				model.id,
			).toBe(true);
			expect(model.status.source, model.id).toMatch(/\[(V|L|C|T)\]/);
			if (model.status.state !== 'live') expect(model.status.date, model.id).toMatch(/^2026-/);
		}
	});

	it('finds a model by its parameter value, legacy model_name or new-standard id', () => {
		expect(findModel('image2video', 'kling-3.0')?.id).toBe('kling-v3');
		expect(findModel('image2video', 'kling-v3')?.id).toBe('kling-v3');
		expect(findModel('multiImage2video', 'kling-o1')?.id).toBe('kling-video-o1');
		expect(findModel('image2video', 'kling-v3-omni')).toBeUndefined();
	});

	it('names the live models of a node, for a 1203 answer', () => {
		expect(liveModelList('image2video')).toBe(
			'Kling 4.0 (kling-4.0), Kling 4.0 Flash (kling-4.0-flash), Kling 3.0 Turbo (kling-3.0-turbo), Kling 3.0 (kling-v3), Kling 2.6 (kling-v2-6), Kling 2.5 Turbo (kling-v2-5-turbo)',
		);
		expect(liveModelList('multiImage2video')).not.toMatch(/1\.6/);
	});
});
