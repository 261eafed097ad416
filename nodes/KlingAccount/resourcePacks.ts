import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { KlingClient } from '../shared/api/client';
import { perItem } from '../shared/output/perItem';

const DAY_MS = 86_400_000;

const iso = (ms: unknown) =>
	typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null;

function packJson(pack: IDataObject): IDataObject {
	return {
		name: pack.resource_pack_name ?? null,
		id: pack.resource_pack_id ?? null,
		type: pack.resource_pack_type ?? null,
		total: pack.total_quantity ?? null,
		remaining: pack.remaining_quantity ?? null,
		status: pack.status ?? null,
		purchasedAt: iso(pack.purchase_time),
		effectiveAt: iso(pack.effective_time),
		expiresAt: iso(pack.invalid_time),
	};
}

/** Units left per pack type, from the packs Kling shows as usable ("online"). */
function remainingByType(packs: IDataObject[]): IDataObject {
	const left: Record<string, number> = {};
	for (const pack of packs.filter((p) => String(p.status).toLowerCase() === 'online')) {
		const type = String(pack.type ?? 'unknown');
		left[type] = Math.round(((left[type] ?? 0) + Number(pack.remaining ?? 0)) * 100) / 100;
	}
	return left;
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
	return { provider: name, remaining: remainingByType(packs), packs: shown };
}

/** Get Resource Packs: one item per input item, with the packs and the units left per type. */
export async function getResourcePacks(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = await KlingClient.connect(ctx);
	return await perItem(ctx, async (i) => [await readPacks(ctx, client, i)]);
}
