/**
 * `GET /account/costs` (docs/reference/kling-api.md#account; Kling's "Account Information Inquiry" page): the
 * account's resource packs and what is left, free, outside `/v1`, API key or JWT, QPS ≤ 1. Kling
 * filters the packs by purchase time, so the window (start_time, end_time in ms, both required)
 * must reach back to when a pack was bought. The answer is Kling's envelope with `data { code, msg,
 * resource_pack_subscribe_infos[] }`; `resource_pack_type` is the billing kind (`decreasing_total`
 * or `constant_period`), `status` one of toBeOnline, online, expired, runOut. Which product a pack
 * pays for appears only in its name.
 */
import { KlingError } from './rules.mts';

export interface ResourcePack {
	name: string;
	/** What the pack's units pay for: the emulator's own accounting; Kling shows it only in the name. */
	type: 'video' | 'image';
	billing?: 'decreasing_total' | 'constant_period';
	total: number;
	/** Days before now the pack was bought (default 30). */
	boughtDaysAgo?: number;
}

export const DEFAULT_PACKS: ResourcePack[] = [
	{ name: 'Trial-Video-100Units-5Con', type: 'video', total: 100 },
	{ name: 'Trial-Image-1000Units-9Con', type: 'image', total: 1000, boughtDaysAgo: 200 },
];

const DAY = 86_400_000;

export function accountCosts(
	params: URLSearchParams,
	packs: ResourcePack[],
	spent: Record<'video' | 'image', number>,
	now = Date.now(),
): Record<string, unknown> {
	const start = Number(params.get('start_time'));
	const end = Number(params.get('end_time'));
	if (!params.get('start_time') || !params.get('end_time') || !(start <= end))
		throw new KlingError(
			400,
			1201,
			'start_time and end_time (ms) are required, start_time <= end_time',
		);
	const left = { ...spent };
	const infos = packs
		.map((pack, i) => {
			const purchase = now - (pack.boughtDaysAgo ?? 30) * DAY;
			const used = Math.min(pack.total, left[pack.type]);
			left[pack.type] -= used;
			const remaining = Math.round((pack.total - used) * 100) / 100;
			return {
				resource_pack_name: pack.name,
				resource_pack_id: `pack-${i + 1}`,
				resource_pack_type: pack.billing ?? 'decreasing_total',
				total_quantity: pack.total,
				remaining_quantity: remaining,
				purchase_time: purchase,
				effective_time: purchase,
				invalid_time: purchase + 365 * DAY,
				status: remaining > 0 ? 'online' : 'runOut',
			};
		})
		.filter((info) => info.purchase_time >= start && info.purchase_time <= end);
	return { code: 0, msg: 'success', resource_pack_subscribe_infos: infos };
	// The server wraps this as `data` in Kling's `{ code, message, request_id, data }` envelope.
}
