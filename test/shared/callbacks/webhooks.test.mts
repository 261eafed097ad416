import { createHmac } from 'node:crypto';

import type { IWebhookFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { KlingCredentials } from '../../../nodes/shared/api/providers.ts';
import { checkCallbackSignature } from '../../../nodes/shared/callbacks/webhooks.ts';

const SECRET = `whsec_${Buffer.from('a-signing-key-for-tests').toString('base64')}`;
const BODY = '{"task_id":"1","task_status":"succeed"}';

function callback(signature: string) {
	const answered: Array<{ status: number; body: unknown }> = [];
	const ts = String(Math.floor(Date.now() / 1000));
	const signed = createHmac('sha256', Buffer.from(SECRET.slice(6), 'base64'))
		.update(`msg-1.${ts}.${BODY}`)
		.digest('base64');
	const ctx = {
		getRequestObject: () => ({ rawBody: Buffer.from(BODY), body: JSON.parse(BODY) }),
		getHeaderData: () => ({
			'webhook-id': 'msg-1',
			'webhook-timestamp': ts,
			'webhook-signature': signature === 'good' ? `v1,${signed}` : signature,
		}),
		getResponseObject: () => {
			const res = {
				status: (status: number) => ({
					json: (body: unknown) => answered.push({ status, body }),
				}),
			};
			return res;
		},
	} as unknown as IWebhookFunctions;
	return { ctx, answered };
}

const credentials = (webhookSecret?: string) => ({ webhookSecret }) as KlingCredentials;

describe("a callback's signature", () => {
	it('is verified against the credential’s signing secret', () => {
		const { ctx, answered } = callback('good');
		expect(checkCallbackSignature(ctx, credentials(SECRET))).toBe('verified');
		expect(answered).toEqual([]);
	});

	it('a bad one is answered 401 and reported, so nothing else is done with it', () => {
		const { ctx, answered } = callback('v1,bm90LWl0');
		expect(checkCallbackSignature(ctx, credentials(SECRET))).toBe('rejected');
		expect(answered).toEqual([{ status: 401, body: { error: 'invalid signature' } }]);
	});

	it('without a secret in the credential, a callback is taken unsigned', () => {
		const { ctx, answered } = callback('anything');
		expect(checkCallbackSignature(ctx, credentials('  '))).toBe('unsigned');
		expect(answered).toEqual([]);
	});
});
