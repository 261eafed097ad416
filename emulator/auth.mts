/** Kling's two ways in: a static API key, or an HS256 JWT signed from an access key + secret key. */
import { createHmac, timingSafeEqual } from 'node:crypto';

import { KlingError } from './rules.mts';

export function authenticate(
	header: string | undefined,
	keys: { apiKeys: string[]; accessKeys: Record<string, string> },
): 'apiKey' | 'jwt' {
	if (!header) throw new KlingError(401, 1001, 'Authorization is empty');
	const m = /^Bearer (.+)$/.exec(header);
	if (!m) throw new KlingError(401, 1002, 'Authorization is invalid');
	const token = m[1];
	if (keys.apiKeys.includes(token)) return 'apiKey';
	const parts = token.split('.');
	if (parts.length !== 3) throw new KlingError(401, 1002, 'Authorization is invalid');
	let payload: { iss?: string; exp?: number; nbf?: number };
	try {
		const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
		if (header.alg !== 'HS256') throw new Error('alg');
		payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
	} catch {
		throw new KlingError(401, 1002, 'Authorization is invalid');
	}
	const secret = payload.iss ? keys.accessKeys[payload.iss] : undefined;
	if (!secret) throw new KlingError(401, 1000, 'Authentication failed');
	const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
	const given = Buffer.from(parts[2], 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		throw new KlingError(401, 1000, 'Authentication failed');
	}
	const now = Math.floor(Date.now() / 1000);
	if (typeof payload.nbf === 'number' && payload.nbf > now)
		throw new KlingError(401, 1003, 'Authorization is not yet valid');
	if (typeof payload.exp !== 'number' || payload.exp <= now)
		throw new KlingError(401, 1004, 'Authorization has expired');
	return 'jwt';
}
