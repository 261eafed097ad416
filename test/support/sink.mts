import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { record } from './leak-corpus.mts';

/** A loopback server a workflow's last node posts to: what the workflow emitted, and when. */
export async function startSink() {
	const received: Array<Record<string, unknown>> = [];
	const times: number[] = [];
	const server = http.createServer(async (req, res) => {
		let body = '';
		for await (const chunk of req) body += chunk;
		record('output', 'workflow sink', body);
		received.push(JSON.parse(body || '{}'));
		times.push(Date.now());
		res.end('{}');
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return {
		received,
		times,
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sink`,
		close: () => new Promise((r) => server.close(r)),
	};
}
