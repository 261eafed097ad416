import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { QUICK, checkTargets, runBench } from '../../bench/run.mts';

// Smoke test: the benchmark still runs end to end. No timing assertions; the figures are in bench/.
// The regression flag is checked by the full bench (bench/README.md), not here: it needs real lengths.
describe('npm run bench (quick variant)', () => {
	it('runs every scenario and contender in one n8n and writes the report', async () => {
		const out = mkdtempSync(path.join(os.tmpdir(), 'kling-bench-'));
		const records = await runBench(QUICK, out);
		expect(records.map((r) => `${r.scenario}/${r.contender}`)).toEqual([
			'fan-out/polling',
			'fan-out/callback',
			'fan-out/pollingLegacy',
			'fan-out/callbackLegacy',
			'fan-out/rival',
			'big-binaries/polling',
			'big-binaries/polling',
			'big-results/polling',
			'big-results/polling',
			'overhead/polling',
			'overhead/rival',
		]);
		expect(records.every((r) => r.maxCreatesPerItem === 1)).toBe(true);
		// Varied lengths: the runs' lower bound is computed from the tasks, not ceil(N/C)·T.
		const polling = records.find((r) => r.contender === 'polling')!;
		expect(polling.runRatios).toHaveLength(QUICK.reps);
		expect(polling.idealMs).not.toBe(Math.ceil(QUICK.n / QUICK.concurrency) * QUICK.taskMs);
		// Every target is measured and reported (met or not: no timing assertion here).
		expect(checkTargets(records, QUICK).map((c) => c.target.split(':')[0])).toEqual([
			'polling, new standard, warm',
			'polling, new standard, cold (the first run in a fresh n8n)',
			'callback-wait, new standard, warm',
			'polling, legacy standard, warm',
			'callback-wait, legacy standard, warm',
			'polling',
			'callback-wait',
			'polling',
			'callback',
			'pollingLegacy',
			'callbackLegacy',
			'at most 1 create for any item, duplicate guard off',
			'big binaries',
			'big results',
		]);
		expect(records.find((r) => r.contender === 'callback')!.peakConcurrency).toBeLessThanOrEqual(
			QUICK.concurrency,
		);
		for (const file of [
			'results.md',
			'results.json',
			'timeline-polling.svg',
			'timeline-callback.svg',
			'timeline-pollingLegacy.svg',
			'timeline-callbackLegacy.svg',
			'timeline-rival.svg',
		]) {
			expect(existsSync(path.join(out, file))).toBe(true);
		}
	});
});
