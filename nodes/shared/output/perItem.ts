import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asItemError, errorItem, errorJson, nodeOutputs } from './output';

/**
 * The item loop of the operations without tasks (List, Account): runs `each` for every input
 * item and pairs what it returns to that item. A failure stops the node, or with Continue On Fail
 * becomes the item's error, shaped and routed (error output included) as a generation's is.
 */
export async function perItem(
	ctx: IExecuteFunctions,
	continueOnFail: boolean,
	each: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[][]> {
	const out: INodeExecutionData[] = [];
	const failed = new Set<INodeExecutionData>();
	for (let i = 0; i < ctx.getInputData().length; i++) {
		try {
			out.push(...(await each(i)).map((json) => ({ json, pairedItem: { item: i } })));
		} catch (error) {
			const failure = asItemError(ctx.getNode(), error, i);
			if (!continueOnFail) throw failure;
			const item = errorItem(errorJson(failure, {}), i);
			failed.add(item);
			out.push(item);
		}
	}
	return nodeOutputs(ctx.getNode(), out, failed);
}
