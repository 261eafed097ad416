import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Runs `each` for every input item and pairs what it returns to that item. A failure stops the
 * node, or with continue-on-fail becomes the item's `{ error }`, as n8n's own nodes do.
 */
export async function perItem(
	ctx: IExecuteFunctions,
	continueOnFail: boolean,
	each: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[][]> {
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < ctx.getInputData().length; i++) {
		try {
			out.push(...(await each(i)).map((json) => ({ json, pairedItem: { item: i } })));
		} catch (error) {
			const failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(ctx.getNode(), (error as Error).message ?? String(error), {
							itemIndex: i,
						});
			if (!continueOnFail) throw failure;
			out.push({ json: { error: failure.message }, pairedItem: { item: i } });
		}
	}
	return [out];
}
