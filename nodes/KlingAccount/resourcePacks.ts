import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KlingClient } from '../shared/api/client';
import { connect } from '../shared/products/connect';
import { perItem } from '../shared/output/perItem';

const DAY_MS = 86_400_000;

const iso = (ms: unknown) =>
	typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null;

/**
 * Which product a pack's units pay for. Kling's answer says it nowhere but in the pack's name
 * (`Trial-Video-100Units-5Con`, "Video Generation - 10,000 entries"); `resource_pack_type` is how
 * the pack is billed (`decreasing_total` or `constant_period`). A name that names no product, or
 * more than one, is "unknown": a video unit (~$0.14) and an image unit (~$0.0035) must never be
 * added up on a guess.
 */
export type PackProduct = 'video' | 'image' | 'audio' | 'unknown';

const PRODUCT_WORDS: Array<[Exclude<PackProduct, 'unknown'>, RegExp]> = [
	['video', /video|视频/i],
	['image', /image|picture|图片|图像/i],
	['audio', /audio|sound|speech|voice|tts|音频|音效|语音/i],
];

export function packProduct(name: unknown): PackProduct {
	const found = PRODUCT_WORDS.filter(([, words]) => words.test(String(name ?? '')));
	return found.length === 1 ? found[0][0] : 'unknown';
}

function packJson(pack: IDataObject): IDataObject {
	return {
		name: pack.resource_pack_name ?? null,
		id: pack.resource_pack_id ?? null,
		product: packProduct(pack.resource_pack_name),
		billingKind: pack.resource_pack_type ?? null,
		total: pack.total_quantity ?? null,
		remaining: pack.remaining_quantity ?? null,
		status: pack.status ?? null,
		purchasedAt: iso(pack.purchase_time),
		effectiveAt: iso(pack.effective_time),
		expiresAt: iso(pack.invalid_time),
	};
}

const add = (a: number | undefined, b: unknown) =>
	Math.round(((a ?? 0) + Number(b ?? 0)) * 100) / 100;

/**
 * Units left in the packs Kling shows as usable ("online"), per product, and per product and
 * billing kind. Never one total across products.
 */
function remainingOf(packs: IDataObject[]): { byProduct: IDataObject; byBillingKind: IDataObject } {
	const byProduct: Record<string, number> = {};
	const byBillingKind: Record<string, Record<string, number>> = {};
	for (const pack of packs.filter((p) => String(p.status).toLowerCase() === 'online')) {
		const product = String(pack.product);
		const kind = String(pack.billingKind ?? 'unknown');
		byProduct[product] = add(byProduct[product], pack.remaining);
		byBillingKind[product] ??= {};
		byBillingKind[product][kind] = add(byBillingKind[product][kind], pack.remaining);
	}
	return { byProduct, byBillingKind };
}

async function readPacks(ctx: IExecuteFunctions, client: KlingClient, i: number) {
	const { profile, name } = client.provider;
	if (profile.pathPrefix) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${profile.label} documents no account read; check its balance in the ${profile.label} dashboard`,
			{ itemIndex: i },
		);
	}
	const days = Number(ctx.getNodeParameter('lookBackDays', i, 400));
	const now = Date.now();
	const packs = (await client.resourcePacks(now - days * DAY_MS, now, i)).map(packJson);
	const onlyUsable = ctx.getNodeParameter('onlyUsable', i, false) as boolean;
	const shown = onlyUsable
		? packs.filter((p) => String(p.status).toLowerCase() === 'online')
		: packs;
	const { byProduct, byBillingKind } = remainingOf(packs);
	return {
		provider: name,
		remaining: byProduct,
		remainingByBillingKind: byBillingKind,
		packs: shown,
	};
}

/** Get Resource Packs: one item per input item, with the packs and the units left per type. */
export async function getResourcePacks(
	ctx: IExecuteFunctions,
	continueOnFail: boolean,
): Promise<INodeExecutionData[][]> {
	const client = await connect(ctx);
	return await perItem(ctx, continueOnFail, async (i) => [await readPacks(ctx, client, i)]);
}
