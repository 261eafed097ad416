import type { IExecuteFunctions } from 'n8n-workflow';

import type { KlingTask } from '../api/task';

/**
 * What a user can see while a node waits minutes for Kling. n8n 2.x gives a running node no
 * progress bar; it offers three channels, and this uses each for what it shows best:
 * - `sendMessageToUI`: live lines in the browser console of a manual run (task IDs as they are
 *   submitted, every status change, elapsed time);
 * - the logger (debug, so a batch of thousands does not flood an info log): the same lines in
 *   n8n's log, for production and queue-mode runs;
 * - execution hints: a summary above the node's output once it finishes (tasks, outcome, time).
 */
export class Progress {
	private readonly startedAt = Date.now();
	private readonly statuses = new Map<string, string>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly total: number,
	) {}

	/** A task this run submitted, or found with Get Task. */
	started(itemIndex: number, task: KlingTask, how: 'submitted' | 'found'): void {
		this.statuses.set(task.taskId, task.status);
		this.say(`item ${itemIndex + 1}/${this.total}: task ${task.taskId} ${how} (${task.status})`);
	}

	seen(itemIndex: number, task: KlingTask): void {
		if (this.statuses.get(task.taskId) === task.status) return;
		this.statuses.set(task.taskId, task.status);
		this.say(`item ${itemIndex + 1}/${this.total}: task ${task.taskId} now ${task.status}`);
	}

	/** A summary shown above the output: how many tasks ended how, and how long it took. */
	finish(tasks: Array<KlingTask | undefined>): void {
		const known = tasks.filter((t): t is KlingTask => t !== undefined);
		if (known.length === 0) return;
		const counts = new Map<string, number>();
		for (const t of known) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
		const outcome = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
		const message = `Kling: ${known.length} task${known.length === 1 ? '' : 's'} (${outcome}) in ${this.elapsed()}.`;
		this.ctx.addExecutionHints?.({ message, type: 'info', location: 'outputPane' });
	}

	private say(line: string): void {
		const text = `[${this.ctx.getNode().name}] ${line}, ${this.elapsed()} elapsed`;
		this.ctx.logger?.debug(`Kling: ${text}`);
		try {
			this.ctx.sendMessageToUI?.(text);
		} catch {
			// Only manual runs have a UI to send to; elsewhere the log line is enough.
		}
	}

	private elapsed(): string {
		const seconds = Math.round((Date.now() - this.startedAt) / 1000);
		return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
	}
}
