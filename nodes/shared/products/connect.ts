import { KlingClient } from '../api/client';
import { routeOverrideLines } from '../api/relaySettings';
import type { RetryPolicy } from '../api/retry';
import type { KlingContext } from '../api/transport';
import { KLING_PATHS } from './registry';

/**
 * The account's client, once the credential's Route Overrides are known to replace only paths a
 * Kling node calls: a mistyped path would otherwise be ignored without a word.
 */
export async function connect(
	ctx: KlingContext,
	retry: Partial<RetryPolicy> = {},
): Promise<KlingClient> {
	const client = await KlingClient.connect(ctx, retry);
	const applied = client.provider.profile.pathOverrides;
	const wrong = routeOverrideLines(client.credentials.routeOverrides ?? '').find(
		(o) => o.from in applied && !KLING_PATHS.includes(o.from),
	);
	if (wrong) {
		throw new Error(
			`${wrong.where}: ${wrong.from} is not a path a Kling node calls; the paths are ${KLING_PATHS.join(', ')}`,
		);
	}
	return client;
}
