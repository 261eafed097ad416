import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { KlingClient } from '../api/client';
import { connect } from '../products/connect';
import { generatedExternalId } from '../api/createdTasks';
import { isFinal } from '../api/task';
import { dropCallbackUrl, requestBody } from '../input/items';
import { mayStream, readJobs, type ItemSettings } from './readJobs';
import type { GenerationSpec } from '../input/types';
import { collectOutputs } from './collect';
import { settleTask } from '../output/output';
import { pauseItem, readBatch, rememberTaskIds, resumeCallbackUrl } from './callbackWait';
import { boardFor, type AccountBoard } from './accountBoard';
import { planOf, type Job, type WaitMode } from './job';
import { takesCallbacks, type Endpoint } from '../models/product';
import { Progress } from './progress';
import { TaskScheduler } from './scheduler';

const FALLBACK = {
	tool: 'Ran as an AI tool, where an execution cannot pause, so this node polled instead of waiting for the callback.',
	itemError:
		'An item failed before the pause, so this node polled instead of waiting for the callback: a resumed node cannot report errors found before it paused.',
	unnamed: (label: string) =>
		`Kling's ${label} takes no external task ID, by which a resumed execution finds its tasks, so this node polled instead of waiting for the callback.`,
	noCallback: (model: string) =>
		`${model} takes no callback URL and no external task ID, so this node polled instead of waiting for the callback.`,
};

/** Why callback-wait cannot serve this batch after all, once its items are read. */
function callbackFallback(jobs: Job[]): string | undefined {
	if (jobs.some((j) => j.error)) return FALLBACK.itemError;
	const silent = jobs.find((j) => j.request && !takesCallbacks(j.request.route));
	return silent && FALLBACK.noCallback(silent.request!.route.entry?.name ?? silent.request!.model);
}

/**
 * Deterministic per execution, node and run: with the item index it names every task of the run,
 * so a lost create can be found again, and a callback-wait webhook can find the whole batch.
 */
export function deriveBatchKey(ctx: IExecuteFunctions, runIndex: string): string {
	const workflow = ctx.getWorkflow?.();
	const key = [
		runIndex,
		ctx.getInstanceId?.() ?? '',
		workflow?.id ?? '',
		ctx.getExecutionId?.() ?? '',
		ctx.getNode().id,
		ctx.getNode().name,
	].join('|');
	return createHash('sha256').update(key).digest('hex').slice(0, 24);
}

/**
 * The run's batch key, kept in the execution's custom data under a key naming the node and run. A
 * retry of a failed execution ("Retry" in the executions list) starts a new execution from the old
 * one's data, custom data included, so the node finds the first attempt's key there: the same
 * external task IDs, so the tasks that attempt created are found, not paid for again. A new
 * execution starts with no custom data and makes a key of its own. n8n keeps at most 10 entries per
 * execution: past that a run is not protected this way.
 */
export function batchKeyFor(ctx: IExecuteFunctions, runIndex: string): string {
	const name = `kling_${createHash('sha256')
		.update(`${ctx.getNode().id}|${runIndex}`)
		.digest('hex')
		.slice(0, 16)}`;
	let data: IExecuteFunctions['customData'] | undefined;
	try {
		data = ctx.customData;
	} catch {
		// A context without run data (a node run outside a workflow execution) has no custom data.
		return deriveBatchKey(ctx, runIndex);
	}
	const carried = data?.get(name);
	if (typeof carried === 'string' && /^[0-9a-f]{24}$/.test(carried)) return carried;
	const batch = deriveBatchKey(ctx, runIndex);
	data?.set(name, batch);
	return batch;
}

interface Plan {
	operation: 'generate' | 'getTask';
	wait: WaitMode;
	fallback?: string;
}

/** The wait mode, chosen once: a tool call cannot pause its agent, and Get Task always polls. */
function planRun(ctx: IExecuteFunctions, spec: GenerationSpec): Plan {
	const operation = ctx.getNodeParameter('operation', 0) as Plan['operation'];
	// A synchronous call's answer is its result: there is nothing to wait for.
	if (spec.call === 'sync') return { operation, wait: 'poll' };
	const requested = ctx.getNodeParameter('wait', 0, 'poll') as WaitMode;
	if (requested !== 'callback') return { operation, wait: requested };
	if (operation === 'getTask') return { operation, wait: 'poll' };
	if (ctx.isToolExecution?.() ?? false) return { operation, wait: 'poll', fallback: FALLBACK.tool };
	// A resumed batch finds its tasks by their external task IDs.
	if (!spec.safety.externalTaskId)
		return { operation, wait: 'poll', fallback: FALLBACK.unnamed(spec.label) };
	return { operation, wait: 'callback' };
}

/**
 * Callback-wait: pause unless every task has already finished. Checking right before the pause
 * matters: a callback that arrives before n8n has saved the execution as waiting gets 409.
 * Returns the items to pause with, or undefined when the batch is settled and the run goes on.
 */
async function pauseOrSettle(
	ctx: IExecuteFunctions,
	client: KlingClient,
	scheduler: TaskScheduler,
	batch: string,
	jobs: Job[],
): Promise<INodeExecutionData[] | undefined> {
	const externalId = (job: Job) => job.request!.externalTaskId!;
	if (jobs.some((j) => !isFinal(j.task!.status))) {
		const entries = jobs.map((job) => ({
			externalId: externalId(job),
			route: job.route!,
			taskId: job.task!.taskId,
		}));
		rememberTaskIds(
			batch,
			entries.map((e) => [e.externalId, e.taskId]),
		);
		const state = await readBatch(client, entries);
		for (const job of jobs) job.task = state.tasks.get(externalId(job)) ?? job.task;
		if (!state.allFinal) {
			await ctx.putExecutionToWait(new Date(Math.max(...jobs.map((j) => j.deadline))));
			return jobs.map((job) => pauseItem(job.itemIndex, job.task, externalId(job)));
		}
	}
	await scheduler.settleAll(jobs);
	return undefined;
}

/**
 * The board of the Kling pool this run's tasks draw on: the account (base URL and key, hashed),
 * the model of its first item and the pack type; executions of other nodes and workflows in this
 * process share it.
 */
function poolBoard(client: KlingClient, jobs: Job[], spec: GenerationSpec): AccountBoard {
	const model = jobs.find((j) => j.request)?.request!.route.model ?? '';
	return boardFor([client.account, model, spec.result].join('|'));
}

/** The scheduler of one run: this execution's client, clock, pool and way to settle a task. */
function schedulerFor(
	ctx: IExecuteFunctions,
	client: KlingClient,
	spec: GenerationSpec,
	jobs: Job[],
	run: { mode: WaitMode; continueOnFail: boolean; progress: Progress },
): TaskScheduler {
	const maxConcurrency = Number(ctx.getNodeParameter('options.maxConcurrency', 0, 5)) || 5;
	return new TaskScheduler(
		client,
		{
			...run,
			node: ctx.getNode(),
			product: spec,
			maxConcurrency: Math.max(1, maxConcurrency),
			clock: {
				now: () => Date.now(),
				sleep: async (ms, woken) => await client.pause(ms, undefined, woken),
			},
			board: poolBoard(client, jobs, spec),
			bodyFor: async (job) => {
				const body = await requestBody(ctx, job.itemIndex, job.request!);
				const call = async (endpoint: Endpoint, sent: IDataObject) =>
					await client.call(endpoint, sent, job.itemIndex);
				await spec.complete?.(call, job.request!, body);
				return body;
			},
			settle: async (job, task) =>
				await settleTask(ctx, task, planOf(job), spec, client.provider.name),
		},
		jobs,
	);
}

/**
 * Reads the items while the scheduler already submits the first ones: it starts with the first
 * item read (its model names the account's pool) and gets each later one as it is read.
 */
async function readWhileRunning(
	ctx: IExecuteFunctions,
	spec: GenerationSpec,
	settings: ItemSettings,
	schedulerOf: (first: Job[]) => TaskScheduler,
): Promise<Job[]> {
	let scheduler: TaskScheduler | undefined;
	let running: Promise<void> | undefined;
	const jobs = await readJobs(ctx, spec, settings, (job) => {
		if (!scheduler) {
			if (!job.request && !job.lookup) return;
			scheduler = schedulerOf([job]);
			scheduler.streamInput();
			running = scheduler.run();
			// Awaited once the reading ends; until then a failure must not count as unhandled.
			running.catch(() => undefined);
			return;
		}
		scheduler.add(job);
	}).catch(async (error: unknown) => {
		scheduler?.endInput();
		await running?.catch(() => undefined);
		throw error;
	});
	scheduler?.endInput();
	await running;
	return jobs;
}

/**
 * Runs a generation node: reads and checks every item → chooses the wait mode → the scheduler
 * submits and watches → pause (callback-wait) or one output item per input item, in order.
 */
export async function executeGeneration(
	ctx: IExecuteFunctions,
	spec: GenerationSpec,
	asked: boolean,
): Promise<INodeExecutionData[][]> {
	// As a tool, a failure goes back to the model as the item's error, which it can act on;
	// thrown, it would end the agent's whole run.
	const continueOnFail = asked || (ctx.isToolExecution?.() ?? false);
	const plan = planRun(ctx, spec);
	const client = await connect(ctx);
	const items = ctx.getInputData();
	const runIndex = String(ctx.evaluateExpression('{{ $runIndex }}', 0) ?? '0');
	const batch = batchKeyFor(ctx, runIndex);
	const settings: ItemSettings = {
		operation: plan.operation,
		wait: plan.wait,
		kind: spec.result,
		profile: client.provider.profile,
		credentials: client.credentials,
		callbackUrl: plan.wait === 'callback' ? resumeCallbackUrl(ctx, batch, items.length) : undefined,
		externalTaskId: (i) => generatedExternalId(spec, batch, i),
		continueOnFail,
	};
	const progress = new Progress(ctx, items.length);
	const run = { mode: plan.wait, continueOnFail, progress };
	if (mayStream(ctx, settings)) {
		const jobs = await readWhileRunning(ctx, spec, settings, (first) =>
			schedulerFor(ctx, client, spec, first, run),
		);
		progress.finish(jobs.map((j) => j.task));
		return collectOutputs(ctx, jobs, continueOnFail, plan.fallback);
	}
	const jobs = await readJobs(ctx, spec, settings);
	const fallback = plan.wait === 'callback' ? callbackFallback(jobs) : undefined;
	if (fallback) {
		// A resumed node cannot report errors found before it paused, nor hear a silent task.
		plan.wait = 'poll';
		run.mode = 'poll';
		plan.fallback = fallback;
		for (const job of jobs) dropCallbackUrl(job.request);
	}

	const scheduler = schedulerFor(ctx, client, spec, jobs, run);
	await scheduler.run();

	if (plan.wait === 'callback' && jobs.some((j) => j.error) && continueOnFail) {
		// A submit failed: the resumed node could not report it, so watch the rest by polling.
		plan.fallback = FALLBACK.itemError;
		await scheduler.continueAsPolling(jobs);
	} else if (plan.wait === 'callback' && !jobs.some((j) => j.error)) {
		const paused = await pauseOrSettle(ctx, client, scheduler, batch, jobs);
		if (paused) return [paused];
	}
	progress.finish(jobs.map((j) => j.task));
	return collectOutputs(ctx, jobs, continueOnFail, plan.fallback);
}
