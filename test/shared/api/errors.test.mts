import { describe, expect, it } from 'vitest';

import { TEST_NODE } from '../../support/context.mts';

import { klingApiError, redact } from '../../../nodes/shared/api/errors.ts';

const NODE = TEST_NODE;

describe('errors', () => {
	it("names Kling's code, its meaning, Kling's words and the request id", () => {
		const error = klingApiError(
			NODE,
			{
				kind: 'api',
				httpCode: 404,
				klingCode: 1203,
				klingMessage: 'model retired',
				requestId: 'req-9',
			},
			'Kling',
			[],
			2,
		);
		expect(error.message).toMatch(/1203/);
		expect(error.message).toMatch(/retired/);
		expect(`${error.message} ${error.description}`).toMatch(/req-9/);
	});

	it('says a 4xx gateway page was not retried, and a 5xx one was', () => {
		const page = 'an HTML page: "<html>403 Forbidden</html>"';
		const refused = klingApiError(NODE, { kind: 'edge', httpCode: 403, body: page }, 'Kling', []);
		expect(refused.message).toBe(
			`Kling answered HTTP 403 with ${page} (a gateway or CDN answer, not Kling's JSON)`,
		);
		expect(refused.description).toMatch(/^It was not retried/);
		expect(refused.description).not.toMatch(/retried automatically/);
		const busy = klingApiError(NODE, { kind: 'edge', httpCode: 502 }, 'Kling', []);
		expect(busy.description).toMatch(/it was retried automatically/);
	});

	it('masks secrets, bearer tokens and JWTs in any text', () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJhayJ9.c2lnbmF0dXJl';
		const text = redact(`key sk-secret-123 sent as Bearer abc.def and ${jwt}`, ['sk-secret-123']);
		expect(text).not.toMatch(/sk-secret-123|abc\.def|eyJ/);
	});
});
