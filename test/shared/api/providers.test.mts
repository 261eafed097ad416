import { describe, expect, it } from 'vitest';

import {
	credentialTestPath,
	endpointPath,
	resolveProvider,
	taskPath,
} from '../../../nodes/shared/api/providers.ts';

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
		[{ provider: 'cometapi' }, 'https://api.cometapi.com', '/kling/v1/images/generations'],
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
		expect(endpointPath(profile, 'multiImage2image')).toBe(m2i);
	});

	it('builds task and list paths with the relay prefix', () => {
		const { profile } = resolveProvider({ provider: 'cometapi' });
		expect(endpointPath(profile, 'image2video')).toBe('/kling/v1/videos/image2video');
		expect(taskPath(profile, 'multiImage2video', 'a/b')).toBe(
			'/kling/v1/videos/multi-image2video/a%2Fb',
		);
		expect(credentialTestPath(profile)).toBe('/kling/v1/videos/image2video?pageNum=1&pageSize=1');
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

	it('keeps relay differences in the profile', () => {
		expect(resolveProvider({ provider: 'cometapi' }).profile.sceneImageField).toBe('scence_image');
		expect(resolveProvider({ provider: 'cometapi' }).profile.minImages.multiImage2image).toBe(2);
		expect(resolveProvider({ provider: 'official' }).profile.minImages.multiImage2image).toBe(1);
		expect(resolveProvider({ provider: 'quickrouter' }).profile.sceneImageField).toBe(
			'scene_image',
		);
	});
});
