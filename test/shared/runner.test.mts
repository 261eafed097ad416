import { describe, expect, it } from 'vitest';

import { KlingImage2Video } from '../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { binaryItem, emulatorCredentials, makeContext } from '../helpers/context.mts';
import { PNG, useEmulator } from '../helpers/emulator.mts';

const node = new KlingImage2Video();

describe('polling schedule', () => {
	const env = useEmulator({ videoTaskMs: 1000, submittedMs: 100, concurrency: 3 });

	it('learns the task length from the first wave and checks later tasks once, when they should be done', async () => {
		const c = makeContext({
			params: { operation: 'generate', model: 'kling-v2-6', image: 'data', prompt: 'p', wait: 'poll', waitTimeout: 1, pollInterval: 4, downloadResult: false, options: { maxConcurrency: 3 } },
			items: Array.from({ length: 6 }, () => binaryItem(PNG)),
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		expect(out.map((i) => i.json.status)).toEqual(Array(6).fill('succeeded'));
		const { tasks, pollsByTask, peakConcurrency } = env.emulator.snapshot();
		expect(peakConcurrency).toBe(3);
		const polls = tasks.map((t) => pollsByTask[t.id]);
		// First wave: one check at the 4 s interval. Second wave: one check at the learned ~1 s.
		expect(polls).toEqual([1, 1, 1, 1, 1, 1]);
		// The second wave was checked at its learned length (~1.25 s after creation, emulator clock),
		// not at the 4 s interval the first wave needed to teach it.
		const requests = env.emulator.snapshot().requests.filter((r) => r.kind === 'query');
		for (const task of tasks.slice(3)) {
			const check = requests.find((r) => r.path.endsWith(`/${task.id}`))!;
			expect(check.at - task.createdAt).toBeLessThan(3000);
		}
	});
});
