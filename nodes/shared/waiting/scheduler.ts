import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { KlingFailure } from '../api/errors';
import type { KlingProtocol } from '../api/protocol';
import type { ProductFacts } from '../models/product';
import type { TaskRoute } from '../api/routing';
import { isFinal, type KlingTask } from '../api/task';
import { asItemError, type ItemError } from '../output/output';
import type { Job, WaitMode } from './job';
import type { AccountBoard } from './accountBoard';
import { PollSchedule } from './pollSchedule';
import { eachAtOnce } from './pool';
import { findLookedUp } from './getTask';
import { kindOf } from '../input/alike';

const BUSY_BACKOFF_MAX_MS = 30_000;
/**
 * With a board, a 1303 with none of this execution's tasks running is tried again this far
 * apart, the shortest back-off Kling's concurrency guide allows (a 1303 creates and costs
 * nothing); a task of another execution here ending wakes it sooner. Slots held by other
 * processes (queue-mode workers) free unseen, so the wait stays short.
 */
const ACCOUNT_WATCH_MS = 1000;
let schedulers = 0;
/** Results downloaded at once; each streams into n8n's binary store, so this costs connections. */
const SETTLES_AT_ONCE = 8;
/** Callback-wait only watches its tasks to free slots for waiting items; one list read covers them all. */
const SLOT_WATCH_MS = 1000;
/** Tasks due within this window are checked together, so one read can cover them. */
const DUE_WINDOW_MS = 500;
/**
 * A wave's creates are answered a few ms apart, so its tasks fall due a few ms apart too: the
 * check waits for the last task due this soon after the first, so that one read can see them all
 * finished instead of a second read for the stragglers.
 */
const GATHER_MS = 20;
/** While items are still being read and none waits, how often the loop looks for new ones. */
const INPUT_WATCH_MS = 50;

export interface Clock {
	now(): number;
	/** Sleeps `ms`, or less once `woken` says so. */
	sleep(ms: number, woken?: () => boolean): Promise<void>;
}

/** What the scheduler needs from the API side: the protocol, plus backoff, errors and cancellation. */
export interface SchedulerClient extends KlingProtocol {
	backoffMs(attempt: number): number;
	error(failure: KlingFailure, itemIndex?: number): NodeApiError;
	isCancelled(): boolean;
	cancelledError(itemIndex?: number): NodeOperationError;
}

export interface SchedulerOptions {
	node: INode;
	product: ProductFacts;
	mode: WaitMode;
	maxConcurrency: number;
	continueOnFail: boolean;
	clock: Clock;
	/** The account's pool as this n8n process sees it, shared with its other executions. */
	board?: AccountBoard;
	/** The request body of a job, with its images read in. */
	bodyFor(job: Job): Promise<IDataObject>;
	/** Turns a final task into the job's output item (downloads included) or its error. */
	settle(job: Job, task: KlingTask): Promise<{ item: INodeExecutionData } | { error: ItemError }>;
	progress?: {
		started(itemIndex: number, task: KlingTask, how: 'submitted' | 'found'): void;
		seen(itemIndex: number, task: KlingTask): void;
	};
}

/**
 * Runs a batch of jobs against one account: submits up to Max Concurrent Tasks at once, waits
 * for a slot when Kling answers 1303, checks due tasks (one list read per wave where the provider
 * has a list), learns the task length, and settles each task once. The state lives in fields, the
 * clock and the client are injected, so a test can drive it without waiting.
 */
export class TaskScheduler {
	private readonly queue: Job[];
	private readonly active = new Set<Job>();
	private readonly timing = new PollSchedule();
	private mode: WaitMode;
	private stopSubmitting = false;
	private busyAttempt = 0;
	private busyUntil = 0;
	private waitingForSlot = false;
	/** Routes whose provider has no usable list: read task by task there. */
	private readonly unlistable = new Set<string>();
	private readonly id = `scheduler-${++schedulers}`;
	/** Finished polled tasks whose results are still to be downloaded, and the lanes doing it. */
	private readonly toSettle: Job[] = [];
	private readonly lanes = new Set<Promise<void>>();
	/** Items still being read (`add`, then `endInput`): the run is not over while they come. */
	private inputOpen = false;
	private arrived = false;

	constructor(
		private readonly client: SchedulerClient,
		private readonly options: SchedulerOptions,
		jobs: Job[],
	) {
		this.queue = jobs.filter((j) => !j.error);
		this.mode = options.mode;
	}

	private get now(): number {
		return this.options.clock.now();
	}

	/**
	 * Jobs handed over while the rest of the items are still being read, so the first creates go
	 * out before the last item is checked; `endInput` says no more will come.
	 */
	streamInput(): void {
		this.inputOpen = true;
	}

	add(job: Job): void {
		if (job.error) return;
		this.queue.push(job);
		this.arrived = true;
	}

	endInput(): void {
		this.inputOpen = false;
		this.arrived = true;
	}

	/** Until every task is settled; in callback-wait, until every task is submitted. */
	async run(): Promise<void> {
		try {
			await this.loop();
		} finally {
			while (this.lanes.size > 0) await Promise.all([...this.lanes]);
			// Tasks left running (callback-wait) end unseen here; the line moves on without us.
			this.options.board?.forget([...this.active].map((j) => j.task!.taskId));
			this.options.board?.leave(this.id);
		}
		// Downloads stop once the execution is cancelled; the items left have no result to give.
		if (this.toSettle.length > 0) throw this.client.cancelledError();
	}

	private async loop(): Promise<void> {
		while (this.queue.length > 0 || this.active.size > 0 || this.inputOpen) {
			if (this.client.isCancelled()) throw this.client.cancelledError();
			await this.submitWhileRoom();
			if (this.stopSubmitting) this.queue.length = 0;
			if (this.queue.length === 0 && this.active.size === 0 && !this.inputOpen) break;
			if (this.mode === 'callback' && this.queue.length === 0) break;
			await this.checkDue();
			await this.sleepUntilNext();
		}
	}

	/** Callback-wait after a failed submit: settle what has finished and poll the rest. */
	async continueAsPolling(jobs: Job[]): Promise<void> {
		this.mode = 'poll';
		for (const job of jobs) {
			if (!job.task || job.error) continue;
			if (isFinal(job.task.status)) await this.finish(job, job.task);
			else this.active.add(Object.assign(job, { nextPollAt: this.now }));
		}
		await this.run();
	}

	/** Settles finished tasks (a wave, or a callback-wait batch), each once, several at once. */
	async settleAll(jobs: Job[]): Promise<void> {
		for (const job of jobs) if (this.active.has(job)) this.release(job, job.task!);
		await eachAtOnce(jobs, SETTLES_AT_ONCE, async (job) => await this.settle(job));
	}

	private canSubmit(): boolean {
		return (
			this.queue.length > 0 &&
			this.myTurn() &&
			this.active.size < this.options.maxConcurrency &&
			!this.stopSubmitting &&
			!this.waitingForSlot &&
			this.now >= this.busyUntil
		);
	}

	/** Others of this process wait for the account's next slot: join the line behind them. */
	private myTurn(): boolean {
		const board = this.options.board;
		if (!board || board.mayTake(this.id)) return true;
		board.join(this.id);
		return false;
	}

	private async submitWhileRoom(): Promise<void> {
		while (this.canSubmit()) {
			const job = this.queue[0];
			try {
				if (job.lookup) {
					this.queue.shift();
					await this.lookUp(job);
				} else if (!(await this.submit(job))) {
					break;
				}
			} catch (error) {
				if (this.queue[0] === job) this.queue.shift();
				this.fail(job, error);
			}
		}
	}

	private async lookUp(job: Job): Promise<void> {
		const task = await findLookedUp(this.client, this.options, job);
		this.options.progress?.started(job.itemIndex, task, 'found');
		await this.watchOrFinish(job, task);
	}

	/** False when the account is full (1303): submitting pauses until a slot frees. */
	private async submit(job: Job): Promise<boolean> {
		const body = await this.options.bodyFor(job);
		job.route = job.request!.route;
		const key = job.request!.externalTaskId;
		const outcome = await this.client.tryCreate(job.route, body, job.itemIndex, key);
		if (outcome.status === 'busy') {
			this.onBusy(job, outcome.failure);
			return false;
		}
		this.busyAttempt = 0;
		this.options.board?.started(outcome.task.taskId);
		this.options.board?.leave(this.id);
		this.queue.shift();
		job.startedAt = this.now;
		this.options.progress?.started(job.itemIndex, outcome.task, 'submitted');
		await this.watchOrFinish(job, outcome.task);
		return true;
	}

	private onBusy(job: Job, failure: KlingFailure): void {
		this.busyAttempt++;
		this.options.board?.join(this.id);
		if (this.now > job.deadline) {
			this.queue.shift();
			this.fail(job, this.client.error(failure, job.itemIndex));
		} else if (this.active.size > 0) {
			// One of our own tasks will free a slot: wait for it rather than guess.
			this.waitingForSlot = true;
		} else {
			const backoff = this.client.backoffMs(this.busyAttempt);
			const cap = this.options.board ? ACCOUNT_WATCH_MS : BUSY_BACKOFF_MAX_MS;
			this.busyUntil = this.now + Math.min(cap, backoff);
		}
	}

	private async watchOrFinish(job: Job, task: KlingTask): Promise<void> {
		job.task = task;
		const final = isFinal(task.status);
		if (!final && job.route?.product.call === 'sync') return this.unanswered(job, task);
		if (this.mode === 'none' || (this.mode === 'poll' && final))
			return await this.finish(job, task);
		// Callback-wait settles every task once, after the last one finishes.
		if (final) return;
		job.nextPollAt = this.nextCheck(job);
		this.active.add(job);
	}

	/** A synchronous call answered without its result: there is no task to check later. */
	private unanswered(job: Job, task: KlingTask): void {
		this.options.board?.ended(task.taskId);
		const { label } = job.route!.product;
		const error = new NodeOperationError(
			this.options.node,
			`Kling answered the ${label} call without its result (status ${task.status})`,
			{
				itemIndex: job.itemIndex,
				description:
					'This call has no task to check later, and sending it again is charged again: run the node again to retry.',
			},
		);
		this.fail(job, error);
	}

	private nextCheck(job: Job): number {
		const kind = kindOf(job.request);
		const at = this.timing.next(job.startedAt, job.intervalMs, this.now, kind);
		// Until a task of this kind has finished, nothing says when a slot frees: look every second.
		const watchSlots =
			this.mode === 'callback' && this.queue.length > 0 && !this.timing.knows(kind);
		return watchSlots ? Math.min(at, this.now + SLOT_WATCH_MS) : at;
	}

	private dueJobs(): Job[] {
		const now = this.now;
		const due = [...this.active].filter((j) => j.nextPollAt <= now + DUE_WINDOW_MS);
		return due.some((j) => j.nextPollAt <= now) ? due : [];
	}

	/**
	 * Due tasks read together: the new standard's /tasks shows 20 per read; a legacy list page
	 * shows an endpoint's newest tasks, worth it from two due tasks on, where the provider has one.
	 */
	private async readTogether(due: Job[]): Promise<Map<string, KlingTask>> {
		const read = new Map<string, KlingTask>();
		const groups = new Map<string, { route: TaskRoute; ids: string[] }>();
		for (const job of due) {
			const key = job.route!.standard === 'new' ? 'new' : `legacy ${job.route!.legacy.path}`;
			const group = groups.get(key) ?? { route: job.route!, ids: [] };
			group.ids.push(job.task!.taskId);
			groups.set(key, group);
		}
		for (const [key, { route, ids }] of groups) {
			const legacy = route.standard === 'legacy';
			if (legacy && (ids.length < 2 || this.unlistable.has(key))) continue;
			// Every task of this run still running may be newer than the due ones on a list page.
			const tasks = await this.client.readMany(route, ids, 'taskId', this.active.size);
			if (tasks) for (const t of tasks) read.set(t.taskId, t);
			else this.unlistable.add(key);
		}
		return read;
	}

	/**
	 * Checks the due tasks; the finished ones free their slots, the next tasks are submitted into
	 * them, and the finished ones' results are downloaded in the background: a wave of 50 downloads
	 * awaited here kept the loop from seeing the next tasks end for as long as they took.
	 */
	private async checkDue(): Promise<void> {
		const due = this.dueJobs();
		const read = await this.readTogether(due);
		const finished: Job[] = [];
		for (const job of due) {
			try {
				const task =
					read.get(job.task!.taskId) ??
					(await this.client.getTask(job.route!, job.task!.taskId, job.itemIndex));
				if (this.observe(job, task)) finished.push(job);
			} catch (error) {
				this.waitingForSlot = false;
				this.fail(job, error);
			}
		}
		if (!finished.length) return;
		await this.submitWhileRoom();
		this.settleInBackground(finished);
	}

	/** At most SETTLES_AT_ONCE downloads at a time, across waves; `run` waits for the last. */
	private settleInBackground(jobs: Job[]): void {
		this.toSettle.push(...jobs);
		while (this.lanes.size < SETTLES_AT_ONCE && this.toSettle.length > 0) {
			const lane: Promise<void> = this.drainSettles().finally(() => this.lanes.delete(lane));
			this.lanes.add(lane);
		}
	}

	private async drainSettles(): Promise<void> {
		while (this.toSettle.length > 0 && !this.client.isCancelled()) {
			const job = this.toSettle.shift()!;
			try {
				await this.settle(job);
			} catch (error) {
				this.fail(job, error);
			}
		}
	}

	/** True when the task has finished and its job awaits settling (polling). */
	private observe(job: Job, task: KlingTask): boolean {
		job.task = task;
		this.options.progress?.seen(job.itemIndex, task);
		if (isFinal(task.status)) {
			this.waitingForSlot = false;
			this.release(job, task);
			if (this.mode === 'callback') return false;
			// Without Continue On Fail a failed task ends the run: nothing more is submitted.
			if (task.status === 'failed' && !this.options.continueOnFail) this.stopSubmitting = true;
			return true;
		} else if (this.now >= job.deadline) {
			this.waitingForSlot = false;
			this.fail(job, this.timeoutError(job, task));
		} else {
			job.nextPollAt = Math.min(this.nextCheck(job), job.deadline);
		}
		return false;
	}

	private timeoutError(job: Job, task: KlingTask): NodeOperationError {
		const external = task.externalTaskId ? `, external task ID ${task.externalTaskId}` : '';
		return new NodeOperationError(
			this.options.node,
			`Task ${task.taskId} did not finish within the wait timeout (last status: ${task.status})`,
			{
				itemIndex: job.itemIndex,
				description: `The task keeps running at Kling. Pick the result up later with the Get Task operation (task ID ${task.taskId}${external}), or raise Wait Timeout.`,
			},
		);
	}

	/** When a submit may go out: now, after a 1303 back-off, or, behind others in line, at a re-check. */
	private nextSubmitAt(): number {
		if (this.queue.length === 0 || this.waitingForSlot) return Infinity;
		if (!(this.options.board?.mayTake(this.id) ?? true)) return this.now + ACCOUNT_WATCH_MS;
		const room = this.active.size < this.options.maxConcurrency && !this.stopSubmitting;
		return Math.max(this.busyUntil, room ? 0 : Infinity);
	}

	/** A job has arrived that a free slot could take now. */
	private canSubmitSoon(): boolean {
		return this.queue.length > 0 && this.nextSubmitAt() <= this.now;
	}

	/** When the next check is due: the first due task, or the last of those due right after it. */
	private gatheredCheckAt(): number {
		const due = [...this.active].map((j) => j.nextPollAt);
		const first = Math.min(...due);
		return Math.max(first, ...due.filter((at) => at <= first + GATHER_MS));
	}

	/** Sleeps until the next check is due, or not at all when a freed slot can take a submit. */
	private async sleepUntilNext(): Promise<void> {
		const submitAt = this.nextSubmitAt();
		let wakeAt = Math.min(this.gatheredCheckAt(), submitAt);
		// Items still being read: wake when one arrives, or look again shortly.
		if (this.inputOpen) wakeAt = Math.min(wakeAt, this.now + INPUT_WATCH_MS);
		if (!Number.isFinite(wakeAt) || wakeAt <= this.now) return;
		const board = this.options.board;
		if (!board?.inLine(this.id)) {
			this.arrived = false;
			const woken = this.inputOpen ? () => this.arrived && this.canSubmitSoon() : undefined;
			return await this.options.clock.sleep(wakeAt - this.now, woken);
		}
		// In line for the account's next slot: a task of another execution here ending frees one.
		if (await board.wait(this.id, wakeAt - this.now, this.options.clock.sleep)) {
			this.waitingForSlot = false;
			this.busyUntil = 0;
		}
	}

	/** A finished task gives its slot back, and what it took may bring the others' checks forward. */
	private release(job: Job, task: KlingTask): void {
		job.task = task;
		this.active.delete(job);
		this.options.board?.ended(task.taskId);
		this.timing.learn(task, kindOf(job.request));
		for (const other of this.active) {
			const next = this.timing.next(
				other.startedAt,
				other.intervalMs,
				this.now,
				kindOf(other.request),
			);
			other.nextPollAt = Math.min(other.nextPollAt, next);
		}
	}

	private async finish(job: Job, task: KlingTask): Promise<void> {
		this.release(job, task);
		await this.settle(job);
	}

	private async settle(job: Job): Promise<void> {
		const settled = await this.options.settle(job, job.task!);
		if ('error' in settled) this.fail(job, settled.error);
		else job.result = settled.item;
	}

	private fail(job: Job, error: unknown): void {
		job.error = asItemError(this.options.node, error, job.itemIndex);
		this.active.delete(job);
		if (!this.options.continueOnFail) this.stopSubmitting = true;
	}
}
