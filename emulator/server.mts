/**
 * A loopback Kling API emulator for tests, the demo and benchmarks: the legacy /v1 task endpoints
 * (and the relays' /kling/v1 variants), official error envelopes, API-key and JWT auth, a task
 * lifecycle with an account concurrency limit, callbacks, seeded fault injection and counters.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { makePng } from './media.mts';

export type Endpoint = 'image2video' | 'multiImage2video' | 'multiImage2image';
export type FaultStage = 'create' | 'query' | 'download' | 'callback';
export type FaultKind =
	| '429'
	| '1302'
	| '1303'
	| '5000-after-create'
	| '5002-after-create'
	| 'html-502'
	| 'reset'
	| 'slow'
	| 'malformed'
	| 'hang'
	| 'callback-drop'
	| 'callback-duplicate'
	| 'callback-late';

export interface FaultRule {
	stage: FaultStage;
	kind: FaultKind;
	/** Fires on the next `count` matching requests (default: unlimited while probability applies). */
	count?: number;
	/** Chance per matching request, drawn from the seeded generator (default 1). */
	probability?: number;
	/** For 'slow' and 'callback-late'. */
	delayMs?: number;
}

export interface EmulatorOptions {
	host?: string;
	port?: number;
	apiKeys?: string[];
	accessKeys?: Record<string, string>;
	/** Task duration for video tasks (submitted → final). */
	videoTaskMs?: number;
	imageTaskMs?: number;
	/** Time in `submitted` before `processing`. */
	submittedMs?: number;
	/** Account concurrency, in slots (an image task takes `n`). */
	concurrency?: number;
	/** Kling rejects a second task with the same external_task_id; tests may turn this off. */
	enforceUniqueExternalId?: boolean;
	/** Signs callbacks Standard-Webhooks style when set (`whsec_…`). */
	webhookSecret?: string;
	faults?: FaultRule[];
	seed?: number;
}

export const LIVE_MODELS: Record<Endpoint, string[]> = {
	image2video: ['kling-v3', 'kling-v2-6', 'kling-v2-5-turbo'],
	multiImage2video: ['kling-v1-6'],
	multiImage2image: ['kling-v2-1', 'kling-v2'],
};
export const RETIRED_MODELS: Record<Endpoint, string[]> = {
	image2video: [
		'kling-v2-1-master',
		'kling-v2-1',
		'kling-v2-master',
		'kling-v1-5',
		'kling-v1',
		'kling-v1-6',
	],
	multiImage2video: ['kling-v1'],
	multiImage2image: ['kling-v1'],
};

const DEFAULT_MODEL: Record<Endpoint, string> = {
	image2video: 'kling-v1',
	multiImage2video: 'kling-v1-6',
	multiImage2image: 'kling-v2-1',
};

const ASPECTS_VIDEO = ['16:9', '9:16', '1:1'];
const ASPECTS_IMAGE = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'];

interface Task {
	id: string;
	endpoint: Endpoint;
	externalId?: string;
	body: Record<string, unknown>;
	createdAt: number;
	processingAt: number;
	finishAt: number;
	fail: boolean;
	slots: number;
	callbackUrl?: string;
	lastNotified?: string;
	polls: number;
}

export interface RequestLogEntry {
	at: number;
	method: string;
	path: string;
	status: number;
	kind: 'create' | 'query' | 'list' | 'download' | 'control' | 'other';
	code?: number;
	fault?: FaultKind;
	/** How the request authenticated. */
	auth?: 'apiKey' | 'jwt';
}

export interface EmulatorStats {
	createAttempts: number;
	creates: number;
	createsByExternalId: Record<string, number>;
	duplicateCreates: number;
	pollsByTask: Record<string, number>;
	queries: number;
	/** Task-list reads (pageNum/pageSize), which show many tasks at once. */
	listReads: number;
	downloads: number;
	peakConcurrency: number;
	callbacksSent: number;
	callbacksFailed: number;
	faultsInjected: Record<string, number>;
	rejectedCreates: Record<string, number>;
	requests: RequestLogEntry[];
	tasks: Array<{
		id: string;
		externalId?: string;
		endpoint: Endpoint;
		createdAt: number;
		finishAt: number;
		status: string;
	}>;
}

class KlingError extends Error {
	constructor(
		readonly http: number,
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Width/height of a PNG or JPEG, parsed independently of the package's own checks. */
function imageSize(
	buf: Buffer,
): { format: 'png' | 'jpeg'; width: number; height: number } | undefined {
	if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47) {
		return { format: 'png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
	}
	if (buf.length > 4 && buf[0] === 0xff && buf[1] === 0xd8) {
		let o = 2;
		while (o + 9 < buf.length) {
			if (buf[o] !== 0xff) return undefined;
			const marker = buf[o + 1];
			const len = buf.readUInt16BE(o + 2);
			if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
				return { format: 'jpeg', height: buf.readUInt16BE(o + 5), width: buf.readUInt16BE(o + 7) };
			}
			o += 2 + len;
		}
	}
	return undefined;
}

let mp4Cache: Buffer | undefined;
export function sampleMp4(): Buffer {
	mp4Cache ??= readFileSync(new URL('./fixtures/sample.mp4', import.meta.url));
	return mp4Cache;
}

export class KlingEmulator {
	readonly options: Required<Omit<EmulatorOptions, 'webhookSecret' | 'port' | 'host'>> &
		Pick<EmulatorOptions, 'webhookSecret' | 'port' | 'host'>;

	private server?: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private tasks = new Map<string, Task>();
	private random: () => number;
	private faultUses = new Map<FaultRule, number>();
	stats!: EmulatorStats;
	baseUrl = '';

	constructor(options: EmulatorOptions = {}) {
		this.options = {
			apiKeys: ['emulator-api-key'],
			accessKeys: { 'emulator-access-key': 'emulator-secret-key' },
			videoTaskMs: 3000,
			imageTaskMs: 1500,
			submittedMs: 300,
			concurrency: 5,
			enforceUniqueExternalId: true,
			faults: [],
			seed: 1,
			...options,
		};
		this.random = mulberry32(this.options.seed);
		this.resetStats();
	}

	private resetStats(): void {
		this.stats = {
			createAttempts: 0,
			creates: 0,
			createsByExternalId: {},
			duplicateCreates: 0,
			pollsByTask: {},
			queries: 0,
			listReads: 0,
			downloads: 0,
			peakConcurrency: 0,
			callbacksSent: 0,
			callbacksFailed: 0,
			faultsInjected: {},
			rejectedCreates: {},
			requests: [],
			tasks: [],
		};
	}

	/** Clears tasks and counters, and applies new options (faults, durations, limits). */
	reset(options: EmulatorOptions = {}): void {
		Object.assign(this.options, options);
		if (options.faults === undefined) this.options.faults = [];
		this.tasks.clear();
		this.faultUses.clear();
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.random = mulberry32(this.options.seed);
		this.resetStats();
	}

	configure(options: EmulatorOptions): void {
		Object.assign(this.options, options);
		if (options.seed !== undefined) this.random = mulberry32(options.seed);
		if (options.faults) this.faultUses.clear();
	}

	async start(
		port = this.options.port ?? 0,
		host = this.options.host ?? '127.0.0.1',
	): Promise<string> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
		await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
		const address = this.server.address() as AddressInfo;
		this.baseUrl = `http://${host}:${address.port}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		for (const s of this.sockets) s.destroy();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	private later(ms: number, fn: () => void): void {
		const t = setTimeout(() => {
			this.timers.delete(t);
			fn();
		}, ms);
		this.timers.add(t);
	}

	statusOf(task: Task, now = Date.now()): 'submitted' | 'processing' | 'succeed' | 'failed' {
		if (now < task.processingAt) return 'submitted';
		if (now < task.finishAt) return 'processing';
		return task.fail ? 'failed' : 'succeed';
	}

	runningSlots(now = Date.now()): number {
		let slots = 0;
		for (const t of this.tasks.values()) if (now < t.finishAt) slots += t.slots;
		return slots;
	}

	snapshot(): EmulatorStats {
		const now = Date.now();
		this.stats.tasks = [...this.tasks.values()].map((t) => ({
			id: t.id,
			externalId: t.externalId,
			endpoint: t.endpoint,
			createdAt: t.createdAt,
			finishAt: t.finishAt,
			status: this.statusOf(t, now),
		}));
		return structuredClone(this.stats);
	}

	private pickFault(stage: FaultStage): FaultRule | undefined {
		for (const rule of this.options.faults) {
			if (rule.stage !== stage) continue;
			const used = this.faultUses.get(rule) ?? 0;
			if (rule.count !== undefined && used >= rule.count) continue;
			if (rule.probability !== undefined && this.random() >= rule.probability) continue;
			this.faultUses.set(rule, used + 1);
			this.stats.faultsInjected[rule.kind] = (this.stats.faultsInjected[rule.kind] ?? 0) + 1;
			return rule;
		}
		return undefined;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://emulator');
		let path = url.pathname.replace(/\/+$/, '') || '/';
		const entry: RequestLogEntry = {
			at: Date.now(),
			method: req.method ?? 'GET',
			path,
			status: 200,
			kind: 'other',
		};
		this.stats.requests.push(entry);
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const raw = Buffer.concat(chunks).toString('utf8');
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			entry.status = status;
			if (typeof body === 'object' && body && 'code' in body)
				entry.code = (body as { code: number }).code;
			const text = typeof body === 'string' ? body : JSON.stringify(body);
			res.writeHead(status, {
				'content-type': typeof body === 'string' ? 'text/html' : 'application/json',
				...headers,
			});
			res.end(text);
		};
		const requestId = randomUUID();
		const fail = (e: KlingError) =>
			send(e.http, { code: e.code, message: e.message, request_id: requestId });
		try {
			if (path.startsWith('/__emulator')) {
				entry.kind = 'control';
				return this.control(path, req.method ?? 'GET', raw, send);
			}
			if (path.startsWith('/samples/')) {
				entry.kind = 'download';
				return this.sample(path, res, send);
			}
			if (path.startsWith('/media/')) {
				entry.kind = 'download';
				return await this.media(path, entry, res, send);
			}
			if (path.startsWith('/kling/')) path = path.slice('/kling'.length);
			const route = this.route(path);
			if (!route) return fail(new KlingError(404, 1202, 'requested method is invalid'));
			entry.auth = this.authenticate(req.headers.authorization);
			if (req.method === 'POST' && !route.id) {
				entry.kind = 'create';
				this.stats.createAttempts++;
				return await this.create(route.endpoint, raw, requestId, entry, res, send);
			}
			if (req.method === 'GET') {
				entry.kind = route.id || url.searchParams.has('external_task_id') ? 'query' : 'list';
				const fault = this.pickFault('query');
				if (fault && (await this.applyTransportFault(fault, entry, res, send))) return;
				return this.query(route.endpoint, route.id, url.searchParams, requestId, send);
			}
			return fail(new KlingError(404, 1202, 'requested method is invalid'));
		} catch (error) {
			if (error instanceof KlingError) {
				if (entry.kind === 'create') {
					this.stats.rejectedCreates[error.code] =
						(this.stats.rejectedCreates[error.code] ?? 0) + 1;
				}
				return fail(error);
			}
			return send(500, {
				code: 5000,
				message: `internal error: ${(error as Error).message}`,
				request_id: requestId,
			});
		}
	}

	private route(path: string): { endpoint: Endpoint; id?: string } | undefined {
		const m =
			/^\/v1\/(videos\/image2video|videos\/multi-image2video|images\/multi-image2image|images\/generations)(?:\/([^/]+))?$/.exec(
				path,
			);
		if (m) {
			const endpoint: Endpoint =
				m[1] === 'videos/image2video'
					? 'image2video'
					: m[1] === 'videos/multi-image2video'
						? 'multiImage2video'
						: 'multiImage2image';
			return { endpoint, id: m[2] ? decodeURIComponent(m[2]) : undefined };
		}
		if (path === '/account/costs') return { endpoint: 'image2video' };
		return undefined;
	}

	private authenticate(header: string | undefined): 'apiKey' | 'jwt' {
		if (!header) throw new KlingError(401, 1001, 'Authorization is empty');
		const m = /^Bearer (.+)$/.exec(header);
		if (!m) throw new KlingError(401, 1002, 'Authorization is invalid');
		const token = m[1];
		if (this.options.apiKeys.includes(token)) return 'apiKey';
		const parts = token.split('.');
		if (parts.length !== 3) throw new KlingError(401, 1002, 'Authorization is invalid');
		let payload: { iss?: string; exp?: number; nbf?: number };
		try {
			const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
			if (header.alg !== 'HS256') throw new Error('alg');
			payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
		} catch {
			throw new KlingError(401, 1002, 'Authorization is invalid');
		}
		const secret = payload.iss ? this.options.accessKeys[payload.iss] : undefined;
		if (!secret) throw new KlingError(401, 1000, 'Authentication failed');
		const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
		const given = Buffer.from(parts[2], 'base64url');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
			throw new KlingError(401, 1000, 'Authentication failed');
		}
		const now = Math.floor(Date.now() / 1000);
		if (typeof payload.nbf === 'number' && payload.nbf > now)
			throw new KlingError(401, 1003, 'Authorization is not yet valid');
		if (typeof payload.exp !== 'number' || payload.exp <= now)
			throw new KlingError(401, 1004, 'Authorization has expired');
		return 'jwt';
	}

	/** Returns true when the fault answered (or dropped) the request itself. */
	private async applyTransportFault(
		fault: FaultRule,
		entry: RequestLogEntry,
		res: http.ServerResponse,
		send: (status: number, body: unknown, headers?: Record<string, string>) => void,
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
			case 'html-502':
				send(
					502,
					'<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>',
				);
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
			case 'hang':
				await new Promise((r) => this.later(fault.delayMs ?? 120_000, () => r(undefined)));
				entry.status = 0;
				res.socket?.destroy();
				return true;
			case 'slow':
				await new Promise((r) => this.later(fault.delayMs ?? 1500, () => r(undefined)));
				return false;
			default:
				return false;
		}
	}

	private async create(
		endpoint: Endpoint,
		raw: string,
		requestId: string,
		entry: RequestLogEntry,
		res: http.ServerResponse,
		send: (status: number, body: unknown, headers?: Record<string, string>) => void,
	): Promise<void> {
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(raw || '{}');
		} catch {
			throw new KlingError(400, 1200, 'invalid request parameters: body is not JSON');
		}
		const fault = this.pickFault('create');
		const afterCreate =
			fault &&
			(fault.kind === '5000-after-create' ||
				fault.kind === '5002-after-create' ||
				fault.kind === 'reset' ||
				fault.kind === 'hang');
		if (fault && !afterCreate && (await this.applyTransportFault(fault, entry, res, send))) return;
		const slots = this.validate(endpoint, body);
		const externalId =
			typeof body.external_task_id === 'string' ? body.external_task_id : undefined;
		if (externalId && this.options.enforceUniqueExternalId) {
			for (const t of this.tasks.values()) {
				if (t.externalId === externalId)
					throw new KlingError(400, 1201, 'external_task_id already exists');
			}
		}
		const now = Date.now();
		if (this.runningSlots(now) + slots > this.options.concurrency) {
			throw new KlingError(429, 1303, 'parallel task over resource pack limit');
		}
		const prompt = String(body.prompt ?? '');
		const marker = /\[ms=(\d+)\]/.exec(prompt);
		const duration = marker
			? Number(marker[1])
			: endpoint === 'multiImage2image'
				? this.options.imageTaskMs
				: this.options.videoTaskMs;
		const task: Task = {
			id: `${now}${String(this.stats.creates).padStart(6, '0')}${Math.floor(this.random() * 1000)}`,
			endpoint,
			externalId,
			body,
			createdAt: now,
			processingAt: now + Math.min(this.options.submittedMs, duration / 2),
			finishAt: now + duration,
			fail: prompt.includes('[fail]'),
			slots,
			callbackUrl: typeof body.callback_url === 'string' ? body.callback_url : undefined,
			polls: 0,
		};
		this.tasks.set(task.id, task);
		this.stats.creates++;
		if (externalId) {
			const before = this.stats.createsByExternalId[externalId] ?? 0;
			this.stats.createsByExternalId[externalId] = before + 1;
			if (before > 0) this.stats.duplicateCreates++;
		}
		this.stats.peakConcurrency = Math.max(this.stats.peakConcurrency, this.runningSlots(now));
		this.scheduleCallbacks(task);
		if (afterCreate && (await this.afterCreateFault(fault!, entry, res, send, requestId))) return;
		send(200, {
			code: 0,
			message: 'SUCCEED',
			request_id: requestId,
			data: {
				task_id: task.id,
				task_status: 'submitted',
				task_info: externalId ? { external_task_id: externalId } : {},
				created_at: task.createdAt,
				updated_at: task.createdAt,
			},
		});
	}

	private async afterCreateFault(
		fault: FaultRule,
		entry: RequestLogEntry,
		res: http.ServerResponse,
		send: (status: number, body: unknown, headers?: Record<string, string>) => void,
		requestId: string,
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
		return this.applyTransportFault(fault, entry, res, send);
	}

	private checkImage(field: string, value: unknown, strictAspect = true): void {
		if (typeof value !== 'string' || value.length === 0)
			throw new KlingError(400, 1201, `${field} is required`);
		if (/^https?:\/\//i.test(value)) return;
		if (value.startsWith('data:'))
			throw new KlingError(400, 1201, `${field}: Base64 must not carry a data: prefix`);
		if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value))
			throw new KlingError(400, 1201, `${field}: invalid image, expected a URL or Base64`);
		const buf = Buffer.from(value, 'base64');
		if (buf.length > 10 * 1024 * 1024)
			throw new KlingError(400, 1201, `${field}: image larger than 10MB`);
		const size = imageSize(buf);
		if (!size) throw new KlingError(400, 1201, `${field}: image format must be jpg, jpeg or png`);
		if (size.width < 300 || size.height < 300)
			throw new KlingError(400, 1201, `${field}: image must be at least 300px`);
		const ratio = size.width / size.height;
		if (strictAspect && (ratio > 2.5 || ratio < 0.4))
			throw new KlingError(400, 1201, `${field}: aspect ratio must be between 1:2.5 and 2.5:1`);
	}

	private checkModel(endpoint: Endpoint, body: Record<string, unknown>): void {
		const model = String(body.model_name ?? DEFAULT_MODEL[endpoint]);
		if (LIVE_MODELS[endpoint].includes(model)) return;
		if (RETIRED_MODELS[endpoint].includes(model))
			throw new KlingError(
				404,
				1203,
				`The model '${model}' has been discontinued and is no longer available.`,
			);
		throw new KlingError(400, 1201, `model_name '${model}' is invalid`);
	}

	private checkText(field: string, value: unknown, max: number, required = false): void {
		if (value === undefined || value === null) {
			if (required) throw new KlingError(400, 1201, `${field} is required`);
			return;
		}
		if (typeof value !== 'string') throw new KlingError(400, 1201, `${field} must be a string`);
		if (required && value.trim() === '') throw new KlingError(400, 1201, `${field} is required`);
		if (value.length > max)
			throw new KlingError(400, 1201, `${field} must be at most ${max} characters`);
	}

	private checkEnum(field: string, value: unknown, allowed: string[]): void {
		if (value !== undefined && !allowed.includes(String(value))) {
			throw new KlingError(400, 1201, `${field} must be one of ${allowed.join(', ')}`);
		}
	}

	/** Kling's documented request rules; returns the concurrency slots the task needs. */
	validate(endpoint: Endpoint, body: Record<string, unknown>): number {
		this.checkModel(endpoint, body);
		this.checkText('prompt', body.prompt, 2500, endpoint === 'multiImage2video');
		this.checkText('negative_prompt', body.negative_prompt, 2500);
		if (body.callback_url !== undefined && !/^https?:\/\//.test(String(body.callback_url))) {
			throw new KlingError(400, 1201, 'callback_url must be an http(s) URL');
		}
		if (endpoint === 'image2video') {
			this.checkImage('image', body.image);
			if (body.image_tail !== undefined) this.checkImage('image_tail', body.image_tail, false);
			this.checkEnum('mode', body.mode, ['std', 'pro']);
			this.checkEnum('duration', body.duration, ['5', '10']);
			this.checkEnum('sound', body.sound, ['on', 'off']);
			if (body.cfg_scale !== undefined) {
				const c = Number(body.cfg_scale);
				if (!(c >= 0 && c <= 1)) throw new KlingError(400, 1201, 'cfg_scale must be within [0, 1]');
			}
			const groups = [
				body.image_tail !== undefined,
				body.static_mask !== undefined || body.dynamic_masks !== undefined,
				body.camera_control !== undefined,
			];
			if (groups.filter(Boolean).length > 1) {
				throw new KlingError(
					400,
					1201,
					'image_tail, static_mask/dynamic_masks and camera_control cannot be used together',
				);
			}
			if (body.static_mask !== undefined) this.checkImage('static_mask', body.static_mask, false);
			if (body.dynamic_masks !== undefined) {
				const masks = body.dynamic_masks as Array<{ mask?: unknown; trajectories?: unknown[] }>;
				if (!Array.isArray(masks) || masks.length < 1 || masks.length > 6)
					throw new KlingError(400, 1201, 'dynamic_masks must have 1 to 6 groups');
				masks.forEach((m, i) => {
					this.checkImage(`dynamic_masks[${i}].mask`, m.mask, false);
					if (
						!Array.isArray(m.trajectories) ||
						m.trajectories.length < 2 ||
						m.trajectories.length > 77
					) {
						throw new KlingError(
							400,
							1201,
							`dynamic_masks[${i}].trajectories must have 2 to 77 points`,
						);
					}
				});
			}
			if (body.camera_control !== undefined) {
				const cc = body.camera_control as { type?: string; config?: Record<string, number> };
				this.checkEnum('camera_control.type', cc.type, [
					'simple',
					'down_back',
					'forward_up',
					'right_turn_forward',
					'left_turn_forward',
				]);
				if (cc.type === 'simple') {
					const values = Object.values(cc.config ?? {}).filter((v) => Number(v) !== 0);
					if (values.length !== 1)
						throw new KlingError(
							400,
							1201,
							'camera_control.config: exactly one of the six values must be non-zero',
						);
				}
			}
			return 1;
		}
		if (endpoint === 'multiImage2video') {
			const list = body.image_list as Array<{ image?: unknown }>;
			if (!Array.isArray(list) || list.length < 1 || list.length > 4)
				throw new KlingError(400, 1201, 'image_list must have 1 to 4 images');
			list.forEach((e, i) => this.checkImage(`image_list[${i}].image`, e?.image));
			this.checkEnum('mode', body.mode, ['std', 'pro']);
			this.checkEnum('duration', body.duration, ['5', '10']);
			this.checkEnum('aspect_ratio', body.aspect_ratio, ASPECTS_VIDEO);
			for (const f of [
				'cfg_scale',
				'static_mask',
				'dynamic_masks',
				'camera_control',
				'image_tail',
			]) {
				if (body[f] !== undefined)
					throw new KlingError(400, 1201, `${f} is not supported on this endpoint`);
			}
			return 1;
		}
		const list = body.subject_image_list as Array<{ subject_image?: unknown }>;
		if (!Array.isArray(list) || list.length < 1 || list.length > 4)
			throw new KlingError(400, 1201, 'subject_image_list must have 1 to 4 images');
		list.forEach((e, i) =>
			this.checkImage(`subject_image_list[${i}].subject_image`, e?.subject_image),
		);
		const scene = body.scene_image ?? body.scence_image;
		if (scene !== undefined) this.checkImage('scene_image', scene);
		if (body.style_image !== undefined) this.checkImage('style_image', body.style_image);
		this.checkEnum('aspect_ratio', body.aspect_ratio, ASPECTS_IMAGE);
		const n = body.n === undefined ? 1 : Number(body.n);
		if (!Number.isInteger(n) || n < 1 || n > 9)
			throw new KlingError(400, 1201, 'n must be an integer within [1, 9]');
		return n;
	}

	/** The request body of a task as the emulator received it (the latest task when no id is given). */
	taskBody(id?: string): Record<string, unknown> | undefined {
		const task = id ? this.tasks.get(id) : [...this.tasks.values()].pop();
		return task?.body;
	}

	/** What a callback for the task would carry right now. */
	callbackBody(id: string): Record<string, unknown> | undefined {
		const task = this.tasks.get(id);
		return task ? (this.taskView(task) as Record<string, unknown>) : undefined;
	}

	private findTask(endpoint: Endpoint, id: string): Task | undefined {
		const direct = this.tasks.get(id);
		if (direct && direct.endpoint === endpoint) return direct;
		for (const t of this.tasks.values())
			if (t.endpoint === endpoint && t.externalId === id) return t;
		return undefined;
	}

	taskView(task: Task, now = Date.now()): Record<string, unknown> {
		const status = this.statusOf(task, now);
		const base = this.baseUrl;
		const n = task.endpoint === 'multiImage2image' ? Number(task.body.n ?? 1) : 0;
		const duration = String(task.body.duration ?? '5');
		return {
			task_id: task.id,
			task_status: status,
			task_status_msg: status === 'failed' ? 'Failure to pass the risk control system' : '',
			task_info: task.externalId ? { external_task_id: task.externalId } : {},
			created_at: task.createdAt,
			updated_at:
				status === 'submitted'
					? task.createdAt
					: status === 'processing'
						? task.processingAt
						: task.finishAt,
			...(status === 'succeed'
				? {
						final_unit_deduction:
							task.endpoint === 'multiImage2image' ? String(n * 16) : duration === '10' ? '2' : '1',
					}
				: {}),
			task_result:
				status !== 'succeed'
					? {}
					: task.endpoint === 'multiImage2image'
						? {
								images: Array.from({ length: n }, (_, i) => ({
									index: i,
									url: `${base}/media/${task.id}/image-${i}.png`,
								})),
							}
						: {
								videos: [
									{
										id: `video-${task.id}`,
										url: `${base}/media/${task.id}/video.mp4`,
										duration: duration === '10' ? '10.1' : '5.1',
									},
								],
							},
		};
	}

	private query(
		endpoint: Endpoint,
		id: string | undefined,
		params: URLSearchParams,
		requestId: string,
		send: (status: number, body: unknown) => void,
	): void {
		this.stats.queries++;
		const ok = (data: unknown) =>
			send(200, { code: 0, message: 'SUCCEED', request_id: requestId, data });
		if (id) {
			const task = this.findTask(endpoint, id);
			if (!task) return send(404, { code: 1203, message: 'task not found', request_id: requestId });
			task.polls++;
			this.stats.pollsByTask[task.id] = task.polls;
			return ok(this.taskView(task));
		}
		const ext = params.get('external_task_id');
		const all = [...this.tasks.values()].filter(
			(t) => t.endpoint === endpoint && (!ext || t.externalId === ext),
		);
		if (ext) for (const t of all) this.stats.pollsByTask[t.id] = ++t.polls;
		if (!ext) this.stats.listReads++;
		// Like Kling's list: newest first.
		if (!ext) all.reverse();
		const pageSize = Math.min(500, Math.max(1, Number(params.get('pageSize') ?? 30)));
		const pageNum = Math.max(1, Number(params.get('pageNum') ?? 1));
		return ok(all.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((t) => this.taskView(t)));
	}

	private async media(
		path: string,
		entry: RequestLogEntry,
		res: http.ServerResponse,
		send: (status: number, body: unknown, headers?: Record<string, string>) => void,
	): Promise<void> {
		const m = /^\/media\/([^/]+)\/(video\.mp4|image-(\d+)\.png)$/.exec(path);
		const task = m ? this.tasks.get(m[1]) : undefined;
		if (!m || !task || this.statusOf(task) !== 'succeed')
			return send(404, { code: 1203, message: 'not found' });
		const fault = this.pickFault('download');
		if (fault && (await this.applyTransportFault(fault, entry, res, send))) return;
		this.stats.downloads++;
		const bytes = m[3] !== undefined ? makePng(512, 512, Number(m[3]) + 1) : sampleMp4();
		entry.status = 200;
		res.writeHead(200, {
			'content-type': m[3] !== undefined ? 'image/png' : 'video/mp4',
			'content-length': String(bytes.length),
		});
		res.end(bytes);
	}

	/** Public sample input images (no auth), so example workflows can download a photo offline. */
	private sample(
		path: string,
		res: http.ServerResponse,
		send: (status: number, body: unknown) => void,
	): void {
		// photo-N: small, smooth images; noise-N: incompressible ones, for size and memory tests.
		const m = /^\/samples\/(photo|noise)-(\d+)(?:-(\d+)x(\d+))?\.png$/.exec(path);
		if (!m) return send(404, { code: 1203, message: 'not found' });
		const bytes = makePng(
			Number(m[3] ?? 1024),
			Number(m[4] ?? 576),
			Number(m[2]) * 7,
			m[1] === 'noise',
		);
		res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(bytes.length) });
		res.end(bytes);
	}

	private scheduleCallbacks(task: Task): void {
		if (!task.callbackUrl) return;
		const notify = () => void this.sendCallback(task);
		this.later(0, notify);
		this.later(task.processingAt - task.createdAt, notify);
		this.later(task.finishAt - task.createdAt, notify);
	}

	/** Signs a body the way Standard Webhooks (and Kling's signed callbacks) do. */
	static sign(secret: string, id: string, timestamp: number, body: string): string {
		const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
		return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
	}

	private async sendCallback(task: Task): Promise<void> {
		const status = this.statusOf(task);
		if (task.lastNotified === status || !task.callbackUrl) return;
		task.lastNotified = status;
		const fault = this.pickFault('callback');
		if (fault?.kind === 'callback-drop') return;
		const deliver = async () => {
			const body = JSON.stringify(this.taskView(task));
			const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
			if (this.options.webhookSecret) {
				const id = randomUUID();
				const ts = Math.floor(Date.now() / 1000);
				headers['webhook-id'] = id;
				headers['webhook-timestamp'] = String(ts);
				headers['webhook-signature'] = KlingEmulator.sign(this.options.webhookSecret, id, ts, body);
			}
			try {
				const r = await fetch(task.callbackUrl!, { method: 'POST', headers, body });
				await r.arrayBuffer();
				this.stats.callbacksSent++;
			} catch {
				this.stats.callbacksFailed++;
			}
		};
		if (fault?.kind === 'callback-late') this.later(fault.delayMs ?? 2000, () => void deliver());
		else await deliver();
		if (fault?.kind === 'callback-duplicate') await deliver();
	}

	private control(
		path: string,
		method: string,
		raw: string,
		send: (status: number, body: unknown) => void,
	): void {
		if (path === '/__emulator/stats') return send(200, this.snapshot());
		if (path === '/__emulator/reset' && method === 'POST') {
			this.reset(raw ? JSON.parse(raw) : {});
			return send(200, { ok: true });
		}
		if (path === '/__emulator/config' && method === 'POST') {
			this.configure(JSON.parse(raw || '{}'));
			return send(200, {
				ok: true,
				options: { ...this.options, apiKeys: undefined, accessKeys: undefined },
			});
		}
		return send(404, { error: 'unknown control path' });
	}
}
