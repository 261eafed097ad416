import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ZodTypeAny } from 'zod';

import { batchExternalTaskId, pauseItem, readBatch, resumeCallbackUrl } from './callbackWait';
import { InputError, checkImageRef, imageRequestValue, type ImageRef } from '../input/images';
import { errorItem, errorJson, nodeOutputs, settleTask, type ItemPlan } from '../output/output';
import { Progress } from './progress';
import { ENDPOINTS, type KlingEndpoint, type ProviderProfile } from '../api/providers';
import { isFinal, type KlingTask } from '../api/task';
import { KlingClient } from '../api/client';

export interface ImageSlot {
	/** Where the image goes in the request body, e.g. ['image_list', 0, 'image']. */
	path: Array<string | number>;
	ref: ImageRef;
	/** The parameter's display name, for messages. */
	field: string;
	checkAspect?: boolean;
}

export interface PreparedRequest {
	body: IDataObject;
	images: ImageSlot[];
	model: string;
}

/** What a generation node contributes: its endpoint, how to read an item, and its body schema. */
export interface GenerationSpec {
	endpoint: KlingEndpoint;
	schema: ZodTypeAny;
	prepare(ctx: IExecuteFunctions, itemIndex: number, profile: ProviderProfile): PreparedRequest;
}

type WaitMode = 'poll' | 'none' | 'callback';

interface Job {
	itemIndex: number;
	request?: PreparedRequest;
	lookup?: { by: 'taskId' | 'externalTaskId'; id: string };
	task?: KlingTask;
	startedAt: number;
	deadline: number;
	intervalMs: number;
	nextPollAt: number;
	download: boolean;
	outputField: string;
	result?: INodeExecutionData;
	error?: NodeApiError | NodeOperationError;
}

const BUSY_BACKOFF_MAX_MS = 30_000;
/**
 * A task is checked a little after its learned duration (a tenth of it, at most 250 ms), and
 * re-checked in steps of a tenth of it (at least 1 s, unless the task itself is shorter, and never
 * under 100 ms): both scale with the task, so sub-second tasks are not held up by margins meant
 * for minutes.
 */
const MAX_MARGIN_MS = 250;
const MIN_RECHECK_MS = 1000;
const FLOOR_RECHECK_MS = 100;
/** Callback-wait only watches its tasks to free slots for waiting items; one list read covers them all. */
const SLOT_WATCH_MS = 1000;
const DUE_WINDOW_MS = 500;

/**
 * Poll timing that learns from the run's own finished tasks (Kling's created/updated times), so
 * later tasks are checked when they should be done rather than on the next fixed tick.
 */
class PollSchedule {
	private readonly durations: number[] = [];

	learn(task: KlingTask): void {
		if (task.createdAt === null || task.updatedAt === null || task.status !== 'succeeded') return;
		this.durations.push(Math.max(0, task.updatedAt - task.createdAt));
		this.durations.sort((a, b) => a - b);
	}

	get learnedMs(): number | undefined {
		return this.durations.length
			? this.durations[Math.floor(this.durations.length / 2)]
			: undefined;
	}

	/** When to check a task next: at its expected finish if that comes first, else one interval on. */
	next(startedAt: number, intervalMs: number, now = Date.now()): number {
		const learned = this.learnedMs;
		if (learned === undefined) return now + intervalMs;
		const expected = startedAt + learned + Math.min(MAX_MARGIN_MS, learned / 10);
		if (expected > now) return Math.min(expected, now + intervalMs);
		// Past its expected finish: check again soon, in proportion to the task's length.
		const step = Math.max(FLOOR_RECHECK_MS, Math.min(MIN_RECHECK_MS, learned), learned / 10);
		return now + Math.min(intervalMs, step);
	}
}
const NO_WAIT_SUBMIT_LIMIT_MS = 30 * 60_000;

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

function setPath(target: IDataObject, path: Array<string | number>, value: unknown): void {
	let node: IDataObject | unknown[] = target;
	for (let i = 0; i < path.length - 1; i++) node = (node as IDataObject)[path[i]] as IDataObject;
	(node as IDataObject)[path[path.length - 1]] = value as IDataObject;
}

function inputError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), (error as Error).message, {
		itemIndex,
		description: 'Nothing was sent to Kling, so nothing was charged.',
	});
}

function planOf(job: Job): ItemPlan {
	return {
		itemIndex: job.itemIndex,
		download: job.download,
		outputField: job.outputField,
		model: job.request?.model ?? null,
		startedAt: job.startedAt,
	};
}

function taskOf(job: Job) {
	return {
		taskId: job.task?.taskId,
		externalTaskId:
			job.task?.externalTaskId ?? (job.request?.body.external_task_id as string | undefined),
		status: job.task?.status,
	};
}

const FALLBACK = {
	tool: 'Ran as an AI tool, where an execution cannot pause, so this node polled instead of waiting for the callback.',
	itemError:
		'An item failed before the pause, so this node polled instead of waiting for the callback: a resumed node cannot report errors found before it paused.',
};

/**
 * Runs a generation node: validates every item before anything is sent, submits up to
 * Max Concurrent Tasks at once (waiting for a slot on Kling's 1303), watches all tasks in one loop
 * and returns one item per input item, in order, with pairedItem.
 */
export async function executeGeneration(
	ctx: IExecuteFunctions,
	spec: GenerationSpec,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const operation = ctx.getNodeParameter('operation', 0) as 'generate' | 'getTask';
	const requested = ctx.getNodeParameter('wait', 0, 'poll') as WaitMode;
	// A tool call cannot pause its agent, and Get Task's tasks already carry their callback URL.
	const asTool =
		requested === 'callback' && operation === 'generate' && (ctx.isToolExecution?.() ?? false);
	let wait: WaitMode =
		requested === 'callback' && (asTool || operation === 'getTask') ? 'poll' : requested;
	let fallback = asTool ? FALLBACK.tool : undefined;
	const maxConcurrency = Math.max(
		1,
		Number(ctx.getNodeParameter('options.maxConcurrency', 0, 5)) || 5,
	);
	const client = await KlingClient.connect(ctx);
	const endpoint = spec.endpoint;
	const kind = ENDPOINTS[endpoint].resultKind;
	const continueOnFail = ctx.continueOnFail();
	const progress = new Progress(ctx, items.length);

	// 1. Read and validate every item; nothing is sent while any input is bad.
	const runIndex = String(ctx.evaluateExpression('{{ $runIndex }}', 0) ?? '0');
	const batch = deriveBatchKey(ctx, runIndex);
	const callbackUrl = wait === 'callback' ? resumeCallbackUrl(ctx, batch, items.length) : undefined;
	const jobs: Job[] = [];
	for (let i = 0; i < items.length; i++) {
		const now = Date.now();
		const job: Job = {
			itemIndex: i,
			startedAt: now,
			// Without waiting, the deadline only bounds how long a full account (1303) may delay the submit.
			deadline: now + NO_WAIT_SUBMIT_LIMIT_MS,
			intervalMs: 10_000,
			nextPollAt: now,
			download: false,
			outputField: 'data',
		};
		jobs.push(job);
		try {
			if (wait !== 'none') {
				const minutes = Number(ctx.getNodeParameter('waitTimeout', i, kind === 'video' ? 30 : 5));
				const seconds = Number(ctx.getNodeParameter('pollInterval', i, kind === 'video' ? 10 : 3));
				if (!(minutes > 0))
					throw new InputError('Wait Timeout (Minutes): must be a number above 0');
				if (!(seconds >= 1)) throw new InputError('Poll Interval (Seconds): must be at least 1');
				job.deadline = now + minutes * 60_000;
				job.intervalMs = seconds * 1000;
				job.download = ctx.getNodeParameter('downloadResult', i, true) as boolean;
				job.outputField = String(ctx.getNodeParameter('binaryPropertyOutput', i, 'data') || 'data');
			}
			if (operation === 'getTask') {
				const id = String(ctx.getNodeParameter('taskId', i, '') ?? '').trim();
				if (!id)
					throw new InputError(
						'Task ID: is empty; give the task ID or external task ID to look up',
					);
				job.lookup = {
					by: ctx.getNodeParameter('lookupBy', i, 'taskId') as 'taskId' | 'externalTaskId',
					id,
				};
				continue;
			}
			const request = spec.prepare(ctx, i, client.provider.profile);
			if (callbackUrl) {
				if (request.body.callback_url !== undefined) {
					throw new InputError(
						'Callback URL: leave it empty when Wait is "Until Kling Calls Back"; the node sends this execution\'s own resume URL',
					);
				}
				request.body.callback_url = callbackUrl;
			}
			if (request.body.external_task_id === undefined) {
				request.body.external_task_id = batchExternalTaskId(batch, i);
			}
			for (const slot of request.images) {
				await checkImageRef(ctx, i, slot.ref, slot.field, slot.checkAspect ?? true);
			}
			const preview = JSON.parse(JSON.stringify(request.body)) as IDataObject;
			for (const slot of request.images) {
				setPath(preview, slot.path, slot.ref.kind === 'url' ? slot.ref.value : 'aGVsbG8=');
			}
			const parsed = spec.schema.safeParse(preview);
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				throw new InputError(`${issue.path.join('.') || 'request'}: ${issue.message}`);
			}
			job.request = request;
		} catch (error) {
			job.error = inputError(ctx, error, i);
			if (!continueOnFail) throw job.error;
		}
	}

	if (wait === 'callback' && jobs.some((j) => j.error)) {
		wait = 'poll';
		fallback = FALLBACK.itemError;
		for (const job of jobs) delete job.request?.body.callback_url;
	}

	// 2. Submit, watch and collect.
	const queue = jobs.filter((j) => !j.error);
	const active = new Set<Job>();
	let stopSubmitting = false;
	let busyAttempt = 0;
	let busyUntil = 0;
	let waitingForSlot = false;

	const fail = (job: Job, error: unknown) => {
		job.error =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(ctx.getNode(), (error as Error).message, {
						itemIndex: job.itemIndex,
					});
		active.delete(job);
		if (!continueOnFail) stopSubmitting = true;
	};

	const schedule = new PollSchedule();
	const finish = async (job: Job, task: KlingTask) => {
		job.task = task;
		active.delete(job);
		schedule.learn(task);
		// What this task taught may bring the others' next check forward.
		for (const other of active)
			other.nextPollAt = Math.min(
				other.nextPollAt,
				schedule.next(other.startedAt, other.intervalMs),
			);
		const settled = await settleTask(ctx, task, planOf(job), endpoint, client.provider.name);
		if ('error' in settled) fail(job, settled.error);
		else job.result = settled.item;
	};

	const nextCheck = (job: Job) => {
		const at = schedule.next(job.startedAt, job.intervalMs);
		// Until a task of this run has finished, nothing says when a slot frees: look every second.
		return wait === 'callback' && queue.length > 0 && schedule.learnedMs === undefined
			? Math.min(at, Date.now() + SLOT_WATCH_MS)
			: at;
	};
	let listUsable = true;

	const watchOrFinish = async (job: Job, task: KlingTask) => {
		job.task = task;
		progress.started(job.itemIndex, task, job.lookup ? 'found' : 'submitted');
		if (wait === 'none' || (wait === 'poll' && isFinal(task.status)))
			return await finish(job, task);
		// Callback-wait settles every task once, after the last one finishes.
		if (isFinal(task.status)) return;
		job.nextPollAt = nextCheck(job);
		active.add(job);
	};

	const drive = async () => {
		while (queue.length > 0 || active.size > 0) {
			if (client.isCancelled()) throw client.cancelledError();

			// Submit while there is room, unless Kling said the account is full.
			while (
				queue.length > 0 &&
				active.size < maxConcurrency &&
				!stopSubmitting &&
				!waitingForSlot &&
				Date.now() >= busyUntil
			) {
				const job = queue[0];
				try {
					if (job.lookup) {
						queue.shift();
						const task =
							job.lookup.by === 'taskId'
								? await client.getTask(endpoint, job.lookup.id, job.itemIndex)
								: await client.findByExternalId(endpoint, job.lookup.id, job.itemIndex);
						if (!task) {
							throw new NodeOperationError(
								ctx.getNode(),
								`No ${ENDPOINTS[endpoint].label} task has the external task ID "${job.lookup.id}"`,
								{ itemIndex: job.itemIndex },
							);
						}
						await watchOrFinish(job, task);
						continue;
					}
					const request = job.request!;
					const body = JSON.parse(JSON.stringify(request.body)) as IDataObject;
					for (const slot of request.images) {
						setPath(
							body,
							slot.path,
							await imageRequestValue(ctx, job.itemIndex, slot.ref, slot.field),
						);
					}
					const outcome = await client.tryCreate(endpoint, body, job.itemIndex);
					if (outcome.status === 'busy') {
						busyAttempt++;
						if (Date.now() > job.deadline) {
							queue.shift();
							fail(job, client.error(outcome.failure, job.itemIndex));
						} else if (active.size > 0) {
							waitingForSlot = true;
						} else {
							busyUntil = Date.now() + Math.min(BUSY_BACKOFF_MAX_MS, client.backoffMs(busyAttempt));
						}
						break;
					}
					busyAttempt = 0;
					queue.shift();
					job.startedAt = Date.now();
					await watchOrFinish(job, outcome.task);
				} catch (error) {
					if (queue[0] === job) queue.shift();
					fail(job, error);
				}
			}
			if (stopSubmitting) queue.length = 0;
			if (queue.length === 0 && active.size === 0) break;
			// Callback-wait only watches its tasks while some items still wait for a slot.
			if (wait === 'callback' && queue.length === 0) break;

			// Check the tasks that are due, then sleep until the next one is.
			const now = Date.now();
			// Tasks due within the next moment are checked now too, so one list read can cover them.
			const due = [...active].filter((j) => j.nextPollAt <= now + DUE_WINDOW_MS);
			if (!due.some((j) => j.nextPollAt <= now)) due.length = 0;
			// Several tasks due at once: one list read shows them all, where the provider has a list.
			const listed = new Map<string, KlingTask>();
			if (due.length >= 2 && listUsable) {
				const tasks = await client.listTasks(endpoint, active.size + 20);
				if (tasks) for (const t of tasks) listed.set(t.taskId, t);
				else listUsable = false;
			}
			for (const job of due) {
				try {
					const task =
						listed.get(job.task!.taskId) ??
						(await client.getTask(endpoint, job.task!.taskId, job.itemIndex));
					job.task = task;
					progress.seen(job.itemIndex, task);
					if (isFinal(task.status)) {
						waitingForSlot = false;
						if (wait === 'callback') {
							active.delete(job);
							schedule.learn(task);
						} else await finish(job, task);
					} else if (Date.now() >= job.deadline) {
						waitingForSlot = false;
						fail(
							job,
							new NodeOperationError(
								ctx.getNode(),
								`Task ${task.taskId} did not finish within the wait timeout (last status: ${task.status})`,
								{
									itemIndex: job.itemIndex,
									description: `The task keeps running at Kling. Pick the result up later with the Get Task operation (task ID ${task.taskId}${task.externalTaskId ? `, external task ID ${task.externalTaskId}` : ''}), or raise Wait Timeout.`,
								},
							),
						);
					} else {
						job.nextPollAt = Math.min(nextCheck(job), job.deadline);
					}
				} catch (error) {
					waitingForSlot = false;
					fail(job, error);
				}
			}
			// Tasks that just finished freed slots: submit at once rather than sleep until the next check.
			const canSubmit =
				queue.length > 0 && active.size < maxConcurrency && !stopSubmitting && !waitingForSlot;
			const wakeAt = Math.min(
				...[...active].map((j) => j.nextPollAt),
				queue.length > 0 && !waitingForSlot
					? Math.max(busyUntil, canSubmit ? 0 : Infinity)
					: Infinity,
			);
			if (Number.isFinite(wakeAt) && wakeAt > Date.now()) await client.pause(wakeAt - Date.now());
		}
	};
	await drive();

	// 3. Callback-wait: pause unless every task has already finished. Checking right before the
	// pause matters: a callback that arrives before n8n has saved the execution as waiting gets 409.
	if (wait === 'callback' && jobs.some((j) => j.error) && continueOnFail) {
		// A submit failed: the resumed node could not report it, so watch the rest by polling.
		wait = 'poll';
		fallback = FALLBACK.itemError;
		const now = Date.now();
		for (const job of jobs) {
			if (!job.task || job.error) continue;
			if (isFinal(job.task.status)) await finish(job, job.task);
			else active.add(Object.assign(job, { nextPollAt: now }));
		}
		await drive();
	}
	if (wait === 'callback' && !jobs.some((j) => j.error)) {
		const externalId = (job: Job) => String(job.request!.body.external_task_id);
		if (jobs.some((j) => !isFinal(j.task!.status))) {
			const state = await readBatch(client, endpoint, jobs.map(externalId));
			for (const job of jobs) job.task = state.tasks.get(externalId(job)) ?? job.task;
			if (!state.allFinal) {
				await ctx.putExecutionToWait(new Date(Math.max(...jobs.map((j) => j.deadline))));
				return [jobs.map((job) => pauseItem(job.itemIndex, job.task, externalId(job)))];
			}
		}
		for (const job of jobs) await finish(job, job.task!);
	}

	// 4. One output item per input item, in order.
	progress.finish(jobs.map((j) => j.task));
	const out: INodeExecutionData[] = [];
	const failed = new Set<INodeExecutionData>();
	const firstError = jobs.find((j) => j.error);
	if (firstError && !continueOnFail) {
		const others = jobs.filter((j) => j !== firstError && j.task).map((j) => j.task!.taskId);
		if (others.length > 0) {
			firstError.error!.description =
				`${firstError.error!.description ?? ''} Other tasks of this run were submitted and can be picked up with Get Task: ${others.join(', ')}.`.trim();
		}
		throw firstError.error!;
	}
	for (const job of jobs) {
		if (job.error) {
			const item = errorItem(errorJson(job.error, taskOf(job)), job.itemIndex);
			failed.add(item);
			out.push(item);
		} else if (job.result) {
			if (fallback) job.result.json.waitFallback = fallback;
			out.push(job.result);
		} else {
			const item = errorItem({ error: 'The item was not processed' }, job.itemIndex);
			failed.add(item);
			out.push(item);
		}
	}
	return nodeOutputs(ctx.getNode(), out, failed);
}
