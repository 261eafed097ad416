import type { IN8nHttpFullResponse } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { KlingFailure } from '../../../nodes/shared/api/errors.ts';
import { interpret, parseRetryAfter } from '../../../nodes/shared/api/exchange.ts';
import { looksLikeMissing } from '../../../nodes/shared/api/retry.ts';

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

	it("decides a cut-off body by Kling's code where it can be read, and says what arrived", () => {
		const cut = interpret(
			answer(404, '{"code":1203,"message":"Task not found by id: 12","request_id":"r7","da'),
		);
		expect(cut).toEqual({
			ok: false,
			failure: {
				kind: 'api',
				httpCode: 404,
				klingCode: 1203,
				klingMessage: 'Task not found by id: 12',
				requestId: 'r7',
				retryAfterSeconds: undefined,
				body: 'a body that is not complete JSON: "{"code":1203,"message":"Task not found by id: 12","request_id":"r7","da"',
			},
		});
		// A task read takes it for a task that does not exist, as it would the whole answer.
		expect(looksLikeMissing((cut as { failure: KlingFailure }).failure)).toBe(true);
		// Without a readable code it stays the edge's answer.
		expect(interpret(answer(404, '{"cod'))).toMatchObject({
			failure: { kind: 'edge', httpCode: 404, body: 'a body that is not complete JSON: "{"cod"' },
		});
	});

	it('reads Retry-After as seconds or as a date', () => {
		expect(parseRetryAfter({ 'retry-after': '7' })).toBe(7);
		const inTen = new Date(Date.now() + 10_000).toUTCString();
		expect(parseRetryAfter({ 'retry-after': inTen })).toBeGreaterThan(8);
		expect(parseRetryAfter({})).toBeUndefined();
	});
});
