import { describe, expect, it } from 'vitest';

import { PROVIDERS, type KlingCredentials } from '../../../nodes/shared/api/providers.ts';
import {
	dropCallbackUrl,
	readRequest,
	requestBody,
	type RequestSettings,
} from '../../../nodes/shared/input/items.ts';
import { image2video } from '../../../nodes/shared/products/image2video/index.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';

const IMAGE = 'https://example.com/frame.png';
const settings = (credentials: Partial<KlingCredentials>, extra: Partial<RequestSettings> = {}) =>
	({
		profile: PROVIDERS.official,
		credentials: { authMode: 'apiKey', ...credentials } as KlingCredentials,
		externalTaskId: (i: number) => `n8n-i2v-run-${i}`,
		...extra,
	}) as RequestSettings;
const ctx = (params: Record<string, unknown>) =>
	makeContext({
		params: { model: 'kling-v3', image: IMAGE, prompt: 'The boat sails', ...params },
		credentials: emulatorCredentials('http://127.0.0.1:9'),
	}).ctx;

describe("an item's request, read and checked before anything is sent", () => {
	it('goes to the new standard with an API key, named by the run’s external task ID', async () => {
		const request = await readRequest(ctx({}), image2video, settings({}), 0);
		expect(request.route.standard).toBe('new');
		expect(request.externalTaskId).toBe('n8n-i2v-run-0');
		expect(request.body).toMatchObject({
			contents: [{ type: 'prompt', text: 'The boat sails' }, { type: 'first_frame' }],
			options: { external_task_id: 'n8n-i2v-run-0' },
		});
		expect(await requestBody(ctx({}), 0, request)).toMatchObject({
			contents: [{}, { type: 'first_frame', url: IMAGE }],
		});
	});

	it('Automatic keeps a legacy-only setting on the legacy standard, where the model also runs', async () => {
		const params = { options: { negativePrompt: 'blur' } };
		const request = await readRequest(ctx(params), image2video, settings({}), 0);
		expect(request.route.standard).toBe('legacy');
		expect(request.body).toMatchObject({ negative_prompt: 'blur', model_name: 'kling-v3' });
	});

	it('keeps the user’s external task ID; refuses a Callback URL of their own in callback-wait', async () => {
		const own = await readRequest(
			ctx({ options: { externalTaskId: 'mine-1' } }),
			image2video,
			settings({ apiStandard: 'legacy' }),
			0,
		);
		expect(own.externalTaskId).toBe('mine-1');
		await expect(
			readRequest(
				ctx({ options: { callbackUrl: 'https://hooks.example.com/k' } }),
				image2video,
				settings({ apiStandard: 'legacy' }, { callbackUrl: 'https://n8n.example.com/resume' }),
				0,
			),
		).rejects.toThrow(/^Callback URL: leave it empty when Wait is "Until Kling Calls Back"/);
	});

	it('names the panel field when the endpoint’s rules refuse a value', async () => {
		await expect(
			readRequest(ctx({ prompt: 'x'.repeat(4000) }), image2video, settings({}), 0),
		).rejects.toThrow(/^Prompt: /);
	});

	it('drops the callback URL from either body shape when callback-wait falls back to polling', async () => {
		const request = await readRequest(
			ctx({}),
			image2video,
			settings({}, { callbackUrl: 'https://n8n.example.com/resume' }),
			0,
		);
		expect(request.body.options).toMatchObject({ callback_url: 'https://n8n.example.com/resume' });
		dropCallbackUrl(request);
		expect(JSON.stringify(request.body)).not.toContain('callback_url');
	});
});
