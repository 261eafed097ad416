import { describe, expect, it } from 'vitest';

import { findLeaks, type CorpusRecord } from '../support/leak-corpus.mts';

// The scan behind `npm run test:leaks` must find what it is there to find.
const secret = (text: string): CorpusRecord => ({ kind: 'secret', source: 'cred.apiKey', text });
const out = (text: string): CorpusRecord => ({ kind: 'output', source: 'node', text });
const WHSEC = `whsec_${Buffer.from('a-webhook-secret-of-32-bytes-len').toString('base64')}`;
const JWT =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhayIsImV4cCI6MX0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('leak scan', () => {
	it('finds a recorded secret, a webhook key without its prefix and any JWT, and masks them', () => {
		const leaks = findLeaks([
			secret('sk-live-1234567890'),
			secret(WHSEC),
			out('{"error":"bad key sk-live-1234567890"}'),
			out(`signing with ${WHSEC.slice(6)}`),
			out(`Authorization: Bearer ${JWT}`),
		]);
		expect(leaks.map((l) => l.what)).toEqual([
			'a credential secret',
			'a credential secret',
			'a JWT',
		]);
		expect(leaks.some((l) => l.excerpt.includes('sk-live') || l.excerpt.includes(JWT))).toBe(false);
	});

	it('finds nothing in clean text, and does not count the secrets themselves', () => {
		expect(
			findLeaks([secret('sk-live-1234567890'), out('{"status":"succeeded","taskId":"123"}')]),
		).toEqual([]);
	});
});
