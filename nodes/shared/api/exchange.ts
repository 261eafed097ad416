import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import type { KlingFailure } from './errors';

export interface RequestSpec {
	method: IHttpRequestMethods;
	path: string;
	/** JSON text when the body must be written by hand (legacy element IDs: api/legacy.ts). */
	body?: IDataObject | string;
	qs?: IDataObject;
}

export type Attempt = { ok: true; data: unknown } | { ok: false; failure: KlingFailure };

export function parseRetryAfter(headers: IDataObject | undefined): number | undefined {
	const raw = headers?.['retry-after'];
	if (raw === undefined || raw === null) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds);
	const date = Date.parse(String(raw));
	return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Kling's element IDs are JSON integers above 2^53 (docs/reference/kling-api.md#elements-and-voices): read as digit strings. */
export function exactLongIds(json: string): string {
	return json.replace(/("element_id"\s*:\s*)(-?\d+)(?=\s*[,}\]])/g, '$1"$2"');
}

/** How an unreadable body starts, for the message: enough to tell a page from cut-off JSON. */
function excerpt(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}

/**
 * A body that is not JSON. An HTML page is a gateway's. Cut-off JSON whose Kling code can still be
 * read is Kling's answer, decided by that code as a whole one would be (a 404 with 1203: no such
 * task). Anything else at 4xx/5xx is the edge's; at 2xx, not Kling's format at all.
 */
function unreadable(text: string, status: number, headers: IDataObject | undefined): KlingFailure {
	const retryAfterSeconds = parseRetryAfter(headers);
	const html = /^\s*</.test(text);
	const code = html ? undefined : /"code"\s*:\s*(\d+)/.exec(text)?.[1];
	const body = `${html ? 'an HTML page' : 'a body that is not complete JSON'}: "${excerpt(text)}"`;
	if (code !== undefined && status >= 400) {
		return {
			kind: 'api',
			httpCode: status,
			klingCode: Number(code),
			klingMessage: /"message"\s*:\s*"([^"]*)"/.exec(text)?.[1],
			requestId: /"request_id"\s*:\s*"([^"]*)"/.exec(text)?.[1],
			retryAfterSeconds,
			body,
		};
	}
	return {
		kind: html || status >= 400 ? 'edge' : 'malformed',
		httpCode: status,
		retryAfterSeconds,
		body,
	};
}

/** Reads Kling's `{ code, message, request_id, data }` envelope from any answer, HTML pages included. */
export function interpret(response: IN8nHttpFullResponse): Attempt {
	const status = response.statusCode;
	let body: unknown = response.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		const text = body;
		try {
			body = JSON.parse(exactLongIds(text));
		} catch {
			return { ok: false, failure: unreadable(text, status, response.headers) };
		}
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { ok: false, failure: { kind: 'malformed', httpCode: status } };
	}
	const envelope = body as IDataObject;
	const code = typeof envelope.code === 'number' ? envelope.code : Number(envelope.code);
	const requestId = envelope.request_id ? String(envelope.request_id) : undefined;
	if (status >= 200 && status < 300 && code === 0) return { ok: true, data: envelope.data };
	if (status >= 200 && status < 300 && !Number.isFinite(code)) {
		return { ok: false, failure: { kind: 'malformed', httpCode: status, requestId } };
	}
	return {
		ok: false,
		failure: {
			kind: 'api',
			httpCode: status,
			klingCode: Number.isFinite(code) ? code : undefined,
			klingMessage: envelope.message ? String(envelope.message) : undefined,
			requestId,
			retryAfterSeconds: parseRetryAfter(response.headers),
		},
	};
}
