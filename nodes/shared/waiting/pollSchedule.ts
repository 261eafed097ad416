import type { KlingTask } from '../api/task';

/**
 * A task is checked a little after its learned duration (a tenth of it, at most 250 ms), and
 * re-checked in steps of a tenth of it (at least 1 s, unless the task itself is shorter, and never
 * under 100 ms): both scale with the task, so sub-second tasks are not held up by margins meant
 * for minutes.
 */
const MAX_MARGIN_MS = 250;
const MIN_RECHECK_MS = 1000;
const FLOOR_RECHECK_MS = 100;

/**
 * Poll timing that learns from the run's own finished tasks (Kling's created/updated times), so
 * later tasks are checked when they should be done rather than on the next fixed tick.
 */
export class PollSchedule {
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
	next(startedAt: number, intervalMs: number, now: number): number {
		const learned = this.learnedMs;
		if (learned === undefined) return now + intervalMs;
		const expected = startedAt + learned + Math.min(MAX_MARGIN_MS, learned / 10);
		if (expected > now) return Math.min(expected, now + intervalMs);
		// Past its expected finish: check again soon, in proportion to the task's length.
		const step = Math.max(FLOOR_RECHECK_MS, Math.min(MIN_RECHECK_MS, learned), learned / 10);
		return now + Math.min(intervalMs, step);
	}
}
