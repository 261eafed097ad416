import type { IExecuteFunctions } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { KlingTask } from '../../../nodes/shared/api/task.ts';
import { Progress } from '../../../nodes/shared/waiting/progress.ts';

function context() {
	const ui: string[] = [];
	const log: string[] = [];
	const hints: Array<{ message: string }> = [];
	const ctx = {
		getNode: () => ({ name: 'Kling' }),
		sendMessageToUI: (text: string) => ui.push(text),
		logger: { debug: (text: string) => log.push(text) },
		addExecutionHints: (hint: { message: string }) => hints.push(hint),
	} as unknown as IExecuteFunctions;
	return { ctx, ui, log, hints };
}

const task = (taskId: string, status: string) => ({ taskId, status }) as KlingTask;

describe('progress a user sees while the node waits', () => {
	// Elapsed time comes from a fake clock: the lines must not depend on the machine's speed.
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-12-07T10:00:00Z'));
	});
	afterEach(() => vi.useRealTimers());

	it('says each submit and each status change once, in the UI and the debug log', () => {
		const { ctx, ui, log } = context();
		const progress = new Progress(ctx, 2);
		progress.started(0, task('t1', 'submitted'), 'submitted');
		progress.seen(0, task('t1', 'submitted'));
		progress.seen(0, task('t1', 'processing'));
		expect(ui).toEqual([
			'[Kling] item 1/2: task t1 submitted (submitted), 0 s elapsed',
			'[Kling] item 1/2: task t1 now processing, 0 s elapsed',
		]);
		expect(log).toEqual(ui.map((line) => `Kling: ${line}`));
	});

	it('sums the tasks up above the output, and says nothing when there were none', () => {
		const { ctx, hints } = context();
		new Progress(ctx, 3).finish([undefined]);
		expect(hints).toEqual([]);
		const progress = new Progress(ctx, 3);
		vi.setSystemTime(new Date('2026-12-07T10:01:05Z'));
		progress.finish([task('a', 'succeeded'), task('b', 'succeeded'), task('c', 'failed')]);
		expect(hints.map((h) => h.message)).toEqual([
			'Kling: 3 tasks (2 succeeded, 1 failed) in 1 min 5 s.',
		]);
	});

	it('keeps going when there is no UI to send to (a production run)', () => {
		const { ctx, log } = context();
		(ctx as unknown as { sendMessageToUI: () => void }).sendMessageToUI = () => {
			throw new Error('no UI');
		};
		new Progress(ctx, 1).started(0, task('t1', 'submitted'), 'found');
		expect(log).toHaveLength(1);
	});
});
