import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { errorItem, errorJson, nodeOutputs, settleTask } from '../../output/output';
import type { ProductFacts } from '../../models/product';
import { isFinal, normalizeTask, type KlingTask } from '../../api/task';
import type { KlingClient } from '../../api/client';
import { connect } from '../../products/connect';
import { checkCallbackSignature } from '../../callbacks/webhooks';
import { eachAtOnce } from '../pool';
import { processMemory } from '../../core/processMemory';
import { knownTaskIdsOf, readBatch, rememberTaskIds } from './batch';
import { BATCH_PARAM, COUNT_PARAM } from './pause';
import { itemParameter, planFor, type BatchItems } from './plan';

/**
 * The callbacks: each final one confirms the batch with the API and, once every task has
 * finished, resumes the execution; one watches for a lost last callback.
 */

/**
 * Batches whose resume this n8n process has taken on. The last wave's tasks finish together, so
 * their final callbacks arrive together and each would read the batch, download every result and
 * offer n8n a resume it takes only once; the first one to find the batch finished does the work.
 */
const resuming = processMemory<string, number>('batches resuming');
const RESUME_CLAIM_MS = 10 * 60_000;

function claimResume(batch: string, now = Date.now()): boolean {
	for (const [key, at] of resuming) if (now - at > RESUME_CLAIM_MS) resuming.delete(key);
	if (resuming.has(batch)) return false;
	resuming.set(batch, now);
	return true;
}

/**
 * A callback to a waiting execution. Non-final or foreign callbacks keep it waiting; a final one
 * confirms the whole batch with the API and, when every task has finished, resumes the execution
 * with the items polling would have returned. n8n itself refuses a second resume.
 */
export async function resumeFromCallback(
	ctx: IWebhookFunctions,
	product: ProductFacts,
): Promise<IWebhookResponseData> {
	const client = await connect(ctx, { readAttempts: 3 });
	if (checkCallbackSignature(ctx, client.credentials) === 'rejected')
		return { noWebhookResponse: true };
	// Kling never waits for the downloads; the execution stays waiting unless workflowData is set.
	ctx.getResponseObject().status(200).json({ received: true });
	const stay: IWebhookResponseData = { noWebhookResponse: true };

	const claimed = normalizeTask(ctx.getBodyData());
	if (!claimed || !isFinal(claimed.status)) return stay;
	const query = ctx.getQueryData() as IDataObject;
	const batch = String(query[BATCH_PARAM] ?? '');
	const count = Number(query[COUNT_PARAM]);
	if (!/^[0-9a-f]{8,64}$/.test(batch) || !Number.isInteger(count) || count < 1 || count > 10_000)
		return stay;

	let items: BatchItems;
	try {
		items = Array.from({ length: count }, (_, i) => planFor(ctx, client, product, batch, i));
	} catch {
		return stay;
	}
	// Only this execution's own tasks may make it read anything.
	if (
		claimed.externalTaskId !== null &&
		!items.some((i) => i.externalId === claimed.externalTaskId)
	)
		return stay;
	if (claimed.externalTaskId !== null)
		rememberTaskIds(batch, [[claimed.externalTaskId, claimed.taskId]]);
	heard(batch);
	const known = knownTaskIdsOf(batch);
	for (const item of items) item.taskId = known?.get(item.externalId);

	// Another callback of this batch is resuming it already: reading it again would only slow that.
	if (resuming.has(batch)) return stay;
	let batchState: Awaited<ReturnType<typeof readBatch>>;
	try {
		batchState = await readBatch(client, items, claimed.externalTaskId ?? undefined);
	} catch {
		// The API could not confirm: were this the last callback, only the watch would end the wait.
		return await watchBatch(ctx, client, product, items, batch);
	}
	if (!batchState.allFinal) return await watchBatch(ctx, client, product, items, batch);
	if (!claimResume(batch)) return stay;
	return await resumeBatch(ctx, client, product, items, batchState.tasks, batch);
}

async function resumeBatch(
	ctx: IWebhookFunctions,
	client: KlingClient,
	product: ProductFacts,
	items: BatchItems,
	tasks: Map<string, KlingTask>,
	batch: string,
): Promise<IWebhookResponseData> {
	try {
		const workflowData = await settleBatch(ctx, client, product, items, tasks);
		return { noWebhookResponse: true, workflowData };
	} catch {
		// Another callback, or the wait timeout, ends the wait.
		resuming.delete(batch);
		return { noWebhookResponse: true };
	}
}

/**
 * Batches a callback of this process is watching, with when a callback of the batch last came.
 * Kling calls once per task: were the last task's final callback lost, nothing else would wake
 * the execution before its Wait Timeout. So the first final callback that finds its batch
 * unfinished stays (Kling has its answer already) and reads the batch again each time the
 * batch's callbacks have been quiet for QUIET_MS, until it is done, resumed, or no longer waiting.
 */
const watchers = processMemory<string, number>('batches watched');
const QUIET_MS = 15_000;
/**
 * A watch keeps its webhook call open, and with it n8n's hold on the execution's data and an
 * expression isolate. A watch lasts at most about one task's length (the node pauses once its
 * last task is submitted, so only the last wave is still running), and costs about 9 MB of the
 * process's memory (40 watched against 40 unwatched waiting executions in a real n8n 2.41.1), so
 * only this many run at once in one n8n instance.
 */
const MAX_WATCHERS = 20;

function heard(batch: string): void {
	if (watchers.has(batch)) watchers.set(batch, Date.now());
}

/** Sleeps until the batch's callbacks have been quiet for QUIET_MS; false once it is resumed here. */
async function quietPeriod(client: KlingClient, batch: string): Promise<boolean> {
	for (;;) {
		if (resuming.has(batch)) return false;
		const left = (watchers.get(batch) ?? 0) + QUIET_MS - Date.now();
		if (left <= 0) return true;
		await client.pause(left, undefined, () => resuming.has(batch));
	}
}

async function watchBatch(
	ctx: IWebhookFunctions,
	client: KlingClient,
	product: ProductFacts,
	items: BatchItems,
	batch: string,
): Promise<IWebhookResponseData> {
	const stay: IWebhookResponseData = { noWebhookResponse: true };
	if (watchers.has(batch) || watchers.size >= MAX_WATCHERS) return stay;
	const minutes = Number(itemParameter(ctx, 'waitTimeout', 0, 30)) || 30;
	const until = Date.now() + minutes * 60_000;
	watchers.set(batch, Date.now());
	try {
		while (Date.now() < until && (await quietPeriod(client, batch))) {
			const state = await readBatch(client, items).catch(() => undefined);
			heard(batch);
			if (!state?.allFinal) continue;
			if (!(await stillWaiting(ctx)) || !claimResume(batch)) return stay;
			return await resumeBatch(ctx, client, product, items, state.tasks, batch);
		}
		return stay;
	} finally {
		watchers.delete(batch);
	}
}

/**
 * Whether n8n still has the execution waiting: it answers a call to the resume URL with 409 once
 * the execution runs or has finished (another webhook process may have resumed it), and only then
 * would the watcher's downloads be wasted. Our own webhook ignores the empty body. Unknown: go on,
 * since n8n accepts one resume only.
 */
async function stillWaiting(ctx: IWebhookFunctions): Promise<boolean> {
	const url = String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0) ?? '');
	if (!/^https?:\/\//.test(url)) return true;
	try {
		const response = (await ctx.helpers.httpRequest({
			method: 'POST',
			url,
			body: {},
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 10_000,
		})) as { statusCode?: number };
		return response.statusCode !== 409 && response.statusCode !== 404;
	} catch {
		return true;
	}
}

/**
 * Results fetched at once when a batch resumes: polling fetches them as tasks finish, this all at
 * the end, while Kling waits for nothing (it was answered) and the workflow waits for everything.
 * Each download streams into n8n's binary store, so more at once costs connections, not memory.
 */
const DOWNLOADS_AT_ONCE = 8;

/** The items polling would have returned, from the finished batch, in item order. */
async function settleBatch(
	ctx: IWebhookFunctions,
	client: KlingClient,
	product: ProductFacts,
	items: BatchItems,
	tasks: Map<string, KlingTask>,
): Promise<INodeExecutionData[][]> {
	const out: INodeExecutionData[] = new Array(items.length);
	const failed = new Set<INodeExecutionData>();
	await eachAtOnce(items, DOWNLOADS_AT_ONCE, async ({ plan, externalId, route }, index) => {
		const task = tasks.get(externalId)!;
		plan.apiStandard = route.standard;
		plan.startedAt = task.createdAt ?? plan.startedAt;
		const settled = await settleTask(ctx, task, plan, product, client.provider.name);
		const item =
			'item' in settled ? settled.item : errorItem(errorJson(settled.error, task), plan.itemIndex);
		if ('error' in settled) failed.add(item);
		out[index] = item;
	});
	return nodeOutputs(ctx.getNode(), out, failed);
}
