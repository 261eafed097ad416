import { describe, expect, it } from 'vitest';

import {
	PROVIDERS,
	credentialTestPath,
	endpointPath,
	resolveProvider,
	taskPath,
} from '../../../nodes/shared/api/providers.ts';
import { parseRouteOverrides } from '../../../nodes/shared/api/relaySettings.ts';

const I2V = { path: '/v1/videos/image2video' };

describe('provider profiles', () => {
	it.each([
		[{ provider: 'official' }, 'https://api-singapore.klingai.com', '/v1/images/multi-image2image'],
		[
			{ provider: 'official', region: 'beijing' },
			'https://api-beijing.klingai.com',
			'/v1/images/multi-image2image',
		],
		[
			{ provider: 'official', region: 'global' },
			'https://api.klingai.com',
			'/v1/images/multi-image2image',
		],
		[{ provider: 'cometapi' }, 'https://api.cometapi.com', '/kling/v1/images/multi-image2image'],
		[{ provider: 'haoee' }, 'https://maas.haoee.com', '/kling/v1/images/multi-image2image'],
		[
			{ provider: 'quickrouter' },
			'https://api.quickrouter.ai',
			'/kling/v1/images/multi-image2image',
		],
		[
			{ provider: 'custom', baseUrl: 'https://relay.example.com/kling/' },
			'https://relay.example.com/kling',
			'/v1/images/multi-image2image',
		],
	] as const)('%o → %s%s', (creds, base, m2i) => {
		const { profile, baseUrl } = resolveProvider(creds);
		expect(baseUrl).toBe(base);
		expect(endpointPath(profile, { path: '/v1/images/multi-image2image' })).toBe(m2i);
	});

	it('builds task and list paths with the relay prefix', () => {
		const { profile } = resolveProvider({ provider: 'cometapi' });
		expect(endpointPath(profile, I2V)).toBe('/kling/v1/videos/image2video');
		expect(taskPath(profile, { path: '/v1/videos/multi-image2video' }, 'a/b')).toBe(
			'/kling/v1/videos/multi-image2video/a%2Fb',
		);
		expect(credentialTestPath(profile)).toBe('/kling/v1/videos/image2video/n8n-credential-test');
		expect(credentialTestPath(resolveProvider({ provider: 'official' }).profile)).toBe(
			'/v1/videos/image2video?pageNum=1&pageSize=1',
		);
	});

	it('lets a base URL override win for every provider and names it', () => {
		const r = resolveProvider({
			provider: 'official',
			region: 'beijing',
			baseUrl: 'http://127.0.0.1:9/',
		});
		expect(r.baseUrl).toBe('http://127.0.0.1:9');
		expect(r.name).toBe('Kling official API (Beijing) at http://127.0.0.1:9');
	});

	it("follows each relay's current docs, and says what it can do", () => {
		const comet = resolveProvider({ provider: 'cometapi' }).profile;
		expect(comet).toMatchObject({
			sceneImageField: 'scene_image',
			minImages: 1,
			externalIdLookup: [],
			taskList: false,
			uniqueExternalIds: false,
		});
		expect(resolveProvider({ provider: 'haoee' }).profile).toMatchObject({
			sceneImageField: 'scence_image',
			extraHeaders: { ModelName: '' },
			externalIdLookup: [],
		});
		expect(resolveProvider({ provider: 'official' }).profile).toMatchObject({
			externalIdLookup: ['path', 'query'],
			taskList: true,
			uniqueExternalIds: true,
		});
	});

	it('applies relay settings only when they are turned on, and never to the official API', () => {
		const settings = {
			routeOverrides: '/v1/videos/image2video -> /v2/i2v/',
			sceneImageField: 'scence_image',
			minImages: 2,
			externalIdLookup: 'yes',
			taskList: 'yes',
			uniqueExternalIds: 'no',
			extraHeaderName: 'ModelName',
			extraHeaderValue: 'kling-v2-6',
		} as const;
		const on = resolveProvider({ provider: 'quickrouter', relaySettings: true, ...settings });
		expect(endpointPath(on.profile, I2V)).toBe('/kling/v2/i2v');
		expect(on.profile).toMatchObject({
			sceneImageField: 'scence_image',
			minImages: 2,
			externalIdLookup: ['path', 'query'],
			taskList: true,
			uniqueExternalIds: false,
			extraHeaders: { ModelName: 'kling-v2-6' },
		});
		const off = resolveProvider({ provider: 'quickrouter', ...settings });
		expect(off.profile).toBe(PROVIDERS.quickrouter);
		const official = resolveProvider({ provider: 'official', relaySettings: true, ...settings });
		expect(official.profile).toBe(PROVIDERS.official);
	});

	it('refuses a route override it cannot read, naming the line', () => {
		expect(() => parseRouteOverrides('\n/v1/videos/image2video = relative')).toThrow(
			/line 2 \("\/v1\/videos\/image2video = relative"\).*relay path starts with \//,
		);
		expect(parseRouteOverrides('# comment\n\n  v1/images/omni-image=/x/y/ ')).toEqual({
			'/v1/images/omni-image': '/x/y',
		});
	});
});
