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

	it('masks secrets, bearer tokens and JWTs in any text', () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJhayJ9.c2lnbmF0dXJl';
		const text = redact(`key sk-secret-123 sent as Bearer abc.def and ${jwt}`, ['sk-secret-123']);
		expect(text).not.toMatch(/sk-secret-123|abc\.def|eyJ/);
	});
});
