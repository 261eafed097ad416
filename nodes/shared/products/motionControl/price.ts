import type { IDataObject } from 'n8n-workflow';

import { round, type UnitEstimate } from '../../models/estimate';

/** Units per output second, by model and mode (docs/reference/kling-api.md#motion-control). */
export const MOTION_UNITS: Record<string, { std: number; pro: number }> = {
	'kling-v3': { std: 0.9, pro: 1.2 },
	'kling-v2-6': { std: 0.5, pro: 0.8 },
};

/**
 * Kling bills the output's seconds, which follow the motion video: at most 10 s when the image
 * decides the orientation, 30 s when the video does. The estimate is that upper bound.
 */
export function price(body: IDataObject, model: string): UnitEstimate | string {
	const rates = MOTION_UNITS[model];
	if (!rates) return `Kling's price list has no motion control price for ${model}`;
	const seconds = body.character_orientation === 'video' ? 30 : 10;
	return { units: round(rates[body.mode === 'pro' ? 'pro' : 'std'] * seconds), pack: 'video' };
}
