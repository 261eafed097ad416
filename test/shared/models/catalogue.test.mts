import { describe, expect, it } from 'vitest';

import { ENDPOINTS, type KlingEndpoint } from '../../../nodes/shared/api/providers.ts';
import { MODELS } from '../../../nodes/shared/description/parameters.ts';
import {
	DEFAULT_MODEL,
	IMAGE_MODELS,
	VIDEO_MODELS,
	findModel,
	liveModelList,
	modelsFor,
} from '../../../nodes/shared/models/catalogue.ts';

describe('model catalogue', () => {
	it('no node defaults to a model the catalogue marks retired or uncertain', () => {
		// Elements take no model.
		const generating = (Object.keys(ENDPOINTS) as KlingEndpoint[]).filter((e) => e !== 'element');
		expect(generating).toHaveLength(4);
		for (const endpoint of generating) {
			const model = findModel(ENDPOINTS[endpoint].kind, MODELS[endpoint].default);
			expect(model?.status.state, endpoint).toBe('live');
		}
	});

	it('the nodes list exactly the catalogue models of their kind, defaults included', () => {
		for (const endpoint of Object.keys(ENDPOINTS) as KlingEndpoint[]) {
			const kind = ENDPOINTS[endpoint].kind;
			expect(MODELS[endpoint].options.map((o) => o.value)).toEqual(
				modelsFor(kind).map((m) => m.id),
			);
			expect(MODELS[endpoint].default).toBe(DEFAULT_MODEL[kind]);
		}
	});

	it('every model names a route in at least one standard, a source, and units where priced', () => {
		for (const model of [...VIDEO_MODELS, ...IMAGE_MODELS]) {
			const routes = Object.values(model.routes);
			expect(routes.length, model.id).toBeGreaterThan(0);
			expect(
				routes.every((r) => r.legacy || ('new' in r && r.new)),
				model.id,
			).toBe(true);
			expect(model.status.source, model.id).toMatch(/\[(V|L|C|T)\]/);
			if (model.status.state !== 'live') expect(model.status.date, model.id).toMatch(/^2026-/);
		}
	});

	it('finds a model by its parameter value, legacy model_name or new-standard id', () => {
		expect(findModel('imageToVideo', 'kling-3.0')?.id).toBe('kling-v3');
		expect(findModel('imageToVideo', 'kling-v3')?.id).toBe('kling-v3');
		expect(findModel('multiImageToVideo', 'kling-o1')?.id).toBe('kling-video-o1');
		expect(findModel('imageToVideo', 'kling-v3-omni')).toBeUndefined();
	});

	it('names the live models of a node, for a 1203 answer', () => {
		expect(liveModelList('imageToVideo')).toBe(
			'Kling 3.0 Turbo (kling-3.0-turbo), Kling 3.0 (kling-v3), Kling 2.6 (kling-v2-6), Kling 2.5 Turbo (kling-v2-5-turbo)',
		);
		expect(liveModelList('multiImageToVideo')).not.toMatch(/1\.6/);
	});
});
