import { describe, expect, it } from 'vitest';

import {
	credentialTestPath,
	endpointPath,
	resolveProvider,
	taskPath,
} from '../../../nodes/shared/api/providers.ts';

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
});
