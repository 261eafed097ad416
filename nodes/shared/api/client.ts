import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { endpointPath, type KlingCredentials } from './providers';
import { LegacyProtocol } from './legacy';
import { liveModelList } from '../models/catalogue';
import {
	findableByExternalId,
	safetyOf,
	type Endpoint,
	type ProductFacts,
} from '../models/product';
import { NewStandardProtocol } from './newStandard';
import type { CreateOutcome, KlingProtocol } from './protocol';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { createdTaskId, rememberCreated } from './createdTasks';
import type { TaskRoute } from './routing';
import { normalizeTask, type KlingTask } from './task';
import { CREDENTIAL_TYPE, KlingTransport, type KlingContext } from './transport';

export { CREDENTIAL_TYPE, type KlingContext };

/** A list page's size: Kling allows 500 (docs/reference/kling-api.md#elements-and-voices). */
const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

/**
 * The one way this package talks to Kling: the shared transport, and each call handed to the
 * API standard its route names.
 */
export class KlingClient extends KlingTransport implements KlingProtocol {
	private readonly standards: { legacy: LegacyProtocol; new: NewStandardProtocol };

	/**
	 * Names the account (base URL and key, hashed, so no key is kept): the memory of creates and
	 * the concurrency boards are per account.
	 */
	readonly account: string;

	private constructor(ctx: KlingContext, credentials: KlingCredentials, retry: RetryPolicy) {
		super(ctx, credentials, retry);
		const key = `${this.provider.baseUrl}|${credentials.apiKey || credentials.accessKey || ''}`;
		this.account = createHash('sha256').update(key).digest('hex');
		this.standards = { legacy: new LegacyProtocol(this), new: new NewStandardProtocol(this) };
	}

	static async connect(ctx: KlingContext, retry: Partial<RetryPolicy> = {}): Promise<KlingClient> {
		const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as unknown as KlingCredentials;
		return new KlingClient(ctx, credentials, { ...DEFAULT_RETRY, ...retry });
	}

	/**
	 * `key` names the task in this process's memory of creates: its external task ID, or, for a
	 * product whose create takes none, the one the package would have given it.
	 */
	async tryCreate(
		route: TaskRoute,
		body: IDataObject,
		itemIndex?: number,
		key?: string,
	): Promise<CreateOutcome> {
		const options = body.options as IDataObject | undefined;
		const externalId = key ?? String(body.external_task_id ?? options?.external_task_id ?? '');
		// A retry of the node in this process (Retry On Fail): the task exists; never create it twice.
		const earlier = createdTaskId(this.account, externalId);
		const found = earlier ? await this.findTask(route, earlier, itemIndex) : undefined;
		if (found) return { status: 'created', task: found, recovered: true };
		const result = await this.standards[route.standard].create(route, body, itemIndex);
		if (result.status === 'created')
			rememberCreated(result.task.taskId, route.product.id, { account: this.account, externalId });
		if (result.status !== 'failed') return result;
		const failure = { ...result.failure };
		const refused = failure.klingCode === 1201 || failure.klingCode === 1203;
		if (refused && route.product.refusal) failure.hint = route.product.refusal;
		else if (failure.klingCode === 1203) {
			const { label, id } = route.product;
			failure.hint = `${route.model} is not served here. Live models for ${label}: ${liveModelList(id)}.`;
		}
		throw this.error(failure, itemIndex);
	}

	/** A synchronous call (face identification) on the product's endpoint: its answer's `data`. */
	async call(endpoint: Endpoint, body: IDataObject, itemIndex?: number): Promise<IDataObject> {
		const path = endpointPath(this.provider.profile, endpoint);
		const answer = await this.callOnce({ method: 'POST', path, body }, itemIndex);
		return (answer ?? {}) as IDataObject;
	}

	async getTask(route: TaskRoute, taskId: string, itemIndex?: number): Promise<KlingTask> {
		return await this.standards[route.standard].getTask(route, taskId, itemIndex);
	}

	async findTask(
		route: TaskRoute,
		taskId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined> {
		return await this.standards[route.standard].findTask(route, taskId, itemIndex);
	}

	async findByExternalId(
		route: TaskRoute,
		externalId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined> {
		return await this.standards[route.standard].findByExternalId(route, externalId, itemIndex);
	}

	/**
	 * Whether a task on this route can be found by its external task ID: never for a product
	 * found by task ID only; always through the new standard's /tasks; on the legacy one where the
	 * provider offers it.
	 */
	canFindByExternalId(route: TaskRoute): boolean {
		if (!findableByExternalId(safetyOf(route))) return false;
		return route.standard === 'new' || this.provider.profile.externalIdLookup.length > 0;
	}

	async readMany(
		route: TaskRoute,
		ids: string[],
		by: 'taskId' | 'externalId',
		recent?: number,
	): Promise<KlingTask[] | undefined> {
		return await this.standards[route.standard].readMany(route, ids, by, recent);
	}

	/**
	 * The account's tasks created since `sinceMs`: on the new standard every task in the statuses
	 * asked for, on the legacy one the tasks of the route's endpoint (filtered by the caller).
	 */
	async listSince(route: TaskRoute, sinceMs: number, statuses: string[]): Promise<KlingTask[]> {
		return route.standard === 'new'
			? await this.standards.new.listSince(route, sinceMs, statuses)
			: await this.standards.legacy.listSince(route, sinceMs);
	}

	/**
	 * The account's resource packs bought between the two times (ms): `GET /account/costs`, free,
	 * outside `/v1` and only on Kling itself (docs/reference/kling-api.md#account); Kling asks for one read a second.
	 */
	async resourcePacks(startMs: number, endMs: number, itemIndex?: number): Promise<IDataObject[]> {
		const data = (await this.read(
			{ method: 'GET', path: '/account/costs', qs: { start_time: startMs, end_time: endMs } },
			itemIndex,
		)) as IDataObject | undefined;
		const packs = data?.resource_pack_subscribe_infos;
		return Array.isArray(packs) ? (packs as IDataObject[]) : [];
	}

	/**
	 * A list endpoint's entries (elements, voices; legacy-shaped in both standards), page after
	 * page until `limit` or the last page. Entries may be tasks or, for presets, bare objects [?]:
	 * `pick` reads either.
	 */
	async listAll<T>(
		product: ProductFacts,
		list: Endpoint,
		limit: number,
		pick: (task: KlingTask | undefined, entry: unknown) => T[],
		itemIndex?: number,
	): Promise<T[]> {
		const route: TaskRoute = { product, standard: 'legacy', legacy: list, model: '' };
		const found: T[] = [];
		for (let page = 1; page <= MAX_PAGES && found.length < limit; page++) {
			const entries = await this.standards.legacy.listPage(route, page, PAGE_SIZE, itemIndex);
			found.push(...entries.flatMap((entry) => pick(normalizeTask(entry), entry)));
			if (entries.length < PAGE_SIZE) break;
		}
		return found.slice(0, limit);
	}
}
