import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { verifyStandardWebhook } from '../../../nodes/shared/callbacks/signature.ts';

const SECRET = `whsec_${Buffer.from('a-signing-key-for-tests').toString('base64')}`;
const sign = (id: string, ts: number, body: string) =>
	`v1,${createHmac('sha256', Buffer.from(SECRET.slice(6), 'base64'))
		.update(`${id}.${ts}.${body}`)
		.digest('base64')}`;

describe('Standard Webhooks signature', () => {
	const body = '{"task_id":"1","task_status":"succeed"}';
	const headers = (ts: number, signature = sign('msg-1', ts, body)) => ({
		'webhook-id': 'msg-1',
		'webhook-timestamp': String(ts),
		'webhook-signature': `v1,bm90LWl0 ${signature}`,
	});

	it('accepts a valid signature among several, within ±5 minutes', () => {
		expect(verifyStandardWebhook(SECRET, headers(1000), body, 1000 + 299)).toEqual({
			ok: true,
			webhookId: 'msg-1',
		});
	});

	it('refuses a stale timestamp, a changed body and missing headers', () => {
		expect(verifyStandardWebhook(SECRET, headers(1000), body, 1000 + 301).ok).toBe(false);
		expect(verifyStandardWebhook(SECRET, headers(1000), `${body} `, 1000).ok).toBe(false);
		expect(verifyStandardWebhook(SECRET, {}, body, 1000).ok).toBe(false);
	});
});
