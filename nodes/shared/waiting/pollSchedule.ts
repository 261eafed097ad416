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
 * How long recent tasks of a kind (model, resolution, length) took, across the executions of
 * this n8n process: a pipeline that runs again checks its first wave when its tasks may be done
 * instead of one poll interval later. Bounded, so a long-running n8n does not grow it.
 */
const typical = processMemory<string, number[]>('typical task lengths', 256);
/** Lengths kept per kind: enough to know the spread, few enough to follow a change at Kling. */
const KEPT = 16;

/** Forgets what earlier executions taught; tests that must start cold call it. */
export function forgetTypicalDurations(): void {
	typical.clear();
}

/**
 * Poll timing that learns from finished tasks (Kling's created/updated times): a task is first
 * checked when the shortest of its kind would be done, then in steps of an eighth of the spread
 * between the shortest and the longest, so a task that ends early is not seen at the typical
 * length and one that ends late not a whole step after. Tasks that all take the same time keep
 * the coarser step of a tenth of their length, so equal tasks are not read in a stream.
 */
export class PollSchedule {
	private readonly durations: number[] = [];

	learn(task: KlingTask, kind?: string): void {
		if (task.createdAt === null || task.updatedAt === null || task.status !== 'succeeded') return;
		const ms = Math.max(0, task.updatedAt - task.createdAt);
		this.durations.push(ms);
		this.durations.sort((a, b) => a - b);
		if (kind) typical.set(kind, [...(typical.get(kind) ?? []), ms].slice(-KEPT));
	}

	/** True once this run or an earlier execution has seen a task of this kind finish. */
	knows(kind?: string): boolean {
		return this.sample(kind).length > 0;
	}

	/** This run's lengths, or, until one of its tasks has finished, earlier executions'. */
	private sample(kind?: string): number[] {
		if (this.durations.length) return this.durations;
		return [...((kind && typical.get(kind)) || [])].sort((a, b) => a - b);
	}

	/** When to check a task next: when it may be done if that comes first, else one step on. */
	next(startedAt: number, intervalMs: number, now: number, kind?: string): number {
		const sample = this.sample(kind);
		if (!sample.length) return now + intervalMs;
		const shortest = sample[0];
		const expected = startedAt + shortest + Math.min(MAX_MARGIN_MS, shortest / 10);
		if (expected > now) return Math.min(expected, now + intervalMs);
		return now + Math.min(intervalMs, recheckStep(shortest, sample[sample.length - 1]));
	}
}

/** A tenth of the task (at least 1 s unless the task is shorter), finer where lengths vary. */
function recheckStep(shortest: number, longest: number): number {
	const coarse = Math.max(FLOOR_RECHECK_MS, Math.min(MIN_RECHECK_MS, shortest), shortest / 10);
	const spread = longest - shortest;
	return spread > 0 ? Math.max(FLOOR_RECHECK_MS, Math.min(coarse, spread / 8)) : coarse;
}
