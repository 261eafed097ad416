import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem, errorJson, nodeOutputs, settleTask, type ItemPlan } from '../output/output';
import type { ProductFacts } from '../models/product';
import { chooseRoute, modelName, type TaskRoute } from '../api/routing';
import { generatedExternalId } from '../api/createdTasks';
import { isFinal, normalizeTask, type KlingTask } from '../api/task';
import { KlingClient } from '../api/client';
import { checkCallbackSignature } from '../callbacks/webhooks';
import { eachAtOnce } from './pool';

/**
 * Wait mode "Until Kling Calls Back": every task gets this execution's resume URL as its
 * callback_url, the execution is saved as waiting, and each callback runs `resumeFromCallback`.
 * A resumed node is passed through by n8n without running `execute` again, and n8n drops the
 * waiting run's data before the webhook runs, so the webhook rebuilds what it needs: the batch key
 * and item count travel in the callback URL, the per-item settings are evaluated again against
 * the node's input items (which n8n keeps), and the tasks are found by their external task IDs.
 */

/** Query parameters of the callback URL: the batch key of the external task IDs, and the item count. */
const BATCH_PARAM = 'kling_batch';
const COUNT_PARAM = 'kling_items';

export const resumeWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: '',
		restartWebhook: true,
	},
];

/**
 * `$execution.resumeUrl` carries the execution's resume token as `signature`; the signed URL of
 * `getSignedResumeUrl` is only accepted for send-and-wait nodes (docs/reference/n8n.md#resume-urls).
 */
export function resumeCallbackUrl(ctx: IExecuteFunctions, batch: string, count: number): string {
	const base = String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0) ?? '');
	if (!/^https?:\/\//.test(base)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Wait: this n8n has no resume URL, so "Until Kling Calls Back" cannot be used here',
			{
				description: 'Use "Wait for Completion" instead.',
			},
		);
	}
	return `${base}${base.includes('?') ? '&' : '?'}${BATCH_PARAM}=${encodeURIComponent(batch)}&${COUNT_PARAM}=${count}`;
}

/** What the execution shows for an item while it waits. */
export function pauseItem(
	itemIndex: number,
	task: KlingTask | undefined,
	externalTaskId: string,
): INodeExecutionData {
	return {
		json: {
			taskId: task?.taskId ?? null,
			externalTaskId,
			status: task?.status ?? null,
			waitingFor: 'Kling callback',
		},
		pairedItem: { item: itemIndex },
	};
}

export interface BatchEntry {
	externalId: string;
	route: TaskRoute;
	/** Known where the provider cannot look tasks up by external ID (see `rememberTaskIds`). */
	taskId?: string;
}

/**
 * Task IDs of waiting batches, by external task ID: a provider that cannot look tasks up by
 * external ID can only confirm a batch through them. The pause records its creates (the webhook
 * runs in this process in regular mode); every callback records its own task, since Kling calls
 * when each task ends, so the last callback of a batch finds the others' IDs here too.
 */
const knownTaskIds = new Map<string, Map<string, string>>();
const BATCHES_KEPT = 1000;

export function rememberTaskIds(batch: string, pairs: Array<[string, string]>): void {
	const ids = knownTaskIds.get(batch) ?? new Map<string, string>();
	knownTaskIds.delete(batch);
	for (const [externalId, taskId] of pairs) ids.set(externalId, taskId);
	knownTaskIds.set(batch, ids);
	for (const oldest of knownTaskIds.keys()) {
		if (knownTaskIds.size <= BATCHES_KEPT) break;
		knownTaskIds.delete(oldest);
	}
}

/** Entries grouped by where one read can show them together: /tasks, or one legacy endpoint's list. */
function byRead(entries: BatchEntry[]): BatchEntry[][] {
	const groups = new Map<string, BatchEntry[]>();
	for (const entry of entries) {
		const key = entry.route.standard === 'new' ? 'new' : entry.route.legacy;
		groups.set(key, [...(groups.get(key) ?? []), entry]);
	}
	return [...groups.values()];
}

/**
 * Reads the current state of a batch of tasks by external task ID: /tasks (20 per read) or one
 * list read per endpoint where they show them all, otherwise task by task (the callback's own
 * task first, then the newest submissions, the likeliest to still run), stopping at the first
 * unfinished one.
 */
export async function readBatch(
	client: KlingClient,
	entries: BatchEntry[],
	first?: string,
): Promise<{ tasks: Map<string, KlingTask>; allFinal: boolean }> {
	const tasks = new Map<string, KlingTask>();
	const wanted = new Set(entries.map((e) => e.externalId));
	for (const group of byRead(entries)) {
		const ids = group.map((e) => e.externalId);
		for (const task of (await client.readMany(group[0].route, ids, 'externalId')) ?? []) {
			if (task.externalTaskId !== null && wanted.has(task.externalTaskId))
				tasks.set(task.externalTaskId, task);
		}
	}
	if ([...tasks.values()].some((t) => !isFinal(t.status))) return { tasks, allFinal: false };
	const missing = entries.filter((e) => !tasks.has(e.externalId)).reverse();
	missing.sort((a, b) => Number(b.externalId === first) - Number(a.externalId === first));
	for (const entry of missing) {
		const task = await findEntry(client, entry);
		if (!task || !isFinal(task.status)) return { tasks, allFinal: false };
		tasks.set(entry.externalId, task);
	}
	return { tasks, allFinal: entries.every((e) => isFinal(tasks.get(e.externalId)!.status)) };
}

/** One task of a batch, by external task ID, or by its task ID where the provider has no such lookup. */
async function findEntry(client: KlingClient, entry: BatchEntry): Promise<KlingTask | undefined> {
	const { externalId, route, taskId } = entry;
	if (!client.canFindByExternalId(route)) {
		const task = taskId ? await client.findTask(route, taskId) : undefined;
		return task && (task.externalTaskId ?? externalId) === externalId ? task : undefined;
	}
	let task = await client.findByExternalId(route, externalId);
	// Automatic may have sent an item with a legacy-only setting to the legacy standard.
	if (!task && route.standard === 'new') {
		const legacy: TaskRoute = { ...route, standard: 'legacy' };
		task = await client.findByExternalId(legacy, externalId);
		if (task) entry.route = legacy;
	}
	return task;
}

/** A node parameter as `execute` saw it for this item: expressions are evaluated against the item. */
function itemParameter(
	ctx: IWebhookFunctions,
	path: string,
	itemIndex: number,
	fallback: unknown,
): unknown {
	const raw = path
		.split('.')
		.reduce<unknown>((v, key) => (v as IDataObject | undefined)?.[key], ctx.getNode().parameters);
	if (typeof raw === 'string' && raw.startsWith('='))
		return ctx.evaluateExpression(raw.slice(1), itemIndex);
	return raw === undefined ? fallback : ctx.getNodeParameter(path, fallback);
}

function planFor(
	ctx: IWebhookFunctions,
	client: KlingClient,
	product: ProductFacts,
	batch: string,
	itemIndex: number,
) {
	const custom = String(itemParameter(ctx, 'options.externalTaskId', itemIndex, '') ?? '').trim();
	const model = String(itemParameter(ctx, 'model', itemIndex, '') ?? '').trim();
	const plan: ItemPlan = {
		itemIndex,
		download: Boolean(itemParameter(ctx, 'downloadResult', itemIndex, true)),
		outputField: String(itemParameter(ctx, 'binaryPropertyOutput', itemIndex, 'data') || 'data'),
		model: model || null,
		apiStandard: null,
		startedAt: Date.now(),
	};
	// The same choice execute made: the same model and credential lead to the same route.
	const route = chooseRoute(product, model, client.provider.profile, client.credentials);
	plan.model = modelName(route) || null;
	plan.apiStandard = route.standard;
	const externalId = custom || generatedExternalId(product, batch, itemIndex);
	return { plan, route, externalId, taskId: undefined as string | undefined };
}

type BatchItems = Array<ReturnType<typeof planFor>>;

/**
 * Batches whose resume this n8n process has taken on. The last wave's tasks finish together, so
 * their final callbacks arrive together and each would read the batch, download every result and
 * offer n8n a resume it takes only once; the first one to find the batch finished does the work.
 */
const resuming = new Map<string, number>();
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
	const client = await KlingClient.connect(ctx, { readAttempts: 3 });
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
	const known = knownTaskIds.get(batch);
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
const watchers = new Map<string, number>();
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
