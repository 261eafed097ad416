import { describe, expect, it } from 'vitest';

import {
	PROVIDERS,
	endpointPath,
	modelPath,
	resolveProvider,
} from '../../../nodes/shared/api/providers.ts';
import {
	parseRouteOverrides,
	routeOverrideLines,
} from '../../../nodes/shared/api/relaySettings.ts';

const I2V = { path: '/v1/videos/image2video' };

describe("a relay credential's settings", () => {
	it('applies relay settings only when they are turned on; the official API takes route overrides alone', () => {
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
		expect({ ...official.profile, pathOverrides: {} }).toEqual(PROVIDERS.official);
		expect(endpointPath(official.profile, I2V)).toBe('/v2/i2v');
		expect(resolveProvider({ provider: 'official' }).profile).toBe(PROVIDERS.official);
	});

	it('moves one model of a new-standard product on its own (Kling 4.0, whose path is a guess)', () => {
		const moved = resolveProvider({
			provider: 'official',
			routeOverrides: '/omni-video/kling-4.0 = /video/kling-4.0',
		}).profile;
		const omni = { path: '/omni-video' };
		expect(modelPath(moved, omni, 'kling-4.0')).toBe('/video/kling-4.0');
		expect(modelPath(moved, omni, 'kling-3.0-omni')).toBe('/omni-video/kling-3.0-omni');
		const relay = resolveProvider({
			provider: 'quickrouter',
			relaySettings: true,
			routeOverrides: '/omni-video/kling-4.0-flash = /v2/flash',
		}).profile;
		expect(modelPath(relay, omni, 'kling-4.0-flash')).toBe('/kling/v2/flash');
	});

	it('refuses a route override it cannot read, naming the line', () => {
		expect(() => parseRouteOverrides('\n/v1/videos/image2video = relative')).toThrow(
			/line 2 \("\/v1\/videos\/image2video = relative"\).*relay path starts with \//,
		);
		expect(parseRouteOverrides('# comment\n\n  v1/images/omni-image=/x/y/ ')).toEqual({
			'/v1/images/omni-image': '/x/y',
		});
	});
	it('knows where each override came from, for the message that refuses it', () => {
		expect(routeOverrideLines('# relays\n/omni-video = /v2/omni')).toEqual([
			{
				where: 'Route Overrides in the Kling API credential, line 2 ("/omni-video = /v2/omni")',
				from: '/omni-video',
				to: '/v2/omni',
			},
		]);
	});
});
