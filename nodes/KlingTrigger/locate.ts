import type { KlingClient } from '../shared/api/client';
import { lookupRoutes } from '../shared/api/routing';
import type { KlingTask } from '../shared/api/task';
import type { ProductSpec } from '../shared/products/spec';
import { onlyTypeOn } from '../shared/trigger/events';
import { TASK_PRODUCTS } from '../shared/trigger/parameters';

/**
 * Finds the task by its ID or (for relays that rewrite IDs) its external ID: on the new standard
 * through /tasks, on the legacy one on each endpoint a Kling node creates tasks on.
 */
export async function locateTask(
	client: KlingClient,
	claimed: KlingTask,
	newShape: boolean,
): Promise<{ task: KlingTask; routeType: ProductSpec | null } | undefined> {
	const { profile } = client.provider;
	const seen = new Set<string>();
	const routes = TASK_PRODUCTS.flatMap((product) =>
		lookupRoutes(product, profile, client.credentials).filter(
			(route) => (route.standard === 'new') === newShape,
		),
	).filter((route) => {
		const key = `${route.standard} ${route.standard === 'new' ? '' : route.legacy.path}`;
		return !seen.has(key) && seen.add(key);
	});
	for (const route of routes) {
		const task = await client.findTask(route, claimed.taskId);
		if (task) return { task, routeType: onlyTypeOn(route) };
	}
	if (claimed.externalTaskId) {
		for (const route of routes) {
			const task = await client.findByExternalId(route, claimed.externalTaskId);
			if (task) return { task, routeType: onlyTypeOn(route) };
		}
	}
	return undefined;
}
