import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { perItem } from '../../../nodes/shared/output/perItem.ts';
import { TEST_NODE } from '../../support/context.mts';

function ctx(onError?: INode['onError']) {
	return {
		getInputData: () => [{ json: {} }, { json: {} }, { json: {} }],
		getNode: () => ({ ...TEST_NODE, onError }),
	} as unknown as IExecuteFunctions;
}

const each = async (i: number) => {
	if (i === 1) throw new Error('Kling said no');
	return [{ n: i }];
};

describe('the item loop of List and Account', () => {
	it('without Continue On Fail, the first failure stops the node, naming its item', async () => {
		const error = await perItem(ctx(), false, each).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
	});

	it('with it, the failed item carries the error as a generation item does, in order', async () => {
		const [out] = await perItem(ctx('continueRegularOutput'), true, each);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json).toEqual({
			error: 'Kling said no',
			description: null,
			code: null,
			requestId: null,
			taskId: null,
			externalTaskId: null,
			status: null,
		});
	});

	it('sends failed items to the error output when the node has one', async () => {
		const outputs = await perItem(ctx('continueErrorOutput'), true, each);
		expect(outputs.map((o) => o.map((i) => i.pairedItem))).toEqual([
			[{ item: 0 }, { item: 2 }],
			[{ item: 1 }],
		]);
	});
});
