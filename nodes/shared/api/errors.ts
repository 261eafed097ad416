import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isRetryable } from './retry';

interface CodeInfo {
	meaning: string;
	action: string;
}

/** Kling's official error table, with what a workflow builder can do about each code. */
export const KLING_ERROR_CODES: Record<number, CodeInfo> = {
	1000: {
		meaning: 'authentication failed',
		action: 'Check the key(s) in the Kling API credential.',
	},
	1001: {
		meaning: 'authorization is empty',
		action: 'Fill in the API key (or access key and secret key) in the Kling API credential.',
	},
	1002: {
		meaning: 'authorization is invalid',
		action:
			'Check the key in the Kling API credential. New-standard endpoints accept only an API key, not access key + secret key.',
	},
	1003: {
		meaning: 'the signed token is not yet valid',
		action: "Check the n8n server's clock; it must be within a few seconds of real time.",
	},
	1004: {
		meaning: 'the signed token has expired',
		action: "Check the n8n server's clock; it must be within a few seconds of real time.",
	},
	1100: {
		meaning: 'account exception',
		action: 'Check the account status in the Kling console or contact Kling support.',
	},
	1101: {
		meaning: 'account in arrears',
		action: 'Recharge the Kling account, then run the workflow again.',
	},
	1102: {
		meaning: 'resource pack exhausted or expired',
		action:
			'Buy or renew a resource pack for this product type (video and image packs are separate).',
	},
	1103: {
		meaning: 'no access to the requested API or model',
		action: 'Use a model and endpoint your account is entitled to, or ask Kling to enable it.',
	},
	1200: {
		meaning: 'invalid request parameters',
		action: "Check the node's parameters against Kling's message.",
	},
	1201: {
		meaning: 'invalid parameter (wrong key or value)',
		action: "Check the node's parameters against Kling's message.",
	},
	1202: {
		meaning: 'requested method is invalid',
		action: 'This provider does not offer this endpoint; check the provider in the credential.',
	},
	1203: {
		meaning: 'model retired or not available on this endpoint (or the task does not exist)',
		action:
			'Pick a model that is live for this endpoint (see the Model list), or check the task ID.',
	},
	1300: {
		meaning: 'blocked by platform policy',
		action: 'The request breaks a Kling platform policy; change the request.',
	},
	1301: {
		meaning: 'content blocked by the safety check',
		action: 'Change the prompt or the images; retrying the same input will fail again.',
	},
	1302: {
		meaning: 'too many requests (rate limit)',
		action: 'Requests are retried automatically; if this persists, lower Max Concurrent Tasks.',
	},
	1303: {
		meaning: 'too many tasks running at once for your resource pack (concurrency limit)',
		action:
			'The node waits for running tasks before submitting more; lower Max Concurrent Tasks or raise the account limit.',
	},
	1304: {
		meaning: 'request refused by the IP whitelist policy',
		action: "Add the n8n server's IP address to the whitelist in the Kling console.",
	},
	5000: {
		meaning: 'Kling internal error',
		action: 'Try again later; a task submitted may already exist (use Get Task by external ID).',
	},
	5001: {
		meaning: 'Kling is temporarily unavailable (maintenance)',
		action: 'Try again later.',
	},
	5002: {
		meaning: 'Kling internal timeout (backlog)',
		action: 'Try again later; a task submitted may already exist (use Get Task by external ID).',
	},
};

export type FailureKind = 'api' | 'network' | 'timeout' | 'edge' | 'malformed' | 'cancelled';

/** A failed Kling call, in terms the retry rules and the error message both need. */
export interface KlingFailure {
	kind: FailureKind;
	httpCode?: number;
	klingCode?: number;
	klingMessage?: string;
	requestId?: string;
	/** Seconds the server asked us to wait (Retry-After). */
	retryAfterSeconds?: number;
	detail?: string;
	/** What arrived when the body could not be read as JSON (api/exchange.ts). */
	body?: string;
	/** What the caller knows that Kling's code does not say, e.g. the live models after a 1203. */
	hint?: string;
	/**
	 * A create that may have produced a task which could not be found, so it was not sent again:
	 * the external task ID it carried, and whether the provider said that ID is taken.
	 */
	mayExist?: { externalId: string; taken: boolean };
}

export function describeCode(code: number | undefined): CodeInfo | undefined {
	return code === undefined ? undefined : KLING_ERROR_CODES[code];
}

/** One line a workflow builder can act on: code, meaning, Kling's words, request id. */
export function failureMessage(failure: KlingFailure, providerName: string): string {
	const { mayExist } = failure;
	if (mayExist?.taken)
		return `${providerName} says a task with external task ID "${mayExist.externalId}" already exists; it was not sent again`;
	if (mayExist)
		return `The task may have been created, so it was not sent again (${whatHappened(failure, providerName)})`;
	return whatHappened(failure, providerName);
}

function whatHappened(failure: KlingFailure, providerName: string): string {
	const info = describeCode(failure.klingCode);
	switch (failure.kind) {
		case 'api': {
			const head =
				failure.klingCode !== undefined
					? `Kling error ${failure.klingCode}: ${info?.meaning ?? 'unknown error code'}`
					: `${providerName} answered HTTP ${failure.httpCode ?? '?'}`;
			const said =
				failure.klingMessage && failure.klingMessage !== info?.meaning
					? ` (Kling says: "${failure.klingMessage}")`
					: '';
			const cut = failure.body ? `; it arrived as ${failure.body}` : '';
			return `${head}${said}${requestIdSuffix(failure)}${cut}`;
		}
		case 'edge':
			return `${providerName} answered HTTP ${failure.httpCode ?? '?'} with ${failure.body ?? 'a page that is not JSON'} (a gateway or CDN answer, not Kling's JSON)`;
		case 'malformed':
			return `${providerName} answered with a response that is not valid Kling JSON${failure.body ? ` (${failure.body})` : ''}${requestIdSuffix(failure)}`;
		case 'timeout':
			return `${providerName} did not answer in time`;
		case 'cancelled':
			return 'The execution was cancelled';
		default:
			return `Could not reach ${providerName}${failure.detail ? `: ${failure.detail}` : ''}`;
	}
}

function requestIdSuffix(failure: KlingFailure): string {
	return failure.requestId ? ` [request id ${failure.requestId}]` : '';
}

export function failureAction(failure: KlingFailure): string {
	if (failure.mayExist && failure.hint) return failure.hint;
	const info = describeCode(failure.klingCode);
	if (info) return failure.hint ? `${failure.hint} ${info.action}` : info.action;
	switch (failure.kind) {
		case 'edge':
		case 'network':
		case 'timeout':
			return isRetryable(failure)
				? 'This is usually temporary; it was retried automatically. Try again later or check the base URL in the credential.'
				: 'It was not retried: an HTTP 4xx page says the request itself was refused before Kling (a wrong base URL or path, or a proxy blocking it). Check the base URL in the credential.';
		case 'malformed':
			return 'Check that the base URL in the credential points at a Kling-compatible API.';
		default:
			return 'Check the parameters and the credential.';
	}
}

/** Replaces every secret by a placeholder; used on anything that could echo a request back. */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('***');
	}
	// Any bearer token or JWT-shaped string that slipped through.
	return out
		.replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer ***')
		.replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '***');
}

export function klingApiError(
	node: INode,
	failure: KlingFailure,
	providerName: string,
	secrets: readonly string[],
	itemIndex?: number,
): NodeApiError {
	const message = redact(failureMessage(failure, providerName), secrets);
	const description = redact(failureAction(failure), secrets);
	const response: JsonObject = {
		message,
		...(failure.klingCode !== undefined ? { code: failure.klingCode } : {}),
		...(failure.requestId ? { request_id: failure.requestId } : {}),
	};
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
		itemIndex,
	});
	error.context.kling = {
		code: failure.klingCode ?? null,
		requestId: failure.requestId ?? null,
		kind: failure.kind,
	};
	return error;
}
