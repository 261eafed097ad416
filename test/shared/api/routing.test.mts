import { describe, expect, it } from 'vitest';

import { PROVIDERS, type KlingCredentials } from '../../../nodes/shared/api/providers.ts';
import { chooseRoute, lookupRoutes } from '../../../nodes/shared/api/routing.ts';
import { productById } from '../../../nodes/shared/products/registry.ts';

const product = (id: string) => productById(id)!;

type Auth = Pick<KlingCredentials, 'authMode' | 'apiStandard'>;
const apiKey: Auth = { authMode: 'apiKey' };
const accessKey: Auth = { authMode: 'accessKey' };

describe('route choice: provider × auth mode × model', () => {
	it.each([
		// provider, auth, endpoint, model, standard, where it goes
		['official', apiKey, 'image2video', 'kling-v3', 'new', '/image-to-video/kling-3.0'],
		[
			'official',
			apiKey,
			'image2video',
			'kling-v2-5-turbo',
			'new',
			'/image-to-video/kling-2.5-turbo',
		],
		[
			'official',
			apiKey,
			'image2video',
			'kling-3.0-turbo',
			'new',
			'/image-to-video/kling-3.0-turbo',
		],
		['official', accessKey, 'image2video', 'kling-v3', 'legacy', 'image2video'],
		[
			'official',
			{ ...apiKey, apiStandard: 'legacy' },
			'image2video',
			'kling-v2-6',
			'legacy',
			'image2video',
		],
		['cometapi', apiKey, 'image2video', 'kling-v3', 'legacy', 'image2video'],
		[
			'custom',
			{ ...apiKey, apiStandard: 'new' },
			'image2video',
			'kling-v3',
			'new',
			'/image-to-video/kling-3.0',
		],
		['official', apiKey, 'multiImage2video', 'kling-v3-omni', 'new', '/omni-video/kling-3.0-omni'],
		['official', apiKey, 'multiImage2video', 'kling-video-o1', 'new', '/omni-video/kling-o1'],
		['official', accessKey, 'multiImage2video', 'kling-v3-omni', 'legacy', 'omniVideo'],
		// Legacy-only routes stay legacy whatever the credential prefers.
		['official', apiKey, 'multiImage2video', 'kling-v1-6', 'legacy', 'multiImage2video'],
		[
			'official',
			{ ...apiKey, apiStandard: 'new' },
			'multiImage2image',
			'kling-v3-omni',
			'legacy',
			'omniImage',
		],
		['official', apiKey, 'multiImage2image', 'kling-v2-1', 'legacy', 'multiImage2image'],
		// A model typed by expression: dotted ids look new, kling-vN names legacy.
		['official', apiKey, 'image2video', 'kling-3.5', 'new', '/image-to-video/kling-3.5'],
		['official', apiKey, 'image2video', 'kling-v4', 'legacy', 'image2video'],
	] as const)('%s, %o, %s, %s → %s %s', (provider, auth, endpoint, model, standard, where) => {
		const route = chooseRoute(product(endpoint), model, PROVIDERS[provider], auth);
		expect(route.standard).toBe(standard);
		expect(standard === 'new' ? `${route.new!.path}/${route.model}` : route.legacy.id).toBe(where);
	});

	it('sends the legacy model_name on the legacy standard and the path id on the new one', () => {
		expect(chooseRoute(product('image2video'), 'kling-v3', PROVIDERS.official, apiKey).model).toBe(
			'kling-3.0',
		);
		expect(
			chooseRoute(product('image2video'), 'kling-3.0', PROVIDERS.official, accessKey).model,
		).toBe('kling-v3');
	});

	it.each([
		[
			accessKey,
			'official',
			/Kling 3.0 Turbo is served only on Kling's new API standard, and the new API standard takes an API key/,
		],
		[{ ...apiKey, apiStandard: 'legacy' }, 'official', /API Standard is Legacy/],
		[apiKey, 'quickrouter', /QuickRouter mirrors only the legacy \/v1 API/],
	] as const)('refuses 3.0 Turbo where it cannot go (%o, %s)', (auth, provider, message) => {
		expect(() =>
			chooseRoute(product('image2video'), 'kling-3.0-turbo', PROVIDERS[provider], auth),
		).toThrow(message);
	});

	it('Get Task looks on /tasks first where the credential has it, then on each legacy endpoint', () => {
		const routes = lookupRoutes(product('multiImage2video'), PROVIDERS.official, apiKey);
		expect(routes.map((r) => (r.standard === 'new' ? 'new' : r.legacy.id))).toEqual([
			'new',
			'omniVideo',
			'multiImage2video',
		]);
		// Kling Image 4.0's tasks are new-standard ones: Multi-Image to Image looks there too.
		const images = lookupRoutes(product('multiImage2image'), PROVIDERS.official, apiKey);
		expect(images.map((r) => r.standard)).toEqual(['new', 'legacy', 'legacy']);
		expect(
			lookupRoutes(product('image2video'), PROVIDERS.official, accessKey).map((r) => r.standard),
		).toEqual(['legacy']);
	});
});
