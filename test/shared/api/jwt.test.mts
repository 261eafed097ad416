import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
	JWT_NBF_SKEW_SECONDS,
	JWT_TTL_SECONDS,
	signKlingJwt,
} from '../../../nodes/shared/api/jwt.ts';

const decode = (part: string) =>
	JSON.parse(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));

describe("Kling's HS256 token", () => {
	const now = 1_800_000_000;
	const token = signKlingJwt('ak-123', 'sk-456', now);
	const [header, payload, signature] = token.split('.');

	it('names the access key as issuer, lives 30 minutes, and is valid from 5 s before now', () => {
		expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(decode(payload)).toEqual({
			iss: 'ak-123',
			exp: now + JWT_TTL_SECONDS,
			nbf: now - JWT_NBF_SKEW_SECONDS,
		});
		expect(JWT_TTL_SECONDS).toBe(1800);
	});

	it('is signed with the secret key, in base64url without padding', () => {
		const expected = createHmac('sha256', 'sk-456')
			.update(`${header}.${payload}`)
			.digest('base64url');
		expect(signature).toBe(expected);
		expect(token).not.toMatch(/[=+/]/);
		expect(signKlingJwt('ak-123', 'other', now).split('.')[2]).not.toBe(signature);
	});
});
