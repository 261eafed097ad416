import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { collectOutputs } from '../../../nodes/shared/waiting/collect.ts';
import type { Job } from '../../../nodes/shared/waiting/job.ts';
import { TEST_NODE } from '../../support/context.mts';

const ctx = (onError?: INode['onError']) =>
	({ getNode: () => ({ ...TEST_NODE, onError }) }) as unknown as IExecuteFunctions;

const done = (i: number): Job =>
	({
		itemIndex: i,
		task: { taskId: `t${i}`, status: 'succeeded' },
		result: { json: { status: 'succeeded' }, pairedItem: { item: i } },
	}) as unknown as Job;
const failed = (i: number): Job =>
	({
		itemIndex: i,
		task: { taskId: `t${i}`, externalTaskId: null, status: 'failed' },
		error: new NodeOperationError(TEST_NODE, `task t${i} failed`, { itemIndex: i }),
	}) as unknown as Job;

describe('one output item per input item', () => {
	it('in order, each error item linked to its input, with the wait fallback said once per item', () => {
		const [out] = collectOutputs(ctx(), [done(0), failed(1), done(2)], true, 'polled instead');
		expect(out.map((i) => i.json.error ?? i.json.status)).toEqual([
			'succeeded',
			'task t1 failed',
			'succeeded',
		]);
		expect(out[1].pairedItem).toEqual({ item: 1 });
		expect(out[0].json.waitFallback).toBe('polled instead');
	});

	it('sends errors to the error output when the node has one', () => {
		const [ok, errors] = collectOutputs(
			ctx('continueErrorOutput'),
			[done(0), failed(1)],
			true,
			undefined,
		);
		expect(ok.map((i) => i.json.status)).toEqual(['succeeded']);
		expect(errors.map((i) => i.json.taskId)).toEqual(['t1']);
	});

	it('without Continue On Fail, throws the first error naming the other tasks paid for', () => {
		expect(() => collectOutputs(ctx(), [done(0), failed(1), done(2)], false, undefined)).toThrow(
			'task t1 failed',
		);
		const error = failed(1);
		try {
			collectOutputs(ctx(), [done(0), error, done(2)], false, undefined);
		} catch {
			// the thrown error is the job's own, now naming the others
		}
		expect(error.error!.description).toBe(
			'Other tasks of this run were submitted and can be picked up with Get Task: t0, t2.',
		);
	});
});
