/**
 * The test context's request helper stands in for n8n's: its timeout must end a request that never
 * answers. Node 20's AbortSignal.any() holds its sources weakly; once V8 optimizes the helper, a
 * garbage collection could drop the timeout's signal, and the chaos campaign's "no-answer" seeds
 * hung for good. Both conditions are reproduced here: a hot helper and collections while it waits.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rawHttp } from './context.mts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const WARM_CALLS = 5000;
/** Far beyond the 300 ms timeout: reaching it means the timeout never fired. */
const GIVE_UP_MS = 10_000;

describe('rawHttp', () => {
	const server = http.createServer((req, res) => {
		if (req.url === '/answers') res.end('{}');
	});
	let base = '';
	beforeAll(async () => {
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		for (let i = 0; i < WARM_CALLS; i++) await rawHttp({ url: `${base}/answers`, json: true });
	}, 60_000);
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((r) => server.close(r));
	});

	async function outcomeOfNoAnswer(abortSignal?: AbortSignal): Promise<string> {
		const collecting = setInterval(gc, 50);
		let giveUp: NodeJS.Timeout | undefined;
		try {
			const request = rawHttp({ url: `${base}/never`, timeout: 300, abortSignal }).then(
				() => 'answered',
				(error: Error) => error.message,
			);
			const gaveUp = new Promise<string>(
				(r) => (giveUp = setTimeout(() => r('still waiting'), GIVE_UP_MS)),
			);
			return await Promise.race([request, gaveUp]);
		} finally {
			clearInterval(collecting);
			clearTimeout(giveUp);
		}
	}

	it('times out a request that never answers, garbage collections or not', async () => {
		expect(await outcomeOfNoAnswer()).toBe('timeout: The operation was aborted due to timeout');
	});

	it('times out with an execution cancel signal too', async () => {
		expect(await outcomeOfNoAnswer(new AbortController().signal)).toBe(
			'timeout: The operation was aborted due to timeout',
		);
	});
});
