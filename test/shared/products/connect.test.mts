import { describe, expect, it } from 'vitest';

import { connect } from '../../../nodes/shared/products/connect.ts';
import { KLING_PATHS } from '../../../nodes/shared/products/registry.ts';
import { makeContext } from '../../support/context.mts';

const relay = (routeOverrides: string) =>
	makeContext({
		params: {},
		credentials: {
			provider: 'cometapi',
			apiKey: 'sk-test',
			baseUrl: 'http://127.0.0.1:9',
			relaySettings: true,
			routeOverrides,
		},
	}).ctx;

describe('connect', () => {
	it('takes Route Overrides of paths a Kling node calls, on either standard', async () => {
		const client = await connect(
			relay('/v1/images/multi-image2image = /v1/images/generations\n/omni-video = /v2/omni'),
		);
		expect(client.provider.profile.pathOverrides).toEqual({
			'/v1/images/multi-image2image': '/v1/images/generations',
			'/omni-video': '/v2/omni',
		});
	});

	it('refuses an override of a path no node calls, naming it and the paths there are', async () => {
		await expect(connect(relay('# typo below\n/v1/videos/imag2video = /v2/i2v'))).rejects.toThrow(
			/Route Overrides in the Kling API credential, line 2 .*: \/v1\/videos\/imag2video is not a path a Kling node calls; the paths are .*\/v1\/images\/omni-image/,
		);
	});

	it('knows every endpoint of every product, listed ones too, once', () => {
		expect(KLING_PATHS).toContain('/v1/general/advanced-presets-elements');
		expect(KLING_PATHS).toContain('/text-to-video');
		expect(new Set(KLING_PATHS).size).toBe(KLING_PATHS.length);
	});
});
