import { describe, expect, it } from 'vitest';

import type { KlingFailure } from '../../../nodes/shared/api/errors.ts';
import {
	isRetryable,
	looksLikeMissing,
	outcomeUnknown,
	rejectedBeforeAcceptance,
} from '../../../nodes/shared/api/retry.ts';

const api = (httpCode: number, klingCode?: number): KlingFailure => ({
	kind: 'api',
	httpCode,
	klingCode,
});

/** The create-outcome table: what a failed create means for sending it again. */
const TABLE: Array<
	[string, KlingFailure, { retry: boolean; notAccepted: boolean; unknown: boolean }]
> = [
	['1302 rate limit', api(429, 1302), { retry: true, notAccepted: true, unknown: false }],
	['429 without a code', api(429), { retry: true, notAccepted: true, unknown: false }],
	['1303 account full', api(429, 1303), { retry: true, notAccepted: false, unknown: false }],
	['5000 server error', api(500, 5000), { retry: true, notAccepted: false, unknown: true }],
	['5002 after creating', api(200, 5002), { retry: true, notAccepted: false, unknown: true }],
	['1201 bad parameter', api(400, 1201), { retry: false, notAccepted: false, unknown: false }],
	['1002 bad key', api(401, 1002), { retry: false, notAccepted: false, unknown: false }],
	['timeout', { kind: 'timeout' }, { retry: true, notAccepted: false, unknown: true }],
	['dropped connection', { kind: 'network' }, { retry: true, notAccepted: false, unknown: true }],
	['cancelled', { kind: 'cancelled' }, { retry: false, notAccepted: false, unknown: false }],
	// Account-level refusals come as HTTP 429, but no wait helps (#16).
	['1100 account exception', api(429, 1100), { retry: false, notAccepted: false, unknown: false }],
	['1101 account in arrears', api(429, 1101), { retry: false, notAccepted: false, unknown: false }],
	['1102 pack exhausted', api(429, 1102), { retry: false, notAccepted: false, unknown: false }],
	['1304 IP whitelist', api(429, 1304), { retry: false, notAccepted: false, unknown: false }],
	[
		'gateway 403 HTML page',
		{ kind: 'edge', httpCode: 403 },
		{ retry: false, notAccepted: false, unknown: false },
	],
	[
		'gateway 502 HTML page',
		{ kind: 'edge', httpCode: 502 },
		{ retry: true, notAccepted: false, unknown: true },
	],
];

describe('what a failure means for a create', () => {
	it.each(TABLE)('%s', (_name, failure, expected) => {
		expect({
			retry: isRetryable(failure),
			notAccepted: rejectedBeforeAcceptance(failure),
			unknown: outcomeUnknown(failure),
		}).toEqual(expected);
	});

	it('reads 404, 400, 1201 and 1203 on a lookup as "no such task"', () => {
		expect([api(404), api(400), api(200, 1203), api(200, 1201)].every(looksLikeMissing)).toBe(true);
		expect(looksLikeMissing(api(500, 5000))).toBe(false);
		expect(looksLikeMissing({ kind: 'network' })).toBe(false);
	});
});
