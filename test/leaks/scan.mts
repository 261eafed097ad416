/**
 * `npm run test:leaks`: searches the secret-hygiene corpus that the unit and real-n8n suites wrote
 * (every node output, error, webhook answer and log line; test/support/leak-corpus.mts) for the
 * credentials' API keys, secret keys and webhook secrets and for any JWT. Fails on any find, and
 * when a suite's part of the corpus is missing or too thin to mean anything.
 */
import path from 'node:path';

import { findLeaks, readCorpus } from '../support/leak-corpus.mts';
import { ROOT } from '../support/n8n.mts';

const suites = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'e2e'];
let failed = false;
for (const suite of suites) {
	const records = readCorpus(path.join(ROOT, '.e2e/leak-corpus', suite));
	const count = (kind: string) => records.filter((r) => r.kind === kind).length;
	const figures = {
		records: records.length,
		outputs: count('output'),
		errors: count('error'),
		responses: count('response'),
		logLines: count('log'),
		secretsSearched: new Set(records.filter((r) => r.kind === 'secret').map((r) => r.text)).size,
	};
	const leaks = findLeaks(records);
	console.log(`leak scan ${suite}: ${JSON.stringify(figures)}, leaks ${leaks.length}`);
	for (const leak of leaks.slice(0, 20))
		console.log(`  LEAK ${leak.what} in ${leak.kind} of ${leak.source}: …${leak.excerpt}…`);
	// A corpus without outputs, errors, log lines or secrets proves nothing.
	if (
		figures.outputs === 0 ||
		figures.errors === 0 ||
		figures.logLines === 0 ||
		figures.secretsSearched === 0
	) {
		console.log(
			`  the ${suite} corpus is missing or incomplete: run its suite first (npm run test:${suite})`,
		);
		failed = true;
	}
	if (leaks.length) failed = true;
}
console.log(
	failed ? 'leak scan: FAILED' : 'leak scan: no secret in any output, error, answer or log line',
);
process.exitCode = failed ? 1 : 0;
