import { createHmac } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { KlingApi, bearerToken } from '../../credentials/KlingApi.credentials.ts';
import { signKlingJwt } from '../../nodes/shared/api/jwt.ts';
import {
	credentialTestPath,
	resolveProvider,
	type KlingCredentials,
} from '../../nodes/shared/api/providers.ts';
import { KlingEmulator } from '../../emulator/server.mts';
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, rawHttp } from '../support/context.mts';

function decode(part: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

describe('Kling JWT', () => {
	it('matches an independent HMAC-SHA256 computation', () => {
		const token = signKlingJwt('ak-123', 'sk-456', 1_700_000_000);
		const [h, p, s] = token.split('.');
		expect(decode(h)).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(decode(p)).toEqual({ iss: 'ak-123', exp: 1_700_001_800, nbf: 1_699_999_995 });
		const expected = createHmac('sha256', 'sk-456').update(`${h}.${p}`).digest('base64url');
		expect(s).toBe(expected);
	});

	it('signs a fresh token for every request from access key + secret key', async () => {
		const credential = new KlingApi();
		const creds = { provider: 'official', authMode: 'accessKey', accessKey: 'ak', secretKey: 'sk' };
		vi.useFakeTimers({ now: 1_700_000_000_000 });
		const first = await credential.authenticate(creds, { url: '/x' });
		vi.setSystemTime(1_700_000_600_000);
		const second = await credential.authenticate(creds, { url: '/x' });
		vi.useRealTimers();
		const t1 = String(first.headers?.Authorization).replace('Bearer ', '');
		const t2 = String(second.headers?.Authorization).replace('Bearer ', '');
		expect(decode(t1.split('.')[1]).exp).toBe(1_700_001_800);
		expect(decode(t2.split('.')[1]).exp).toBe(1_700_002_400);
	});

	it('uses the static key for API-key and relay credentials', () => {
		expect(bearerToken({ provider: 'official', authMode: 'apiKey', apiKey: 'k1' })).toBe('k1');
		expect(
			bearerToken({
				provider: 'cometapi',
				authMode: 'accessKey',
				apiKey: 'k2',
				accessKey: 'a',
				secretKey: 's',
			}),
		).toBe('k2');
	});
});

describe('emulator JWT checks', () => {
	const emulator = new KlingEmulator();
	let base = '';
	beforeAll(async () => {
		base = await emulator.start();
	});
	afterAll(() => emulator.stop());

	const list = (token: string) =>
		rawHttp({
			url: `${base}/v1/videos/image2video`,
			qs: { pageNum: 1, pageSize: 1 },
			headers: { Authorization: `Bearer ${token}` },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		}) as Promise<{ statusCode: number; body: { code: number } }>;
	const now = () => Math.floor(Date.now() / 1000);

	it('accepts a fresh token', async () => {
		const r = await list(signKlingJwt(EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, now()));
		expect(r.statusCode).toBe(200);
		expect(r.body.code).toBe(0);
	});

	it('rejects an expired token with 1004', async () => {
		const r = await list(signKlingJwt(EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, now() - 3600));
		expect(r.statusCode).toBe(401);
		expect(r.body.code).toBe(1004);
	});

	it('rejects a token that is not yet valid with 1003', async () => {
		const r = await list(signKlingJwt(EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, now() + 600));
		expect(r.statusCode).toBe(401);
		expect(r.body.code).toBe(1003);
	});

	it('rejects a token signed with the wrong secret', async () => {
		const r = await list(signKlingJwt(EMULATOR_ACCESS_KEY, 'wrong-secret', now()));
		expect(r.statusCode).toBe(401);
		expect(r.body.code).toBe(1000);
	});
});

describe('credential test request on both API standards', () => {
	const emulator = new KlingEmulator();
	let base = '';
	beforeAll(async () => {
		base = await emulator.start();
	});
	afterAll(() => emulator.stop());

	/** n8n evaluates the test URL as an expression over the credential; so does this. */
	const testPath = (credentials: Record<string, unknown>): string => {
		const expression = String(new KlingApi().test.request.url).replace(/^=\{\{|\}\}$/g, '');
		return new Function('$credentials', `return ${expression}`)(credentials) as string;
	};

	it.each([
		[{ provider: 'official', apiStandard: 'new' }, '/tasks?task_ids=0', 0],
		[{ provider: 'official', apiStandard: 'auto' }, '/v1/videos/image2video', 0],
		[{ provider: 'custom' }, '/v1/videos/image2video', 0],
		[{ provider: 'cometapi' }, '/kling/v1/videos/image2video/n8n-credential-test', 1203],
		[{ provider: 'haoee' }, '/kling/v1/videos/image2video/n8n-credential-test', 1203],
		[
			{ provider: 'quickrouter', relaySettings: true, taskList: 'yes' },
			'/kling/v1/videos/image2video',
			0,
		],
	])('%o reads %s, a free call answered with code %s', async (credentials, path, code) => {
		expect(testPath(credentials)).toBe(path);
		// The same read the nodes' provider profile names (providers.ts).
		const { profile } = resolveProvider(credentials as KlingCredentials);
		if (!('apiStandard' in credentials))
			expect(credentialTestPath(profile).replace(/\?pageNum=1&pageSize=1$/, '')).toBe(path);
		const answer = (await rawHttp({
			url: `${base}${path.replace(/^\/kling/, '')}`,
			qs: { pageNum: 1, pageSize: 1 },
			headers: { Authorization: 'Bearer emulator-api-key' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: { code: number } };
		expect(answer.body.code).toBe(code);
		// Not an authentication code: the test's rules pass it.
		expect([1000, 1001, 1002, 1003, 1004]).not.toContain(answer.body.code);
	});
});
