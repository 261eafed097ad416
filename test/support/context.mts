/**
 * A small IExecuteFunctions for integration tests: real HTTP (fetch) to the emulator, the real
 * credential `authenticate`, n8n's error wrapping, binary helpers, cancellation and parameters.
 * The real-n8n suite (test/e2e) covers what this cannot: n8n itself.
 */
import { Readable } from 'node:stream';

import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IAdditionalCredentialOptions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

function get(obj: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
			obj,
		);
}

import { KlingApi } from '../../credentials/KlingApi.credentials.ts';
import { record, recordCredentialSecrets } from './leak-corpus.mts';

export const EMULATOR_API_KEY = 'emulator-api-key';
export const EMULATOR_ACCESS_KEY = 'emulator-access-key';
export const EMULATOR_SECRET_KEY = 'emulator-secret-key';

export interface ContextOptions {
	/** Parameters, the same for every item, or per item. */
	params: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	credentials: IDataObject;
	continueOnFail?: boolean;
	signal?: AbortSignal;
	executionId?: string;
	nodeType?: string;
	isTool?: boolean;
}

export interface HttpLogEntry {
	method: string;
	url: string;
	authorization?: string;
	/** Whether n8n was handed the credentials already read (otherwise it reads them per request). */
	credentialsPassed?: boolean;
}

export function emulatorCredentials(baseUrl: string, extra: IDataObject = {}): IDataObject {
	return { provider: 'official', authMode: 'apiKey', apiKey: EMULATOR_API_KEY, baseUrl, ...extra };
}

/** The same account on Kling's legacy /v1 standard only, for tests of the legacy body shapes. */
export function legacyCredentials(baseUrl: string, extra: IDataObject = {}): IDataObject {
	return emulatorCredentials(baseUrl, { apiStandard: 'legacy', ...extra });
}

export async function rawHttp(options: IHttpRequestOptions): Promise<unknown> {
	const url = new URL(options.url, options.baseURL);
	for (const [k, v] of Object.entries(options.qs ?? {})) {
		if (v !== undefined) url.searchParams.set(k, String(v));
	}
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = String(v);
	let body: string | undefined;
	if (options.body !== undefined && options.method !== 'GET') {
		// As n8n's own request helper: a string body is sent as is, an object as JSON.
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['content-type'] ??= 'application/json';
	}
	// A timer of our own: Node 20's AbortSignal.any() holds its sources weakly, so a garbage
	// collection can drop an AbortSignal.timeout() and leave a request that never answers hanging.
	const timeout = new AbortController();
	const timer = setTimeout(
		() =>
			timeout.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
		options.timeout ?? 60_000,
	);
	const signals = [options.abortSignal, timeout.signal].filter(Boolean) as AbortSignal[];
	let response: Response;
	try {
		response = await fetch(url, {
			method: options.method ?? 'GET',
			headers,
			body,
			signal: signals.length > 1 ? AbortSignal.any(signals) : timeout.signal,
		});
	} catch (error) {
		// n8n wraps transport failures in NodeApiError; only the message and code survive.
		const cause = (error as { cause?: { code?: string } }).cause;
		const e = new Error(
			`${(error as Error).name === 'TimeoutError' ? 'timeout' : 'request failed'}: ${cause?.code ?? (error as Error).message}`,
		);
		(e as unknown as { code?: string }).code = cause?.code ?? (error as Error).name;
		clearTimeout(timer);
		throw e;
	}
	let parsed: unknown;
	if (options.encoding === 'stream') {
		// The timeout goes on covering the body until the reader is done with it.
		parsed = Readable.fromWeb(response.body as never).once('close', () => clearTimeout(timer));
	} else {
		try {
			parsed = await readBody(response, options);
		} finally {
			clearTimeout(timer);
		}
	}
	if (!options.ignoreHttpStatusErrors && response.status >= 400) {
		const e = new Error(`Request failed with status code ${response.status}`);
		throw e;
	}
	const headersOut: IDataObject = {};
	response.headers.forEach((v, k) => (headersOut[k] = v));
	return options.returnFullResponse
		? { body: parsed, headers: headersOut, statusCode: response.status }
		: parsed;
}

async function readBody(response: Response, options: IHttpRequestOptions): Promise<unknown> {
	if (options.encoding === 'arraybuffer') return Buffer.from(await response.arrayBuffer());
	const text = await response.text();
	try {
		return options.json ? JSON.parse(text) : text;
	} catch {
		return text;
	}
}

let executions = 0;

/** A node for tests that need one but no execution context. */
export const TEST_NODE: INode = {
	id: 'node-1',
	name: 'Kling',
	type: 'n8n-nodes-kling.klingImage2Video',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function makeContext(options: ContextOptions) {
	const executionId = options.executionId ?? `exec-${++executions}`;
	const node: INode = {
		...TEST_NODE,
		type: options.nodeType ?? TEST_NODE.type,
		parameters: {},
		credentials: { klingApi: { id: 'cred-1', name: 'Kling API (test)' } },
	};
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const http: HttpLogEntry[] = [];
	const messages: unknown[] = [];
	const credential = new KlingApi();
	recordCredentialSecrets('test context', options.credentials);
	let waitTill: Date | undefined;
	const paramsFor = (i: number) =>
		typeof options.params === 'function' ? options.params(i) : options.params;

	const binaryOf = (i: number, property: string): IBinaryData => {
		const b = items[i]?.binary?.[property];
		if (!b)
			throw new Error(
				`This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${i}]`,
			);
		return b;
	};

	const ctx = {
		getNode: () => node,
		getInputData: () => items,
		getNodeParameter: (
			name: string,
			i: number,
			fallback?: unknown,
			opts?: { extractValue?: boolean },
		) => {
			const params = paramsFor(i);
			let value = get(params, name);
			if (value === undefined) {
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			if (opts?.extractValue && value && typeof value === 'object' && '__rl' in (value as object)) {
				value = (value as { value: unknown }).value;
			}
			return value;
		},
		getCredentials: async () => options.credentials,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionId: () => executionId,
		getWorkflow: () => ({ id: 'wf-1', name: 'Test', active: false }),
		getInstanceId: () => 'instance-1',
		getMode: () => 'manual',
		getExecutionCancelSignal: () => options.signal,
		isToolExecution: () => options.isTool ?? false,
		evaluateExpression: (expr: string) =>
			expr.includes('resumeUrl')
				? `http://127.0.0.1:1/webhook-waiting/${executionId}?signature=t`
				: expr.includes('$runIndex')
					? 0
					: expr,
		putExecutionToWait: async (date: Date) => {
			waitTill = date;
		},
		sendMessageToUI: (m: unknown) => {
			record('log', 'sendMessageToUI', m);
			messages.push(m);
		},
		logger: Object.fromEntries(
			['debug', 'info', 'warn', 'error'].map((level) => [
				level,
				(message: string, meta?: unknown) =>
					record('log', `logger.${level}`, `${message} ${JSON.stringify(meta ?? {})}`),
			]),
		),
		helpers: {
			httpRequestWithAuthentication: async function (
				type: string,
				request: IHttpRequestOptions,
				additional?: IAdditionalCredentialOptions,
			) {
				if (type !== 'klingApi') throw new Error(`unexpected credential type ${type}`);
				// As n8n does: the credentials handed over, or read again.
				const passed = additional?.credentialsDecrypted;
				const signed = await credential.authenticate(
					(passed?.data ?? options.credentials) as never,
					{
						...request,
						abortSignal: options.signal,
					},
				);
				http.push({
					method: signed.method ?? 'GET',
					url: signed.url,
					authorization: String(signed.headers?.Authorization ?? ''),
					credentialsPassed: passed?.id === 'cred-1' && passed.type === 'klingApi',
				});
				try {
					return await rawHttp(signed);
				} catch (error) {
					throw new NodeApiError(node, { message: (error as Error).message }, {});
				}
			},
			httpRequest: async (request: IHttpRequestOptions) => {
				http.push({
					method: request.method ?? 'GET',
					url: request.url,
					authorization: String(request.headers?.Authorization ?? ''),
				});
				return await rawHttp({ ...request, abortSignal: options.signal });
			},
			assertBinaryData: (i: number, property: string) => binaryOf(i, property),
			getBinaryDataBuffer: async (i: number, property: string) => {
				const binary = binaryOf(i, property);
				// Stored by id: these tests have no binary store, like an n8n whose files were removed.
				if (binary.id) throw new Error(`binary data ${binary.id} was not found`);
				return Buffer.from(binary.data, 'base64');
			},
			getBinaryMetadata: async () => ({}),
			getBinaryStream: async () => {
				throw new Error('not stored by id in tests');
			},
			binaryToBuffer: async (body: Buffer | Readable) => {
				if (Buffer.isBuffer(body)) return body;
				const chunks: Buffer[] = [];
				for await (const c of body) chunks.push(c as Buffer);
				return Buffer.concat(chunks);
			},
			prepareBinaryData: async (data: Buffer | Readable, fileName?: string, mimeType?: string) => {
				const buffer = Buffer.isBuffer(data) ? data : await ctx.helpers.binaryToBuffer(data);
				return {
					data: buffer.toString('base64'),
					fileName,
					mimeType: mimeType ?? 'application/octet-stream',
					fileSize: `${buffer.length} B`,
					fileExtension: fileName?.split('.').pop(),
				} as IBinaryData;
			},
			returnJsonArray: (d: IDataObject | IDataObject[]) =>
				(Array.isArray(d) ? d : [d]).map((json) => ({ json })),
		},
	};
	return {
		ctx: ctx as unknown as IExecuteFunctions,
		http,
		messages,
		waitTill: () => waitTill,
		node,
	};
}

export function binaryItem(
	buffer: Buffer,
	mimeType = 'image/png',
	fileName = 'input.png',
	property = 'data',
): INodeExecutionData {
	return {
		json: {},
		binary: { [property]: { data: buffer.toString('base64'), mimeType, fileName } as IBinaryData },
	};
}

export interface WebhookOptions {
	body: unknown;
	rawBody?: string;
	headers?: Record<string, string>;
	params?: IDataObject;
	credentials: IDataObject;
	staticData?: IDataObject;
	query?: IDataObject;
	/** The workflow's ID (n8n scopes a trigger's memory by workflow and node); unique unless given. */
	workflowId?: string;
	/** What `evaluateExpression` returns for an expression parameter, per item. */
	evaluate?: (expression: string, itemIndex: number) => unknown;
}

let webhookContexts = 0;

/** An IWebhookFunctions over the same real-HTTP helpers, capturing what the node answers. */
export function makeWebhookContext(options: WebhookOptions) {
	const base = makeContext({ params: options.params ?? {}, credentials: options.credentials });
	const response: { status?: number; body?: unknown } = {};
	const staticData = options.staticData ?? {};
	const raw = options.rawBody ?? JSON.stringify(options.body);
	const workflowId = options.workflowId ?? `wf-hook-${++webhookContexts}`;
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		json(body: unknown) {
			record('response', 'webhook answer', body);
			response.body = body;
			return res;
		},
		send(body: unknown) {
			record('response', 'webhook answer', body);
			response.body = body;
			return res;
		},
		end() {
			return res;
		},
	};
	base.node.parameters = (options.params ?? {}) as INode['parameters'];
	const ctx = Object.assign(Object.create(null), base.ctx, {
		getNodeParameter: (name: string, fallback?: unknown) => {
			const value = name
				.split('.')
				.reduce<unknown>((v, k) => (v as IDataObject | undefined)?.[k], options.params ?? {});
			return value === undefined ? fallback : value;
		},
		getQueryData: () => options.query ?? {},
		evaluateExpression: (expression: string, itemIndex = 0) =>
			options.evaluate?.(expression, itemIndex) ?? expression,
		getBodyData: () => options.body,
		getHeaderData: () => options.headers ?? {},
		getRequestObject: () => ({
			body: options.body,
			rawBody: Buffer.from(raw),
			headers: options.headers ?? {},
		}),
		getResponseObject: () => res,
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: workflowId, name: 'Test', active: true }),
	});
	return { ctx, response, http: base.http, staticData };
}

export interface PollOptions {
	params?: IDataObject;
	credentials: IDataObject;
	/** The node's static data, kept by the caller across polls as n8n keeps it. */
	staticData?: IDataObject;
	/** `trigger` for a published workflow's poll, `manual` for Fetch Test Event. */
	mode?: 'trigger' | 'manual';
}

/** An IPollFunctions over the same real-HTTP helpers. */
export function makePollContext(options: PollOptions) {
	const base = makeContext({ params: options.params ?? {}, credentials: options.credentials });
	const staticData = options.staticData ?? {};
	base.node.parameters = (options.params ?? {}) as INode['parameters'];
	const ctx = Object.assign(Object.create(null), base.ctx, {
		getNodeParameter: (name: string, fallback?: unknown) => {
			const value = get(options.params ?? {}, name);
			return value === undefined ? fallback : value;
		},
		getMode: () => options.mode ?? 'trigger',
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: 'wf-poll', name: 'Test', active: true }),
	});
	return { ctx: ctx as IPollFunctions, http: base.http, staticData };
}
