import { chain, itemsFromBody, kling, sinkNode, webhookNode } from './workflows.mts';

/** Workflows the queue-mode suites publish: a webhook in, `count` items, a Kling node, a sink. */

/** Webhook (POST /webhook/<id>, `{count, run, ext, image}`) → Items → `node` → Sink. */
export function flow(id: string, sinkUrl: string, node: Record<string, unknown>) {
	return chain(id, [
		webhookNode(`${id}-in`, id),
		itemsFromBody(
			`${id}-items`,
			'return Array.from({ length: b.count }, (_, i) => ({ json: { i, run: b.run, ext: b.ext, image: b.image } }));',
		),
		node,
		report(`${id}-out`, sinkUrl, id, "$('Items').item.json.run"),
	]);
}

/** What reaches the sink per item: the flow, the run, the item's JSON and its binary. */
export function report(id: string, sinkUrl: string, flowId: string, run = 'null') {
	return sinkNode(
		id,
		sinkUrl,
		`={{ JSON.stringify({ flow: '${flowId}', run: ${run}, item: $itemIndex, json: $json, binaryId: $binary.data ? $binary.data.id : null, mime: $binary.data ? $binary.data.mimeType : null }) }}`,
	);
}

export const i2v = (flowId: string, wait: string, extra: Record<string, unknown> = {}) =>
	kling(
		'klingImage2Video',
		'Kling Image to Video',
		{
			wait,
			waitTimeout: 5,
			pollInterval: 1,
			model: 'kling-v2-6',
			image: '={{ $json.image }}',
			prompt: '={{ "item " + $json.i }}',
			options: { maxConcurrency: 5, externalTaskId: '={{ $json.run + "-" + $json.i }}' },
			...extra,
		},
		{ webhookId: `${flowId}-kling-0000-4000-8000-000000000000`.slice(0, 36) },
	);
