/** Injected faults: what Kling, its gateway or the network do when things go wrong. */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';

import type { FaultRule, RequestLogEntry } from './server.mts';

export type Send = (status: number, body: unknown, headers?: Record<string, string>) => void;
export type Later = (ms: number, fn: () => void) => void;

/** Returns true when the fault answered (or dropped) the request itself. */
export async function applyTransportFault(
	fault: FaultRule,
	entry: RequestLogEntry,
	res: http.ServerResponse,
	send: Send,
	later: Later,
): Promise<boolean> {
	entry.fault = fault.kind;
	const requestId = randomUUID();
	switch (fault.kind) {
		case '429':
			send(429, '<html><body>429 Too Many Requests</body></html>', { 'retry-after': '0' });
			return true;
		case '1302':
			send(429, { code: 1302, message: 'too many requests', request_id: requestId });
			return true;
		case '1303':
			send(429, {
				code: 1303,
				message: 'parallel task over resource pack limit',
				request_id: requestId,
			});
			return true;
		case '1102':
			send(429, { code: 1102, message: 'resource pack exhausted', request_id: requestId });
			return true;
		case '1304':
			send(429, { code: 1304, message: 'IP whitelist policy', request_id: requestId });
			return true;
		case 'html-403':
			send(403, '<html><head><title>403 Forbidden</title></head><body>gateway</body></html>');
			return true;
		case 'html-502':
			send(502, '<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>');
			return true;
		case 'reset':
			entry.status = 0;
			res.socket?.destroy();
			return true;
		case 'malformed':
			entry.status = 200;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"code":0,"data":{"task_id":');
			return true;
		case 'truncated-404':
			// A proxy that cut Kling's "no such task" answer short.
			entry.status = 404;
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(`{"code":1203,"message":"Task not found by id","request_id":"${requestId}","da`);
			return true;
		case 'hang':
		case 'stall-reset': {
			const ms = fault.delayMs ?? (fault.kind === 'hang' ? 120_000 : 1500);
			await new Promise((r) => later(ms, () => r(undefined)));
			entry.status = 0;
			res.socket?.destroy();
			return true;
		}
		case 'no-answer':
			// Until the client times out and closes the connection (or the emulator stops).
			await new Promise((r) => res.once('close', r));
			entry.status = 0;
			return true;
		case 'slow':
			await new Promise((r) => later(fault.delayMs ?? 1500, () => r(undefined)));
			return false;
		default:
			return false;
	}
}

/** Faults that strike after the task exists: the client cannot know it was created. */
export async function afterCreateFault(
	fault: FaultRule,
	entry: RequestLogEntry,
	res: http.ServerResponse,
	send: Send,
	requestId: string,
	later: Later,
): Promise<boolean> {
	entry.fault = fault.kind;
	if (fault.kind === '5000-after-create') {
		send(500, { code: 5000, message: 'internal error', request_id: requestId });
		return true;
	}
	if (fault.kind === '5002-after-create') {
		send(504, { code: 5002, message: 'internal timeout', request_id: requestId });
		return true;
	}
	return applyTransportFault(fault, entry, res, send, later);
}
