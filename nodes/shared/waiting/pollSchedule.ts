import type { KlingTask } from '../api/task';
import { processMemory } from '../core/processMemory';

/**
 * A task is checked just after its learned duration: the start is taken when the create answered,
 * after Kling's own created time, so the learned length (Kling's clock) already errs late; the
 * margin (a tenth of it, at most 10 ms) only absorbs rounding of Kling's millisecond times. It is
 * idle slot time paid once per wave: 50 ms cost 1 s over the 20 waves of 1,000 items at C = 50.
 * A task still running then is re-checked in steps of a tenth of it (at least 1 s, unless the
 * task itself is shorter, and never under 100 ms): both scale with the task, so sub-second tasks
 * are not held up by margins meant for minutes.
 */
const MAX_MARGIN_MS = 10;
const MIN_RECHECK_MS = 1000;
const FLOOR_RECHECK_MS = 100;

/**
 * How long the last task of a kind (model, resolution, length) took, across the executions of
 * this n8n process: a pipeline that runs again checks its first wave when its tasks should be done
 * instead of one poll interval later. Only a first check is moved by it; a wrong guess costs one
 * read. Bounded, so a long-running n8n does not grow it.
 */
const typical = processMemory<string, number>('typical task lengths', 256);

/** Forgets what earlier executions taught; tests that must start cold call it. */
export function forgetTypicalDurations(): void {
	typical.clear();
}

/**
 * Poll timing that learns from the run's own finished tasks (Kling's created/updated times), so
 * later tasks are checked when they should be done rather than on the next fixed tick.
 */
export class PollSchedule {
	private readonly durations: number[] = [];

	learn(task: KlingTask, kind?: string): void {
		if (task.createdAt === null || task.updatedAt === null || task.status !== 'succeeded') return;
		const ms = Math.max(0, task.updatedAt - task.createdAt);
		this.durations.push(ms);
		this.durations.sort((a, b) => a - b);
		if (kind) typical.set(kind, ms);
	}

	/** What earlier executions saw for this kind of task, while this run has seen none finish. */
	priorMs(kind?: string): number | undefined {
		return this.learnedMs === undefined && kind ? typical.get(kind) : undefined;
	}

	get learnedMs(): number | undefined {
		return this.durations.length
			? this.durations[Math.floor(this.durations.length / 2)]
			: undefined;
	}

	/** When to check a task next: at its expected finish if that comes first, else one interval on. */
	next(startedAt: number, intervalMs: number, now: number, kind?: string): number {
		const learned = this.learnedMs;
		if (learned === undefined) {
			const prior = this.priorMs(kind);
			const expected = prior === undefined ? Infinity : startedAt + prior + MAX_MARGIN_MS;
			return expected > now ? Math.min(expected, now + intervalMs) : now + intervalMs;
		}
		const expected = startedAt + learned + Math.min(MAX_MARGIN_MS, learned / 10);
		if (expected > now) return Math.min(expected, now + intervalMs);
		// Past its expected finish: check again soon, in proportion to the task's length.
		const step = Math.max(FLOOR_RECHECK_MS, Math.min(MIN_RECHECK_MS, learned), learned / 10);
		return now + Math.min(intervalMs, step);
	}
}
