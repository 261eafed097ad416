import type {
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { klingApiError, redact, type KlingFailure } from './errors';
import {
	endpointPath,
	resolveProvider,
	taskPath,
	type KlingCredentials,
	type KlingEndpoint,
	type ResolvedProvider,
} from './providers';
import { interpret, type Attempt, type RequestSpec } from './exchange';
import type { CreateOutcome, KlingProtocol } from './protocol';
import {
	DEFAULT_RETRY,
	isRetryable,
	looksLikeMissing,
	outcomeUnknown,
	rejectedBeforeAcceptance,
	type RetryPolicy,
} from './retry';
import { normalizeTask, type KlingTask } from './task';

export const CREDENTIAL_TYPE = 'klingApi';

export type KlingContext = IExecuteFunctions | IWebhookFunctions;

/**
 * The one way this package talks to Kling. Reads are retried with backoff; a create is only resent
 * when Kling certainly did not create the task, or a lookup by external_task_id shows it does not
 * exist, so a fault never makes the user pay twice.
 */
export class KlingClient implements KlingProtocol {
	readonly provider: ResolvedProvider;

	private readonly secrets: string[];

	private constructor(
		private readonly ctx: KlingContext,
		credentials: KlingCredentials,
		readonly retry: RetryPolicy,
	) {
		this.provider = resolveProvider(credentials);
		this.secrets = [
			credentials.apiKey,
			credentials.accessKey,
			credentials.secretKey,
			credentials.webhookSecret,
		].filter((s): s is string => typeof s === 'string' && s.length > 0);
	}

	static async connect(ctx: KlingContext, retry: Partial<RetryPolicy> = {}): Promise<KlingClient> {
		const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as unknown as KlingCredentials;
		return new KlingClient(ctx, credentials, { ...DEFAULT_RETRY, ...retry });
	}

	get secretValues(): readonly string[] {
		return this.secrets;
	}

	redact(text: string): string {
		return redact(text, this.secrets);
	}

	error(failure: KlingFailure, itemIndex?: number): NodeApiError {
		return klingApiError(this.ctx.getNode(), failure, this.provider.name, this.secrets, itemIndex);
	}

	cancelSignal(): AbortSignal | undefined {
		const ctx = this.ctx as Partial<IExecuteFunctions>;
		return ctx.getExecutionCancelSignal?.();
	}

	isCancelled(): boolean {
		return this.cancelSignal()?.aborted === true;
	}

	cancelledError(itemIndex?: number): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), 'The execution was cancelled', { itemIndex });
	}

	/** Sleeps in short steps so a cancelled execution stops waiting at once. */
	async pause(ms: number, itemIndex?: number): Promise<void> {
		const deadline = Date.now() + ms;
		for (;;) {
			if (this.isCancelled()) throw this.cancelledError(itemIndex);
			const left = deadline - Date.now();
			if (left <= 0) return;
			await sleep(Math.min(left, 250));
		}
	}

	/** A line in n8n's log, so an operator can see why a run is slow (retries, lookups). */
	private note(level: 'debug' | 'info', message: string, failure?: KlingFailure): void {
		const facts = failure
			? [
					failure.kind,
					failure.httpCode && `HTTP ${failure.httpCode}`,
					failure.klingCode && `Kling ${failure.klingCode}`,
					failure.requestId && `request id ${failure.requestId}`,
				].filter(Boolean)
			: [];
		const reason = facts.length ? ` (${facts.join(', ')})` : '';
		this.ctx.logger?.[level](this.redact(`Kling ${this.provider.name}: ${message}${reason}`), {
			node: this.ctx.getNode().name,
		});
	}

	backoffMs(attempt: number, failure?: KlingFailure): number {
		if (failure?.retryAfterSeconds !== undefined) {
			return Math.min(this.retry.maxDelayMs, Math.max(failure.retryAfterSeconds * 1000, 50));
		}
		const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
		return Math.round(exp * (0.5 + Math.random() * 0.5));
	}

	/** One HTTP exchange. Never throws: every outcome becomes data for the retry rules. */
	async attempt(spec: RequestSpec): Promise<Attempt> {
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				CREDENTIAL_TYPE,
				{
					method: spec.method,
					url: this.provider.baseUrl + spec.path,
					body: spec.body,
					qs: spec.qs,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: this.retry.timeoutMs,
				},
			)) as IN8nHttpFullResponse;
		} catch (error) {
			if (this.isCancelled()) return { ok: false, failure: { kind: 'cancelled' } };
			const text = String((error as Error)?.message ?? error);
			const code = String((error as { code?: string })?.code ?? '');
			const timedOut = /timeout|ETIMEDOUT|ECONNABORTED/i.test(`${code} ${text}`);
			return {
				ok: false,
				failure: {
					kind: timedOut ? 'timeout' : 'network',
					detail: this.redact(text).slice(0, 200),
				},
			};
		}
		return interpret(response);
	}

	/** An idempotent call, retried on rate limits, 5xx, gateway pages and network faults. */
	async read(spec: RequestSpec, itemIndex?: number): Promise<unknown> {
		const result = await this.readOrFailure(spec, itemIndex);
		if (!result.ok) throw this.error(result.failure, itemIndex);
		return result.data;
	}

	private async readOrFailure(spec: RequestSpec, itemIndex?: number): Promise<Attempt> {
		let last: Attempt = { ok: false, failure: { kind: 'network' } };
		for (let attempt = 1; attempt <= this.retry.readAttempts; attempt++) {
			last = await this.attempt(spec);
			if (last.ok) return last;
			if (last.failure.kind === 'cancelled') throw this.cancelledError(itemIndex);
			if (!isRetryable(last.failure) || attempt === this.retry.readAttempts) return last;
			const delay = this.backoffMs(attempt, last.failure);
			this.note(
				'debug',
				`${spec.method} ${spec.path} retried in ${delay} ms, attempt ${attempt + 1} of ${this.retry.readAttempts}`,
				last.failure,
			);
			await this.pause(delay, itemIndex);
		}
		return last;
	}

	async getTask(endpoint: KlingEndpoint, taskId: string, itemIndex?: number): Promise<KlingTask> {
		const data = await this.read(
			{ method: 'GET', path: taskPath(this.provider.profile, endpoint, taskId) },
			itemIndex,
		);
		const task = normalizeTask(Array.isArray(data) ? data[0] : data);
		if (!task) throw this.error({ kind: 'malformed' }, itemIndex);
		return task;
	}

	/** A task by its ID, or undefined when this endpoint does not know it. */
	async findTask(
		endpoint: KlingEndpoint,
		taskId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined> {
		const result = await this.readOrFailure(
			{ method: 'GET', path: taskPath(this.provider.profile, endpoint, taskId) },
			itemIndex,
		);
		if (!result.ok) {
			if (looksLikeMissing(result.failure)) return undefined;
			throw this.error(result.failure, itemIndex);
		}
		const task = normalizeTask(Array.isArray(result.data) ? result.data[0] : result.data);
		return task && task.taskId === taskId ? task : undefined;
	}

	/**
	 * The newest tasks of an endpoint in one read, or undefined when the provider has no list
	 * (some relays) or answers it with an error: callers then read task by task.
	 */
	async listTasks(endpoint: KlingEndpoint, pageSize: number): Promise<KlingTask[] | undefined> {
		const result = await this.readOrFailure({
			method: 'GET',
			path: endpointPath(this.provider.profile, endpoint),
			qs: { pageNum: 1, pageSize: Math.min(500, Math.max(1, pageSize)) },
		});
		if (!result.ok || !Array.isArray(result.data)) return undefined;
		return result.data.map((d) => normalizeTask(d)).filter((t): t is KlingTask => t !== undefined);
	}

	/** Looks a task up by external_task_id in every form the provider may support. */
	async findByExternalId(
		endpoint: KlingEndpoint,
		externalId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined> {
		const profile = this.provider.profile;
		for (const form of profile.externalIdLookup) {
			const spec: RequestSpec =
				form === 'path'
					? { method: 'GET', path: taskPath(profile, endpoint, externalId) }
					: {
							method: 'GET',
							path: endpointPath(profile, endpoint),
							qs: { external_task_id: externalId },
						};
			const result = await this.readOrFailure(spec, itemIndex);
			if (!result.ok) {
				if (looksLikeMissing(result.failure)) continue;
				throw this.error(result.failure, itemIndex);
			}
			const candidates = (Array.isArray(result.data) ? result.data : [result.data])
				.map((d) => normalizeTask(d))
				.filter((t): t is KlingTask => t !== undefined);
			const match = candidates.find((t) => t.externalTaskId === externalId);
			if (match) return match;
			// The path form names one task; relays that drop task_info still answer with it.
			if (form === 'path' && candidates.length === 1 && candidates[0].externalTaskId === null) {
				return candidates[0];
			}
		}
		return undefined;
	}

	/**
	 * Submits a task. `body.external_task_id` must be set: it is what lets a create whose outcome is
	 * unknown (5xx, timeout, dropped connection) be checked before anything is sent again.
	 * Returns `busy` on 1303 so the caller can wait for one of its own tasks to free a slot.
	 */
	async tryCreate(
		endpoint: KlingEndpoint,
		body: IDataObject,
		itemIndex?: number,
	): Promise<CreateOutcome> {
		const externalId = String(body.external_task_id ?? '');
		const spec: RequestSpec = {
			method: 'POST',
			path: endpointPath(this.provider.profile, endpoint),
			body,
		};
		let uncertain = false;
		let last: KlingFailure = { kind: 'network' };
		for (let attempt = 1; attempt <= this.retry.createAttempts; attempt++) {
			const result = await this.attempt(spec);
			if (result.ok) {
				const task = normalizeTask(result.data);
				if (task) return { status: 'created', task, recovered: false };
				last = { kind: 'malformed' };
			} else {
				last = result.failure;
			}
			if (last.kind === 'cancelled') throw this.cancelledError(itemIndex);
			if (last.klingCode === 1303) {
				if (uncertain) {
					const found = await this.recover(endpoint, externalId, itemIndex);
					if (found) return found;
				}
				return { status: 'busy', failure: last };
			}
			if (outcomeUnknown(last) || uncertain) {
				uncertain = uncertain || outcomeUnknown(last);
				const found = await this.recover(endpoint, externalId, itemIndex);
				this.note(
					'info',
					`create of ${externalId} had an unknown outcome; the lookup by external task ID ${found ? 'found the task, so it is not sent again' : 'found nothing'}`,
					last,
				);
				if (found) return found;
				if (!outcomeUnknown(last) && !rejectedBeforeAcceptance(last)) break;
			} else if (!rejectedBeforeAcceptance(last)) {
				break;
			}
			if (attempt < this.retry.createAttempts) {
				const delay = this.backoffMs(attempt, last);
				this.note(
					'debug',
					`create of ${externalId} sent again in ${delay} ms, attempt ${attempt + 1} of ${this.retry.createAttempts}`,
					last,
				);
				await this.pause(delay, itemIndex);
			}
		}
		throw this.error(last, itemIndex);
	}

	private async recover(
		endpoint: KlingEndpoint,
		externalId: string,
		itemIndex?: number,
	): Promise<CreateOutcome | undefined> {
		if (!externalId) return undefined;
		const task = await this.findByExternalId(endpoint, externalId, itemIndex);
		return task ? { status: 'created', task, recovered: true } : undefined;
	}
}
