import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { perItem } from './perItem';
import { connect } from '../products/connect';
import type { ProductSpec } from '../products/spec';

/**
 * List (Element, Voice): the account's own entries or Kling's presets, one output item each, as
 * many as Limit asks or all of them.
 */
export async function listOperation(
	ctx: IExecuteFunctions,
	product: ProductSpec,
	continueOnFail: boolean,
): Promise<INodeExecutionData[][]> {
	const lists = product.lists!;
	const client = await connect(ctx);
	return await perItem(ctx, continueOnFail, async (i) => {
		const source = ctx.getNodeParameter('source', i, 'own') as 'own' | 'presets';
		const all = ctx.getNodeParameter('returnAll', i, false) as boolean;
		const limit = all ? Infinity : Number(ctx.getNodeParameter('limit', i, 50));
		const endpoint = source === 'presets' ? lists.presets : product.endpoints.legacy[0];
		return await client.listAll(product, endpoint, limit, lists.pick, i);
	});
}
