import type { IDataObject } from 'n8n-workflow';

import type { KlingProtocol } from './protocol';
import { endpointPath, modelPath } from './providers';
import type { TaskRoute } from './routing';
import { normalizeTask, type KlingTask } from './task';
import { createSafety, type CreateResult, type KlingTransport } from './transport';

/** `GET /tasks` takes at most 20 ids per call (21 → 400 / 1201, [L] aself101). */
export const TASKS_PER_READ = 20;

/** The most a cursor-list page holds (docs/reference/kling-api.md#task-reads). */
const LIST_LIMIT = 500;

const tasksOf = (data: unknown): KlingTask[] =>
	(Array.isArray(data) ? data : [])
		.map((d) => normalizeTask(d))
		.filter((t): t is KlingTask => t !== undefined);

/**
 * Kling's new API standard (docs/reference/kling-api.md#new-standard): `POST /{product}/{model}` with
 * `contents`/`settings`/`options`, and every read through `GET /tasks`, which answers up to 20
 * tasks at once and simply leaves unknown ids out. It takes an API key only.
 */
export class NewStandardProtocol implements Omit<KlingProtocol, 'tryCreate'> {
	constructor(private readonly http: KlingTransport) {}

	private async tasks(
		route: TaskRoute,
		by: 'taskId' | 'externalId',
		ids: string[],
		itemIndex?: number,
	): Promise<KlingTask[]> {
		const key = by === 'taskId' ? 'task_ids' : 'external_task_ids';
		const found: KlingTask[] = [];
		// A solution's tasks are read where its family keeps them (`/solutions`).
		const reads = route.new?.solution?.reads ?? '/tasks';
		for (let i = 0; i < ids.length; i += TASKS_PER_READ) {
			const chunk = ids.slice(i, i + TASKS_PER_READ).join(',');
			const path = `${this.http.provider.profile.pathPrefix}${reads}`;
			const data = await this.http.read({ method: 'GET', path, qs: { [key]: chunk } }, itemIndex);
			found.push(...tasksOf(data));
		}
		return found;
	}

	async findTask(
		route: TaskRoute,
		taskId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined> {
		const tasks = await this.tasks(route, 'taskId', [taskId], itemIndex);
		return tasks.find((t) => t.taskId === taskId);
	}

	async getTask(route: TaskRoute, taskId: string, itemIndex?: number): Promise<KlingTask> {
		const task = await this.findTask(route, taskId, itemIndex);
		if (!task) throw this.http.notFound(`task ID "${taskId}"`, itemIndex);
		return task;
	}

	async findByExternalId(
		route: TaskRoute,
		externalId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined> {
		const tasks = await this.tasks(route, 'externalId', [externalId], itemIndex);
		return tasks.find((t) => t.externalTaskId === externalId);
	}

	/** One read per 20 tasks; undefined only when the reads fail, so callers fall back to one by one. */
	async readMany(
		route: TaskRoute,
		ids: string[],
		by: 'taskId' | 'externalId',
	): Promise<KlingTask[] | undefined> {
		try {
			return await this.tasks(route, by, ids);
		} catch {
			return undefined;
		}
	}

	/**
	 * The account's tasks created since `sinceMs` in the statuses asked for, every page of the
	 * cursor list `POST /tasks` (it spans both standards' tasks [L], whatever made them), or of a
	 * solution family's own (`POST /solutions`).
	 */
	async listSince(route: TaskRoute, sinceMs: number, statuses: string[]): Promise<KlingTask[]> {
		const reads = route.new?.solution?.reads ?? '/tasks';
		const path = `${this.http.provider.profile.pathPrefix}${reads}`;
		const first: IDataObject = {
			start_time: sinceMs,
			limit: LIST_LIMIT,
			filters: [{ key: 'status', values: statuses }],
		};
		const found: KlingTask[] = [];
		let body = first;
		for (;;) {
			const data = (await this.http.read({ method: 'POST', path, body })) as IDataObject;
			found.push(...tasksOf(data?.result));
			const cursor = typeof data?.next_cursor === 'string' ? data.next_cursor : '';
			if (data?.has_more !== true || !cursor) return found;
			body = { cursor, limit: LIST_LIMIT };
		}
	}

	async create(route: TaskRoute, body: IDataObject, itemIndex?: number): Promise<CreateResult> {
		const externalId = String((body.options as IDataObject | undefined)?.external_task_id ?? '');
		const { profile } = this.http.provider;
		const find = async () => await this.findByExternalId(route, externalId, itemIndex);
		const endpoint = route.new!;
		// A solution's path names the product alone.
		const path = endpoint.solution
			? endpointPath(profile, endpoint)
			: modelPath(profile, endpoint, route.model);
		return await this.http.createOnce(
			{ method: 'POST', path, body },
			createSafety(route, profile, externalId, find),
			itemIndex,
		);
	}
}
