import type { IDataObject } from 'n8n-workflow';

import { RESOLUTION_OF, type AnyModel, type Resolution, type VideoModel } from './catalogue';
import type { ProductFacts } from './product';

/** Video and image units are different currencies at Kling (docs/reference/kling-api.md#concurrency-and-billing): never summed. */
export type UnitPack = 'video' | 'image';

export interface UnitEstimate {
	units: number;
	pack: UnitPack;
}

/**
 * What Kling's price list (docs/reference/kling-api.md#models-and-prices) says a request costs, read from its
 * legacy-shaped body; a string says why it cannot tell (a model the catalogue does not know).
 */
export function estimateUnits(
	entry: AnyModel | undefined,
	body: IDataObject,
	product?: Pick<ProductFacts, 'price'>,
	inputSeconds?: number,
): UnitEstimate | string {
	const model = entry?.id ?? String(body.model_name ?? '');
	if (product?.price) return product.price(body, model, inputSeconds);
	if (!entry) return 'the model is not in the catalogue, so its price is unknown';
	if (entry.unpriced) return entry.unpriced;
	if (!('audio' in entry)) {
		const perImage =
			body.resolution === '4k'
				? (entry.unitsPerImage['4k'] ?? entry.unitsPerImage.default)
				: entry.unitsPerImage.default;
		return { units: round(perImage * Number(body.n ?? 1)), pack: 'image' };
	}
	const resolution = RESOLUTION_OF[String(body.mode ?? 'std')] ?? '720p';
	const perSecond = videoRate(entry, body)[resolution];
	if (perSecond === undefined)
		return `Kling's price list has no ${resolution} price for ${entry.name} with these settings`;
	return { units: round(perSecond * Number(body.duration ?? 5)), pack: 'video' };
}

function videoRate(entry: VideoModel, body: IDataObject): Partial<Record<Resolution, number>> {
	const { units } = entry;
	const has = (list: string) => Array.isArray(body[list]) && (body[list] as unknown[]).length > 0;
	if (has('video_list') && units.videoInput) return units.videoInput;
	if (has('voice_list') && units.voice) return units.voice;
	if (body.sound === 'on' && units.audio) return units.audio;
	return units.silent;
}

export const round = (n: number) => Math.round(n * 100) / 100;
