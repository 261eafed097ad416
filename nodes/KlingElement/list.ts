import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { KlingClient } from '../shared/api/client';
import { connect } from '../shared/products/connect';
import type { KlingElement } from '../shared/api/task';
import { perItem } from '../shared/output/perItem';
import { element, elementPresets } from '../shared/products/element';

/** One page's size: Kling allows 500 (docs/reference/kling-api.md#elements-and-voices). */
const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

async function elementsOf(
	client: KlingClient,
	source: 'own' | 'presets',
	limit: number,
	itemIndex: number,
): Promise<KlingElement[]> {
	const found: KlingElement[] = [];
	for (let page = 1; page <= MAX_PAGES && found.length < limit; page++) {
		const { entries, elements } = await client.listElements(
			element,
			source === 'presets' ? elementPresets : element.endpoints.legacy[0],
			page,
			PAGE_SIZE,
			itemIndex,
		);
		found.push(...elements);
		if (entries < PAGE_SIZE) break;
	}
	return found.slice(0, limit);
}

/** List: the account's own elements or Kling's presets, one output item per element. */
export async function listElements(
	ctx: IExecuteFunctions,
	continueOnFail: boolean,
): Promise<INodeExecutionData[][]> {
	const client = await connect(ctx);
	return await perItem(ctx, continueOnFail, async (i) => {
		const source = ctx.getNodeParameter('source', i, 'own') as 'own' | 'presets';
		const all = ctx.getNodeParameter('returnAll', i, false) as boolean;
		const limit = all ? Infinity : Number(ctx.getNodeParameter('limit', i, 50));
		return (await elementsOf(client, source, limit, i)).map((e) => ({ ...e }));
	});
}
