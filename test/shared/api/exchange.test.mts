import type { IN8nHttpFullResponse } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { interpret, parseRetryAfter } from '../../../nodes/shared/api/exchange.ts';

const answer = (statusCode: number, body: unknown, headers: Record<string, string> = {}) =>
	({ statusCode, body, headers }) as IN8nHttpFullResponse;

describe("reading Kling's answers", () => {
	it('takes data from a code-0 envelope, as an object, a string or a buffer', () => {
		const body = { code: 0, message: 'SUCCEED', request_id: 'r', data: { task_id: 't' } };
		for (const b of [body, JSON.stringify(body), Buffer.from(JSON.stringify(body))]) {
			expect(interpret(answer(200, b))).toEqual({ ok: true, data: { task_id: 't' } });
		}
	});

	it("keeps Kling's code, message, request id and Retry-After on an error", () => {
		const r = interpret(
			answer(
				429,
				{ code: 1303, message: 'parallel task over resource pack limit', request_id: 'q' },
				{ 'retry-after': '3' },
			),
		);
		expect(r).toEqual({
			ok: false,
			failure: {
				kind: 'api',
				httpCode: 429,
				klingCode: 1303,
				klingMessage: 'parallel task over resource pack limit',
				requestId: 'q',
				retryAfterSeconds: 3,
			},
		});
	});

	it('calls a gateway HTML page an edge failure and junk malformed', () => {
		expect(interpret(answer(502, '<html>Bad gateway</html>'))).toMatchObject({
			ok: false,
			failure: { kind: 'edge', httpCode: 502 },
		});
		expect(interpret(answer(200, 'not json'))).toMatchObject({
			ok: false,
			failure: { kind: 'malformed' },
		});
		expect(interpret(answer(200, [1, 2]))).toMatchObject({
			ok: false,
			failure: { kind: 'malformed' },
		});
		expect(interpret(answer(200, { data: {} }))).toMatchObject({
			ok: false,
			failure: { kind: 'malformed' },
		});
	});

	it('reads Retry-After as seconds or as a date', () => {
		expect(parseRetryAfter({ 'retry-after': '7' })).toBe(7);
		const inTen = new Date(Date.now() + 10_000).toUTCString();
		expect(parseRetryAfter({ 'retry-after': inTen })).toBeGreaterThan(8);
		expect(parseRetryAfter({})).toBeUndefined();
	});
});
