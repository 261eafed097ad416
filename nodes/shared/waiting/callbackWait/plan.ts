import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { ItemPlan } from '../../output/output';
import type { ProductFacts } from '../../models/product';
import { soundOf } from '../../models/catalogue';
import { chooseRoute, modelName } from '../../api/routing';
import { generatedExternalId } from '../../api/createdTasks';
import type { KlingClient } from '../../api/client';

/**
 * An item's plan, rebuilt by the webhook: n8n drops the waiting run's data, so the per-item
 * settings are evaluated again against the node's input items, which it keeps.
 */

/** A node parameter as `execute` saw it for this item: expressions are evaluated against the item. */
export function itemParameter(
	ctx: IWebhookFunctions,
	path: string,
	itemIndex: number,
	fallback: unknown,
): unknown {
	const raw = path
		.split('.')
		.reduce<unknown>((v, key) => (v as IDataObject | undefined)?.[key], ctx.getNode().parameters);
	if (typeof raw === 'string' && raw.startsWith('='))
		return ctx.evaluateExpression(raw.slice(1), itemIndex);
	return raw === undefined ? fallback : ctx.getNodeParameter(path, fallback);
}

export function planFor(
	ctx: IWebhookFunctions,
	client: KlingClient,
	product: ProductFacts,
	batch: string,
	itemIndex: number,
) {
	const custom = String(itemParameter(ctx, 'options.externalTaskId', itemIndex, '') ?? '').trim();
	const model = String(itemParameter(ctx, 'model', itemIndex, '') ?? '').trim();
	const plan: ItemPlan = {
		itemIndex,
		download: Boolean(itemParameter(ctx, 'downloadResult', itemIndex, true)),
		outputField: String(itemParameter(ctx, 'binaryPropertyOutput', itemIndex, 'data') || 'data'),
		model: model || null,
		apiStandard: null,
		startedAt: Date.now(),
	};
	// The same choice execute made: the same model and credential lead to the same route.
	const route = chooseRoute(product, model, client.provider.profile, client.credentials);
	plan.model = modelName(route) || null;
	plan.apiStandard = route.standard;
	plan.sound = soundOf(route.entry);
	const externalId = custom || generatedExternalId(product, batch, itemIndex);
	return { plan, route, externalId, taskId: undefined as string | undefined };
}

export type BatchItems = Array<ReturnType<typeof planFor>>;
