import { createHmac, timingSafeEqual } from 'crypto';

/** Kling signs callbacks the Standard Webhooks way; the window matches its documented ±5 minutes. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { ok: true; webhookId: string } | { ok: false; reason: string };

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * Verifies `webhook-signature` (one or more space-separated `v1,<base64>` values) over
 * `<webhook-id>.<webhook-timestamp>.<raw body>` with the base64 key after `whsec_`.
 */
export function verifyStandardWebhook(
	secret: string,
	headers: Record<string, unknown>,
	rawBody: Buffer | string,
	nowSeconds: number,
): SignatureCheck {
	const id = header(headers, 'webhook-id');
	const timestamp = header(headers, 'webhook-timestamp');
	const signatures = header(headers, 'webhook-signature');
	if (!id || !timestamp || !signatures)
		return { ok: false, reason: 'missing webhook signature headers' };
	const ts = Number(timestamp);
	if (!Number.isInteger(ts)) return { ok: false, reason: 'invalid webhook-timestamp' };
	if (Math.abs(nowSeconds - ts) > SIGNATURE_TOLERANCE_SECONDS) {
		return { ok: false, reason: 'webhook-timestamp outside the 5 minute window' };
	}
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const expected = createHmac('sha256', key)
		.update(`${id}.${timestamp}.`)
		.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
		.digest();
	for (const candidate of signatures.split(' ')) {
		const [version, value] = candidate.split(',', 2);
		if (version !== 'v1' || !value) continue;
		const given = Buffer.from(value, 'base64');
		if (given.length === expected.length && timingSafeEqual(given, expected))
			return { ok: true, webhookId: id };
	}
	return { ok: false, reason: 'no matching signature' };
}
