/**
 * A loopback Kling API emulator for tests, the demo and benchmarks: the legacy /v1 task endpoints
 * (and the relays' /kling/v1 variants), official error envelopes, API-key and JWT auth, a task
 * lifecycle with an account concurrency limit, callbacks, seeded fault injection and counters.
 */
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { authenticate } from './auth.mts';
import { afterCreateFault, applyTransportFault } from './faults.mts';
import { makeMp3, makePng, makeWav, mulberry32, sampleMp4, streamVideo } from './media.mts';
import { PRESET_ELEMENTS } from './endpoints/elementPresets.mts';
import type {
	EmulatorOptions,
	EmulatorStats,
	Endpoint,
	FaultRule,
	FaultStage,
	RelayBehaviour,
	RequestLogEntry,
} from './options.mts';
import type { ModelStatusTable } from './models.mts';
import { promptWarning } from './references.mts';
import { legacyView, newView, unitsOf, type ViewedTask } from './views.mts';
import { cursorPage } from './taskList.mts';
import { DEFAULT_PACKS, accountCosts } from './account.mts';
import {
	KlingError,
	endpointAt,
	endpointByKey,
	validate,
	validateNew,
	type Created,
	type Known,
	type Session,
} from './rules.mts';

export type { ModelStatusTable };
export type * from './options.mts';
export { sampleMp4 } from './media.mts';
interface Task extends ViewedTask {
	fail: boolean;
	slots: number;
	callbackUrl?: string;
	lastNotified?: string;
	polls: number;
}

interface Route {
	standard: 'legacy' | 'new';
	endpoint: Endpoint;
	/** Legacy: a task id or external id in the path. */
	id?: string;
	/** New standard: the model id in the path. */
	model?: string;
	/** New standard: `/tasks`, or the solutions family's `/solutions`. */
	tasks?: boolean;
	solutions?: boolean;
}

/**
 * What every emulated account made before the tests began, for the products that take an earlier
 * result by ID: a 5-second video of Kling 1.6 (the only kind Video Extend documents) and a
 * 4-second text-to-speech audio.
 */
export const SAMPLE_RESULTS: Record<
	string,
	{ kind: 'video' | 'audio'; seconds: number; model: string; task: string }
> = {
	'video-sample-v1-6': { kind: 'video', seconds: 5, model: 'kling-v1-6', task: 'task-sample-v1-6' },
	'audio-sample-tts': { kind: 'audio', seconds: 4, model: '', task: 'task-sample-tts' },
};

export class KlingEmulator {
	readonly options: Required<
		Omit<EmulatorOptions, 'webhookSecret' | 'port' | 'host' | 'relay' | 'videoBytes'>
	> &
		Pick<EmulatorOptions, 'webhookSecret' | 'port' | 'host' | 'relay' | 'videoBytes'>;

	private server?: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private tasks = new Map<string, Task>();
	private random: () => number;
	/** Draws task lengths, apart from `random` so faults do not shift them. */
	private lengths: () => number;
	private faultUses = new Map<FaultRule, number>();
	private faultSeen = new Map<FaultRule, number>();
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
			modelStatus: {},
			legacyTasksOnTasks: true,
			taskMsSpread: 0,
			bareElementPresets: false,
			resourcePacks: DEFAULT_PACKS,
			...options,
		};
		this.random = mulberry32(this.options.seed);
		this.lengths = mulberry32(this.options.seed + 1);
		this.resetStats();
	}

	private resetStats(): void {
		this.stats = {
			createAttempts: 0,
			syncCalls: 0,
			creates: 0,
			createsByExternalId: {},
			duplicateCreates: 0,
			pollsByTask: {},
			queries: 0,
			listReads: 0,
			tasksReads: 0,
			downloads: 0,
			peakConcurrency: 0,
			callbacksSent: 0,
			callbacksFailed: 0,
			faultsInjected: {},
			rejectedCreates: {},
			promptWarnings: [],
			requests: [],
			tasks: [],
		};
	}

	/** Clears tasks and counters, and applies new options (faults, durations, limits). */
	reset(options: EmulatorOptions = {}): void {
		Object.assign(this.options, options);
		if (options.faults === undefined) this.options.faults = [];
		if (options.bareElementPresets === undefined) this.options.bareElementPresets = false;
		if (options.relay === undefined) this.options.relay = undefined;
		if (options.videoBytes === undefined) this.options.videoBytes = undefined;
		if (options.resourcePacks === undefined) this.options.resourcePacks = DEFAULT_PACKS;
		this.lastAccountRead = 0;
		this.tasks.clear();
		this.sessions.clear();
		this.faultUses.clear();
		this.faultSeen.clear();
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		if (options.taskMsSpread === undefined) this.options.taskMsSpread = 0;
		this.random = mulberry32(this.options.seed);
		this.lengths = mulberry32(this.options.seed + 1);
		this.resetStats();
	}

	configure(options: EmulatorOptions): void {
		Object.assign(this.options, options);
		if (options.seed !== undefined) this.random = mulberry32(options.seed);
		if (options.faults) {
			this.faultUses.clear();
			this.faultSeen.clear();
		}
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

	private readonly laterFn = (ms: number, fn: () => void) => this.later(ms, fn);

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

	/**
	 * Ends a task now (as it would have ended at its time): a test orders what a reader sees
	 * against its own steps instead of against the machine's speed.
	 */
	finishNow(taskId: string): void {
		const task = this.tasks.get(taskId);
		if (!task) throw new Error(`no task ${taskId}`);
		const now = Date.now();
		task.processingAt = Math.min(task.processingAt, now);
		task.finishAt = Math.min(task.finishAt, now);
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

	private pickFault(stage: FaultStage, final = false): FaultRule | undefined {
		for (const rule of this.options.faults) {
			if (rule.stage !== stage || (rule.finalOnly && !final)) continue;
			const seen = (this.faultSeen.get(rule) ?? 0) + 1;
			this.faultSeen.set(rule, seen);
			if (seen <= (rule.skip ?? 0)) continue;
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
			entry.answeredAt = Date.now();
			if (typeof body === 'object' && body && 'code' in body)
				entry.code = (body as { code: number }).code;
			// Legacy element IDs are longs above 2^53: written as integers, digit for digit (docs/reference/kling-api.md#elements-and-voices).
			const text =
				typeof body === 'string'
					? body
					: JSON.stringify(body).replace(/"element_id":"(\d+)"/g, '"element_id":$1');
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
			if (path === '/account/costs' && !this.options.relay) {
				entry.kind = 'query';
				entry.auth = authenticate(req.headers.authorization, this.options);
				return send(200, {
					code: 0,
					message: 'SUCCEED',
					request_id: requestId,
					data: this.accountRead(url.searchParams),
				});
			}
			const relay = this.options.relay;
			const route = relay
				? this.relayRoute(path, relay, req.headers)
				: this.route(unprefixed(path));
			if (!route) return fail(new KlingError(404, 1202, 'requested method is invalid'));
			entry.auth = authenticate(req.headers.authorization, this.options);
			if (route.standard === 'new' && entry.auth !== 'apiKey') {
				// Live: the new standard answers a JWT with 401 / 1002 (docs/reference/kling-api.md#errors).
				throw new KlingError(
					401,
					1002,
					'Authorization is invalid: AK/SK is not supported, use an API key',
				);
			}
			if (route.tasks) {
				entry.kind = req.method === 'POST' ? 'list' : 'query';
				const fault = this.pickFault('query');
				if (fault && (await applyTransportFault(fault, entry, res, send, this.laterFn))) return;
				const family = route.solutions === true;
				return this.tasksRead(req.method ?? 'GET', url.searchParams, raw, requestId, send, family);
			}
			const spec = endpointByKey(route.endpoint);
			if (req.method === 'POST' && !route.id && spec.call) {
				entry.kind = 'create';
				this.stats.syncCalls++;
				const data = spec.call(parseCreateBody('legacy', raw), this.known, (session) =>
					this.openSession(session),
				);
				return send(200, { code: 0, message: 'SUCCEED', request_id: requestId, data });
			}
			if (req.method === 'POST' && !route.id) {
				entry.kind = 'create';
				this.stats.createAttempts++;
				return await this.create(route, raw, requestId, entry, res, send);
			}
			if (req.method === 'GET' && route.standard === 'legacy') {
				entry.kind = route.id || url.searchParams.has('external_task_id') ? 'query' : 'list';
				const fault = this.pickFault('query');
				if (fault && (await applyTransportFault(fault, entry, res, send, this.laterFn))) return;
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

	/** A relay's route: its prefix, its paths, its header; never the new standard. */
	private relayRoute(
		path: string,
		relay: RelayBehaviour,
		headers: http.IncomingHttpHeaders,
	): Route | undefined {
		if (!path.startsWith(`${relay.prefix}/`)) return undefined;
		const found = this.route(path.slice(relay.prefix.length));
		if (!found || found.standard === 'new') return undefined;
		// A relay whose older pages route multi-image to image through the generations path.
		const generations = relay.multiImage2imagePath === 'images/generations';
		const route =
			generations && found.endpoint === 'imageGenerations'
				? { ...found, endpoint: 'multiImage2image' }
				: found;
		if (route.endpoint === 'multiImage2image' && relay.multiImage2imagePath) {
			if (!path.includes(`/v1/${relay.multiImage2imagePath}`)) return undefined;
		}
		if (relay.requiredHeader && headers[relay.requiredHeader.toLowerCase()] === undefined)
			throw new KlingError(400, 1200, `header ${relay.requiredHeader} is required`);
		return route;
	}

	private route(path: string): Route | undefined {
		// A legacy endpoint's path (videos/avatar/image2video has three parts), or it and a task ID.
		const rest = path.startsWith('/v1/') ? path.slice(4) : undefined;
		if (rest !== undefined) {
			const whole = endpointAt('legacy', rest);
			if (whole) return { standard: 'legacy', endpoint: whole.key };
			const cut = rest.lastIndexOf('/');
			const spec = cut > 0 ? endpointAt('legacy', rest.slice(0, cut)) : undefined;
			const id = decodeURIComponent(rest.slice(cut + 1));
			if (spec && id) return { standard: 'legacy', endpoint: spec.key, id };
		}
		if (path === '/tasks') return { standard: 'new', endpoint: 'new:image-to-video', tasks: true };
		if (path === '/solutions')
			return {
				standard: 'new',
				endpoint: 'solutions:virtual_try_on',
				tasks: true,
				solutions: true,
			};
		const created = /^\/([a-z0-9.-]+)\/([^/]+)$/.exec(path);
		const product = created && endpointAt('new', created[1]);
		if (created && product) {
			return { standard: 'new', endpoint: product.key, model: decodeURIComponent(created[2]) };
		}
		return undefined;
	}

	private async create(
		route: Route,
		raw: string,
		requestId: string,
		entry: RequestLogEntry,
		res: http.ServerResponse,
		send: (status: number, body: unknown, headers?: Record<string, string>) => void,
	): Promise<void> {
		const body = parseCreateBody(route.standard, raw);
		const fault = this.pickFault('create');
		const afterCreate =
			fault &&
			(fault.kind === '5000-after-create' ||
				fault.kind === '5002-after-create' ||
				fault.kind === 'reset' ||
				fault.kind === 'hang');
		if (fault && !afterCreate && (await applyTransportFault(fault, entry, res, send, this.laterFn)))
			return;
		const endpoint = route.endpoint;
		const checked = this.checkRelayFields(endpoint, body);
		const facts =
			route.standard === 'new'
				? validateNew(endpointByKey(endpoint), route.model!, body, this.options.modelStatus)
				: undefined;
		const created = facts ? { slots: facts.images ?? 1 } : this.validate(endpoint, checked);
		const slots = created.slots;
		const externalId = facts
			? facts.externalId
			: typeof body.external_task_id === 'string'
				? body.external_task_id
				: undefined;
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
		const prompt = promptOf(body);
		const marker = /\[ms=(\d+)\]/.exec(prompt);
		const base =
			endpointByKey(endpoint).result !== 'video'
				? this.options.imageTaskMs
				: this.options.videoTaskMs;
		const spread = this.options.taskMsSpread * (2 * this.lengths() - 1);
		const factor = facts?.lengthFactor ?? 1;
		const spec = endpointByKey(endpoint);
		const duration = spec.answersWithResult
			? 0
			: marker
				? Number(marker[1])
				: Math.round(base * factor * (1 + spread));
		const task: Task = {
			id: `${now}${String(this.stats.creates).padStart(6, '0')}${Math.floor(this.random() * 1000)}`,
			endpoint,
			facts,
			externalId,
			body,
			createdAt: now,
			processingAt: now + Math.min(this.options.submittedMs, duration / 2),
			finishAt: now + duration,
			fail: prompt.includes('[fail]'),
			slots,
			seconds: created.seconds,
			callbackUrl: facts
				? facts.callbackUrl
				: typeof body.callback_url === 'string'
					? body.callback_url
					: undefined,
			polls: 0,
		};
		this.tasks.set(task.id, task);
		this.stats.creates++;
		const warning = promptWarning(route.standard, endpoint, body);
		if (warning) this.stats.promptWarnings.push({ ...warning, taskId: task.id });
		if (externalId) {
			const before = this.stats.createsByExternalId[externalId] ?? 0;
			this.stats.createsByExternalId[externalId] = before + 1;
			if (before > 0) this.stats.duplicateCreates++;
		}
		this.stats.peakConcurrency = Math.max(this.stats.peakConcurrency, this.runningSlots(now));
		this.scheduleCallbacks(task);
		if (afterCreate && (await afterCreateFault(fault!, entry, res, send, requestId, this.laterFn)))
			return;
		const data = spec.answersWithResult
			? legacyView(task, 'succeed', this.baseUrl)
			: facts
				? {
						[spec.solution?.answersTaskId ? 'task_id' : 'id']: task.id,
						status: 'submitted',
						create_time: task.createdAt,
						update_time: task.createdAt,
						...(externalId ? { external_id: externalId } : {}),
					}
				: {
						task_id: task.id,
						task_status: 'submitted',
						task_info: externalId ? { external_task_id: externalId } : {},
						created_at: task.createdAt,
						updated_at: task.createdAt,
					};
		send(200, { code: 0, message: 'SUCCEED', request_id: requestId, data });
	}

	private lastAccountRead = 0;

	/** The packs as `/account/costs` shows them; Kling asks for at most one such read a second. */
	private accountRead(params: URLSearchParams): Record<string, unknown> {
		const now = Date.now();
		if (now - this.lastAccountRead < 1000) throw new KlingError(429, 1302, 'too many requests');
		this.lastAccountRead = now;
		const spent = { video: 0, image: 0 };
		for (const task of this.tasks.values()) {
			if (this.statusOf(task, now) !== 'succeed') continue;
			const { pack, units } = unitsOf(task);
			spent[pack] += units;
		}
		return accountCosts(params, this.options.resourcePacks, spent, now);
	}

	/** A relay forwards the scene field only in its own spelling. */
	/** A relay's own fields checked; returns the body as Kling's rules then see it. */
	private checkRelayFields(
		endpoint: Endpoint,
		body: Record<string, unknown>,
	): Record<string, unknown> {
		const field = this.options.relay?.sceneImageField;
		const other = field === 'scene_image' ? 'scence_image' : 'scene_image';
		if (field && endpoint === 'multiImage2image' && body[other] !== undefined)
			throw new KlingError(400, 1201, `${other} is not a parameter of this API; use ${field}`);
		const input = body.input as Record<string, unknown> | undefined;
		if (!this.options.relay?.parentTaskId || endpoint !== 'lipSyncOneShot' || !input?.video_id)
			return body;
		const id = String(input.video_id);
		const parent = SAMPLE_RESULTS[id]?.task ?? id.replace(/^video-/, '');
		if (input.task_id !== parent)
			throw new KlingError(400, 1201, 'input.task_id must be the task that made the video');
		const { task_id: _, ...rest } = input;
		return { ...body, input: rest };
	}

	/** Kling's documented request rules; returns the concurrency slots the task needs. */
	/**
	 * Results by the IDs Kling gave them: `video-<task>` and `audio-<task>` of finished tasks, and
	 * the account's history every emulator has (SAMPLE_RESULTS).
	 */
	private readonly known: Known = {
		session: (id) => {
			const session = this.sessions.get(id);
			return session && Date.now() - session.openedAt < 24 * 3_600_000 ? session : undefined;
		},
		result: (kind, id) => {
			if (SAMPLE_RESULTS[id]?.kind === kind) return SAMPLE_RESULTS[id];
			const task = this.tasks.get(id.replace(/^(video|audio)-/, ''));
			if (!id.startsWith(`${kind}-`) || !task || this.statusOf(task) !== 'succeed')
				return undefined;
			const result = legacyView(task, 'succeed', this.baseUrl).task_result as Record<
				string,
				Array<{ duration?: string; duration_mp3?: string }> | undefined
			>;
			const found = result[`${kind}s`]?.[0];
			const model = String(task.facts?.model ?? task.body.model_name ?? '');
			return found ? { seconds: Number(found.duration ?? found.duration_mp3), model } : undefined;
		},
	};

	validate(endpoint: Endpoint, body: Record<string, unknown>): Created {
		return validate(endpointByKey(endpoint), body, this.options.modelStatus, this.known);
	}

	/** The request body of a task as the emulator received it (the latest task when no id is given). */
	taskBody(id?: string): Record<string, unknown> | undefined {
		const task = id ? this.tasks.get(id) : [...this.tasks.values()].pop();
		return task?.body;
	}

	/** The callback URL a task was created with, whichever standard's body carried it. */
	callbackUrl(id?: string): string | undefined {
		const task = id ? this.tasks.get(id) : [...this.tasks.values()].pop();
		return task?.callbackUrl;
	}

	/** What a callback for the task would carry right now. */
	callbackBody(id: string): Record<string, unknown> | undefined {
		const task = this.tasks.get(id);
		return task ? (this.taskView(task) as Record<string, unknown>) : undefined;
	}

	private readonly sessions = new Map<string, Session & { openedAt: number }>();

	/** A new face-identification session, valid 24 hours. */
	private openSession(session: Session): string {
		const id = `session-${randomUUID()}`;
		this.sessions.set(id, { ...session, openedAt: Date.now() });
		return id;
	}

	private findTask(endpoint: Endpoint, id: string): Task | undefined {
		const direct = this.tasks.get(id);
		if (direct && direct.endpoint === endpoint) return direct;
		if (endpointByKey(endpoint).readsByExternalId === false) return undefined;
		for (const t of this.tasks.values())
			if (t.endpoint === endpoint && t.externalId === id) return t;
		return undefined;
	}

	/** The task as Kling shows it: new-standard tasks in their own shape, legacy ones in theirs. */
	taskView(task: Task, now = Date.now()): Record<string, unknown> {
		const status = this.statusOf(task, now);
		return task.facts
			? newView(task, status, this.baseUrl)
			: legacyView(task, status, this.baseUrl);
	}

	/**
	 * `GET /tasks?task_ids=` / `?external_task_ids=` (≤ 20, unknown ones left out) and the cursor
	 * list `POST /tasks` (docs/reference/kling-api.md#task-reads). Legacy-created tasks show too, normalised [L].
	 */
	private tasksRead(
		method: string,
		params: URLSearchParams,
		raw: string,
		requestId: string,
		send: (status: number, body: unknown) => void,
		solutions = false,
	): void {
		this.stats.tasksReads++;
		this.stats.queries++;
		const ok = (data: unknown) =>
			send(200, { code: 0, message: 'SUCCEED', request_id: requestId, data });
		if (method === 'POST') return ok(this.cursorList(raw, solutions));
		const ids = params.get('task_ids');
		const externals = params.get('external_task_ids');
		if ((ids === null) === (externals === null))
			throw new KlingError(400, 1201, 'give either task_ids or external_task_ids');
		const wanted = (ids ?? externals)!.split(',').filter(Boolean);
		if (wanted.length > 20)
			throw new KlingError(400, 1201, 'task_ids or external_task_ids cannot exceed 20 in total');
		const visible = this.readable(solutions);
		const found = wanted
			.map((id) => visible.find((t) => (ids !== null ? t.id : t.externalId) === id))
			.filter((t): t is Task => t !== undefined);
		for (const t of found) this.stats.pollsByTask[t.id] = ++t.polls;
		return ok(found.map((t) => this.normalisedView(t)));
	}

	private normalisedView(task: Task): Record<string, unknown> {
		if (task.facts) return this.taskView(task);
		const legacy = legacyView(task, this.statusOf(task), this.baseUrl);
		const result = legacy.task_result as { videos?: unknown[]; images?: unknown[] };
		return {
			id: task.id,
			status: legacy.task_status === 'succeed' ? 'succeeded' : legacy.task_status,
			message: legacy.task_status_msg,
			create_time: legacy.created_at,
			update_time: legacy.updated_at,
			...(task.externalId ? { external_id: task.externalId } : {}),
			outputs: [
				...(result.videos ?? []).map((v) => ({ type: 'video', ...(v as object) })),
				...(result.images ?? []).map((i) => ({
					type: 'image',
					...(i as object),
					index: undefined,
				})),
			],
			billing: [],
		};
	}

	/**
	 * The tasks `/tasks` shows (new-standard ones; legacy ones where a test says so [L]), or the
	 * solutions that `/solutions` shows: whether `/tasks` shows those too is not known [?], so not.
	 */
	private readable(solutions: boolean): Task[] {
		return [...this.tasks.values()].filter((t) =>
			endpointByKey(t.endpoint).solution
				? solutions
				: !solutions && (t.facts !== undefined || this.options.legacyTasksOnTasks),
		);
	}

	private cursorList(raw: string, solutions: boolean): Record<string, unknown> {
		const now = Date.now();
		const visible = this.readable(solutions);
		const listed = visible.reverse().map((task) => {
			const status = this.statusOf(task, now);
			const result = endpointByKey(task.endpoint).result;
			return {
				task,
				createdAt: task.createdAt,
				status: status === 'succeed' ? ('succeeded' as const) : status,
				productType: result === 'video' || result === 'image' ? result : undefined,
			};
		});
		return cursorPage(raw, listed, (t) => this.normalisedView(t.task), now);
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
		// Text to speech documents no query: its create's answer is the result.
		if (endpointByKey(endpoint).answersWithResult)
			throw new KlingError(404, 1202, 'requested method is invalid');
		const presets = endpointByKey(endpoint).presets;
		if (presets) return ok(presets);
		if (endpoint === 'elementPresets')
			return ok(
				this.options.bareElementPresets
					? PRESET_ELEMENTS.map((p) => p.task_result.elements[0])
					: PRESET_ELEMENTS,
			);
		const relay = this.options.relay;
		if (relay && !id && !relay.taskList)
			throw new KlingError(404, 1202, 'requested method is invalid');
		if (id) {
			const direct = this.tasks.get(id);
			const task =
				relay && !relay.externalIdLookup
					? direct?.endpoint === endpoint
						? direct
						: undefined
					: this.findTask(endpoint, id);
			if (!task) return send(404, { code: 1203, message: 'task not found', request_id: requestId });
			task.polls++;
			this.stats.pollsByTask[task.id] = task.polls;
			return ok(this.taskView(task));
		}
		// A relay without the lookup ignores the filter and answers its whole list.
		const byExternalId =
			!(relay && !relay.externalIdLookup) && endpointByKey(endpoint).readsByExternalId !== false;
		const ext = byExternalId ? params.get('external_task_id') : null;
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
		const m =
			/^\/media\/([^/]+)\/(video(?:-wm)?\.mp4|image-(\d+)(?:-wm)?\.png|audio\.(mp3|wav))$/.exec(
				path,
			);
		const task = m ? this.tasks.get(m[1]) : undefined;
		if (!m || !task || this.statusOf(task) !== 'succeed')
			return send(404, { code: 1203, message: 'not found' });
		const fault = this.pickFault('download');
		if (fault && (await applyTransportFault(fault, entry, res, send, this.laterFn))) return;
		this.stats.downloads++;
		if (m[4]) return this.sendAudio(res, entry, m[4], task);
		const size = this.options.videoBytes;
		if (m[3] === undefined && size) return streamVideo(res, entry, size);
		const bytes = m[3] !== undefined ? makePng(512, 512, Number(m[3]) + 1) : sampleMp4();
		entry.status = 200;
		res.writeHead(200, {
			'content-type': m[3] !== undefined ? 'image/png' : 'video/mp4',
			'content-length': String(bytes.length),
		});
		res.end(bytes);
	}

	/** A result sound, as long as the task says it is. */
	private sendAudio(res: http.ServerResponse, entry: RequestLogEntry, format: string, task: Task) {
		const view = legacyView(task, 'succeed', this.baseUrl);
		const audios = (view.task_result as { audios?: Array<Record<string, string>> }).audios;
		const seconds = Number(audios?.[0]?.duration_mp3 ?? audios?.[0]?.duration ?? 5);
		const bytes = format === 'wav' ? makeWav(seconds) : makeMp3(seconds);
		entry.status = 200;
		res.writeHead(200, {
			'content-type': format === 'wav' ? 'audio/wav' : 'audio/mpeg',
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
		// A clip for the examples' reference videos (Kling downloads it; a user can open it).
		if (/^\/samples\/[\w-]+\.mp4$/.test(path)) {
			const clip = sampleMp4();
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(clip.length) });
			return void res.end(clip);
		}
		// Voices for lip-sync and avatars: <name>-<seconds>s.mp3 or .wav, silent, of that length.
		const voice = /^\/samples\/[\w-]+?-(\d+)s\.(mp3|wav)$/.exec(path);
		if (voice) {
			const bytes = voice[2] === 'wav' ? makeWav(Number(voice[1])) : makeMp3(Number(voice[1]));
			const type = voice[2] === 'wav' ? 'audio/wav' : 'audio/mpeg';
			res.writeHead(200, { 'content-type': type, 'content-length': String(bytes.length) });
			return void res.end(bytes);
		}
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
		// A timer may fire a millisecond before its time by Date.now(); the status is read at the
		// time the callback is for, or a final callback could go out as "processing" and be skipped.
		for (const at of [task.createdAt, task.processingAt, task.finishAt]) {
			this.later(at - task.createdAt, () => void this.sendCallback(task, at));
		}
	}

	/** Signs a body the way Standard Webhooks (and Kling's signed callbacks) do. */
	static sign(secret: string, id: string, timestamp: number, body: string): string {
		const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
		return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
	}

	private async sendCallback(task: Task, at: number): Promise<void> {
		const when = Math.max(Date.now(), at);
		const status = this.statusOf(task, when);
		if (task.lastNotified === status || !task.callbackUrl) return;
		task.lastNotified = status;
		const fault = this.pickFault('callback', status === 'succeed' || status === 'failed');
		if (fault?.kind === 'callback-drop') return;
		const deliver = async () => {
			const body = JSON.stringify(this.taskView(task, when));
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

/** The official API also answers under the relays' `/kling` prefix, for tests of relay credentials. */
function unprefixed(path: string): string {
	return path.startsWith('/kling/') ? path.slice('/kling'.length) : path;
}

/** The prompt of either body shape: legacy `prompt`, or the new standard's prompt item. */
function promptOf(body: Record<string, unknown>): string {
	if (typeof body.prompt === 'string') return body.prompt;
	const contents = Array.isArray(body.contents)
		? (body.contents as Array<Record<string, unknown>>)
		: [];
	return String(contents.find((c) => c.type === 'prompt')?.text ?? '');
}

/**
 * A create's body. Legacy `element_list[].element_id` is a long (docs/reference/kling-api.md#elements-and-voices): it must
 * arrive as a JSON integer, and is kept digit for digit (as a string), since IDs exceed 2^53.
 */
function parseCreateBody(standard: 'new' | 'legacy', raw: string): Record<string, unknown> {
	if (standard === 'legacy' && /"element_id"\s*:\s*"/.test(raw))
		throw new KlingError(400, 1201, 'element_list element_id must be an integer');
	const text = standard === 'legacy' ? raw.replace(/("element_id"\s*:\s*)(\d+)/g, '$1"$2"') : raw;
	try {
		return JSON.parse(text || '{}') as Record<string, unknown>;
	} catch {
		throw new KlingError(400, 1200, 'invalid request parameters: body is not JSON');
	}
}
