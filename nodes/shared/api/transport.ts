import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { klingApiError, redact, type KlingFailure } from './errors';
import { interpret, type Attempt, type RequestSpec } from './exchange';
import type { CreateOutcome } from './protocol';
import { findableByExternalId, safetyOf, safetyOwner } from '../models/product';
import {
	resolveProvider,
	type KlingCredentials,
	type ProviderProfile,
	type ResolvedProvider,
} from './providers';
import type { TaskRoute } from './routing';
import {
	isRetryable,
	isTaken,
	outcomeUnknown,
	rejectedBeforeAcceptance,
	type RetryPolicy,
} from './retry';
import { normalizeTask, type KlingTask } from './task';

export const CREDENTIAL_TYPE = 'klingApi';

export type KlingContext = IExecuteFunctions | IWebhookFunctions | IPollFunctions;

/** A create that failed is returned, not thrown, so the protocol can add what it knows. */
export type CreateResult = CreateOutcome | { status: 'failed'; failure: KlingFailure };

/**
 * The HTTP side shared by both API standards: one request path (httpRequestWithAuthentication),
 * reads retried with backoff, and a create that is only resent when Kling certainly did not
 * create the task, or a lookup by external task ID shows it does not exist, so a fault never
 * makes the user pay twice.
 */
export class KlingTransport {
	readonly provider: ResolvedProvider;

	private readonly secrets: string[];

	/**
	 * The credentials `connect` read, handed to every request: n8n would otherwise read (decrypt and
	 * resolve) them again per request, 80–170 ms each in a webhook taking a wave of callbacks.
	 */
	private readonly auth: IAdditionalCredentialOptions | undefined;

	constructor(
		protected readonly ctx: KlingContext,
		readonly credentials: KlingCredentials,
		readonly retry: RetryPolicy,
	) {
		this.provider = resolveProvider(credentials);
		const ref = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
		this.auth = ref?.id
			? {
					credentialsDecrypted: {
						id: ref.id,
						name: ref.name,
						type: CREDENTIAL_TYPE,
						data: credentials as unknown as ICredentialDataDecryptedObject,
					},
				}
			: undefined;
		this.secrets = [
			credentials.apiKey,
			credentials.accessKey,
			credentials.secretKey,
			credentials.webhookSecret,
		].filter((s): s is string => typeof s === 'string' && s.length > 0);
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

	/** A read that found no task, e.g. `task ID "123"`. */
	notFound(what: string, itemIndex?: number): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), `Kling has no task with the ${what}`, {
			itemIndex,
			description: `${this.provider.name} answered, but no task of this account has that ID. Check the ID, and that the credential is the account that created the task.`,
		});
	}

	/**
	 * Sleeps in short steps so a cancelled execution stops waiting at once, and one woken (a slot
	 * freed by another execution, waiting/accountBoard.ts) goes on within 50 ms.
	 */
	async pause(ms: number, itemIndex?: number, woken?: () => boolean): Promise<void> {
		const deadline = Date.now() + ms;
		for (;;) {
			if (this.isCancelled()) throw this.cancelledError(itemIndex);
			const left = deadline - Date.now();
			if (left <= 0 || woken?.()) return;
			await sleep(Math.min(left, woken ? 50 : 250));
		}
	}

	/** A line in n8n's log, so an operator can see why a run is slow (retries, lookups). */
	note(level: 'debug' | 'info', message: string, failure?: KlingFailure): void {
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
		// Jitter above the step, never below: Kling's concurrency guide asks for at least 1 s first.
		const exp = this.retry.baseDelayMs * 2 ** (attempt - 1);
		return Math.round(Math.min(this.retry.maxDelayMs, exp * (1 + Math.random() * 0.5)));
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
					...(typeof spec.body === 'string'
						? { headers: { 'content-type': 'application/json' } }
						: {}),
					qs: spec.qs,
					json: true,
					// The raw bytes: exchange.ts reads element IDs (longs above 2^53) as digits, not numbers.
					encoding: 'arraybuffer',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: this.retry.timeoutMs,
				},
				this.auth,
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

	async readOrFailure(spec: RequestSpec, itemIndex?: number): Promise<Attempt> {
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

	/**
	 * A synchronous call Kling charges for (face identification): its answer is the result. Sent
	 * again only when refused before Kling accepted it (a rate limit); after an outcome that is
	 * unknown it is not, as it may have been charged.
	 */
	async callOnce(spec: RequestSpec, itemIndex?: number): Promise<unknown> {
		let last: KlingFailure = { kind: 'network' };
		for (let attempt = 1; attempt <= this.retry.createAttempts; attempt++) {
			const result = await this.attempt(spec);
			if (result.ok) return result.data;
			last = result.failure;
			if (last.kind === 'cancelled') throw this.cancelledError(itemIndex);
			if (outcomeUnknown(last) || !rejectedBeforeAcceptance(last)) break;
			if (attempt < this.retry.createAttempts)
				await this.pause(this.backoffMs(attempt, last), itemIndex);
		}
		if (outcomeUnknown(last))
			last = {
				...last,
				hint: 'It was not sent again: a call whose outcome is unknown may have been charged.',
			};
		throw this.error(last, itemIndex);
	}

	/**
	 * Submits a task. What may happen after a create whose outcome is unknown (5xx, timeout,
	 * dropped connection) is the product's and provider's to say (`safety`): it is checked with
	 * `recover` (a lookup by external task ID) before anything is sent again; without one it is
	 * sent again only where a duplicate external task ID is refused for free; otherwise never, and
	 * the item says how to find the task. Returns `busy` on 1303 so the caller can wait for a slot.
	 */
	async createOnce(
		spec: RequestSpec,
		safety: CreateSafety,
		itemIndex?: number,
	): Promise<CreateResult> {
		const { externalId } = safety;
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
			uncertain ||= outcomeUnknown(last);
			const settled =
				uncertain || isTaken(last) ? await this.settleUncertain(last, safety) : undefined;
			if (settled) return settled;
			if (last.klingCode === 1303) return { status: 'busy', failure: last };
			if (!outcomeUnknown(last) && !rejectedBeforeAcceptance(last)) break;
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
		return { status: 'failed', failure: uncertain ? this.mayExist(last, safety) : last };
	}

	/**
	 * After a create that may have gone through, or one refused because its external task ID is
	 * taken (a run again after a lost one, with the same IDs): the task if a lookup finds it, so
	 * it is waited for instead of paid again; a failure if it cannot be found and must not be sent
	 * again; undefined when sending again is safe.
	 */
	private async settleUncertain(
		last: KlingFailure,
		safety: CreateSafety,
	): Promise<CreateResult | undefined> {
		const { externalId, recover } = safety;
		const found = externalId && recover ? await recover() : undefined;
		if (recover) {
			this.note(
				'info',
				`create of ${externalId} had an unknown outcome; the lookup by external task ID ${found === 'unknown' ? 'could not tell' : found ? 'found the task, so it is not sent again' : 'found nothing'}`,
				last,
			);
		}
		if (found && found !== 'unknown') return { status: 'created', task: found, recovered: true };
		const taken = isTaken(last);
		if (taken || found === 'unknown' || (!recover && !safety.duplicatesRefused))
			return { status: 'failed', failure: this.mayExist(last, safety, taken) };
		return undefined;
	}

	/** The failure of a create that may have produced a task, with how to find it. */
	private mayExist(last: KlingFailure, safety: CreateSafety, taken = false): KlingFailure {
		const { externalId, recover, notFindable } = safety;
		const { label, externalIdLookup } = this.provider.profile;
		const find = !recover
			? `in ${label}'s dashboard or task history (${notFindable ?? `${label} cannot look tasks up by external ID`}), or wait for its callback`
			: externalIdLookup.length
				? 'with Get Task (Look Up By: External Task ID)'
				: `in ${label}'s task list (its newest page did not show it yet) or dashboard`;
		const named = externalId ? `with external task ID "${externalId}" ` : '';
		return {
			...last,
			mayExist: { externalId, taken },
			hint: `Before running this item again, look for the task ${named}${find}: every task created is charged.`,
		};
	}
}

/** What a create whose outcome is unknown may do next (api/transport.ts `createOnce`). */
export interface CreateSafety {
	/** The task's external task ID; empty where the product takes none. */
	externalId: string;
	/**
	 * Finds the task by its external task ID, where the product and provider allow it; 'unknown'
	 * when the provider's answer cannot tell (a list page that does not reach back far enough).
	 */
	recover?: () => Promise<KlingTask | undefined | 'unknown'>;
	/** The provider refuses a second task with the same external task ID, free of charge. */
	duplicatesRefused: boolean;
	/** Why the task cannot be looked up, when it is the product's reason, not the provider's. */
	notFindable?: string;
}

/**
 * The safety of one create: a product found by task ID only (or taking no external task ID) is
 * never sent again after an uncertain create, on any provider; otherwise the provider's lookup
 * (`find`, where it has one) and duplicate refusal decide.
 */
export function createSafety(
	route: TaskRoute,
	profile: ProviderProfile,
	externalId: string,
	find: CreateSafety['recover'],
): CreateSafety {
	const facts = safetyOf(route);
	if (!findableByExternalId(facts)) {
		const what = safetyOwner(route);
		const notFindable =
			facts.safety.lookup === 'none'
				? `${what} calls cannot be looked up`
				: `${what} tasks cannot be looked up by external task ID`;
		return { externalId, duplicatesRefused: false, notFindable };
	}
	return { externalId, recover: find, duplicatesRefused: profile.uniqueExternalIds };
}
