import type { IDataObject } from 'n8n-workflow';

import type { RequestSpec } from './exchange';
import type { KlingProtocol } from './protocol';
import { endpointPath, taskPath } from './providers';
import { looksLikeMissing } from './retry';
import type { TaskRoute } from './routing';
import { normalizeTask, type KlingTask } from './task';
import { createSafety, type CreateResult, type KlingTransport } from './transport';

/** The list's bounds: `pageNum` in [1, 1000], `pageSize` in [1, 500] (docs/reference/kling-api.md#legacy-reads). */
const MAX_PAGE = 1000;
const MAX_PAGE_SIZE = 500;

/** The page read to find a task after an uncertain create: the newest 100 of its endpoint. */
const RECOVERY_PAGE = { pageNum: 1, pageSize: 100 };
/** How far Kling's clock may be behind ours when a page is judged to reach back past a create. */
const CLOCK_SKEW_MS = 5 * 60_000;

const tasksOf = (data: unknown): KlingTask[] =>
	(Array.isArray(data) ? data : [data])
		.map((d) => normalizeTask(d))
		.filter((t): t is KlingTask => t !== undefined);

/**
 * Kling's legacy `/v1` standard, which relays mirror: `POST /v1/<product>` with `model_name` in a
 * flat body, one task per read at `/v1/<product>/{task_id or external_task_id}`, and a page list.
 */
export class LegacyProtocol implements Omit<KlingProtocol, 'tryCreate'> {
	constructor(private readonly http: KlingTransport) {}

	private get profile() {
		return this.http.provider.profile;
	}

	async getTask(route: TaskRoute, taskId: string, itemIndex?: number): Promise<KlingTask> {
		const data = await this.http.read(
			{ method: 'GET', path: taskPath(this.profile, route.legacy, taskId) },
			itemIndex,
		);
		const task = tasksOf(data)[0];
		if (!task) throw this.http.error({ kind: 'malformed' }, itemIndex);
		return task;
	}

	async findTask(
		route: TaskRoute,
		taskId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined> {
		const result = await this.http.readOrFailure(
			{ method: 'GET', path: taskPath(this.profile, route.legacy, taskId) },
			itemIndex,
		);
		if (!result.ok) {
			if (looksLikeMissing(result.failure)) return undefined;
			throw this.http.error(result.failure, itemIndex);
		}
		const task = tasksOf(result.data)[0];
		return task && task.taskId === taskId ? task : undefined;
	}

	/**
	 * The newest page of an endpoint's tasks, filtered to the ones asked for; undefined when the
	 * provider has no list (some relays) or answers it with an error: callers then read one by one.
	 */
	async readMany(
		route: TaskRoute,
		ids: string[],
		by: 'taskId' | 'externalId',
		recent = ids.length,
	): Promise<KlingTask[] | undefined> {
		if (!this.profile.taskList) return undefined;
		// Newest first: tasks submitted after these come before them on the page.
		const pageSize = Math.min(500, Math.max(ids.length, recent) + 20);
		const result = await this.http.readOrFailure({
			method: 'GET',
			path: endpointPath(this.profile, route.legacy),
			qs: { pageNum: 1, pageSize },
		});
		if (!result.ok || !Array.isArray(result.data)) return undefined;
		const wanted = new Set(ids);
		return tasksOf(result.data).filter((t) =>
			wanted.has((by === 'taskId' ? t.taskId : t.externalTaskId) ?? ''),
		);
	}

	/**
	 * A provider that lists tasks but cannot look one up by external task ID (a relay with its list
	 * turned on in Relay Settings): the task on the newest page. "Not there" is only an answer when
	 * the page reaches back past the create (or holds the whole list); otherwise, or when the list
	 * cannot be read, the outcome stays unknown, so the create is not sent again.
	 */
	private async findOnList(
		route: TaskRoute,
		externalId: string,
		sentAt: number,
	): Promise<KlingTask | undefined | 'unknown'> {
		const result = await this.http.readOrFailure({
			method: 'GET',
			path: endpointPath(this.profile, route.legacy),
			qs: RECOVERY_PAGE,
		});
		if (!result.ok || !Array.isArray(result.data)) return 'unknown';
		const page = tasksOf(result.data);
		const found = page.find((t) => t.externalTaskId === externalId);
		if (found) return found;
		const reachesBack = page.some((t) => (t.createdAt ?? Infinity) < sentAt - CLOCK_SKEW_MS);
		return result.data.length < RECOVERY_PAGE.pageSize || reachesBack ? undefined : 'unknown';
	}

	/** One page of an endpoint's list as Kling sends it, newest first (element lists: docs/reference/kling-api.md#elements-and-voices). */
	async listPage(
		route: TaskRoute,
		pageNum: number,
		pageSize: number,
		itemIndex?: number,
	): Promise<unknown[]> {
		const data = await this.http.read(
			{ method: 'GET', path: endpointPath(this.profile, route.legacy), qs: { pageNum, pageSize } },
			itemIndex,
		);
		return Array.isArray(data) ? data : [];
	}

	/**
	 * The endpoint's tasks created since `sinceMs`: its list is newest first, so pages are read
	 * until one reaches an older task or the list ends.
	 */
	async listSince(route: TaskRoute, sinceMs: number): Promise<KlingTask[]> {
		const found: KlingTask[] = [];
		for (let pageNum = 1; pageNum <= MAX_PAGE; pageNum++) {
			const entries = await this.listPage(route, pageNum, MAX_PAGE_SIZE);
			const page = tasksOf(entries);
			const recent = page.filter((t) => (t.createdAt ?? Infinity) >= sinceMs);
			found.push(...recent);
			if (entries.length < MAX_PAGE_SIZE || recent.length < page.length) return found;
		}
		return found;
	}

	/** Looks a task up by external_task_id in every form the provider may support. */
	async findByExternalId(
		route: TaskRoute,
		externalId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined> {
		for (const form of this.profile.externalIdLookup) {
			const spec: RequestSpec =
				form === 'path'
					? { method: 'GET', path: taskPath(this.profile, route.legacy, externalId) }
					: {
							method: 'GET',
							path: endpointPath(this.profile, route.legacy),
							qs: { external_task_id: externalId },
						};
			const result = await this.http.readOrFailure(spec, itemIndex);
			if (!result.ok) {
				if (looksLikeMissing(result.failure)) continue;
				throw this.http.error(result.failure, itemIndex);
			}
			const candidates = tasksOf(result.data);
			const match = candidates.find((t) => t.externalTaskId === externalId);
			if (match) return match;
			// The path form names one task; relays that drop task_info still answer with it.
			if (form === 'path' && candidates.length === 1 && candidates[0].externalTaskId === null) {
				return candidates[0];
			}
		}
		return undefined;
	}

	async create(route: TaskRoute, body: IDataObject, itemIndex?: number): Promise<CreateResult> {
		const externalId = String(body.external_task_id ?? '');
		// Element IDs exceed 2^53: the body is written by hand so they arrive as the integers they are.
		const json = body.element_list === undefined ? body : jsonWithLongIds(body);
		const sentAt = Date.now();
		const find = this.profile.externalIdLookup.length
			? async () => await this.findByExternalId(route, externalId, itemIndex)
			: this.profile.taskList && externalId
				? async () => await this.findOnList(route, externalId, sentAt)
				: undefined;
		return await this.http.createOnce(
			{ method: 'POST', path: endpointPath(this.profile, route.legacy), body: json },
			createSafety(route, this.profile, externalId, find),
			itemIndex,
		);
	}
}

const MARK = '\u0000';

/** JSON text of a legacy body with every element_id written as the integer it is. */
function jsonWithLongIds(body: IDataObject): string {
	const text = JSON.stringify(body, (key, value: unknown) =>
		key === 'element_id' && typeof value === 'string' && /^\d+$/.test(value)
			? `${MARK}${value}${MARK}`
			: value,
	);
	return text.replace(/"\\u0000(\d+)\\u0000"/g, '$1');
}
