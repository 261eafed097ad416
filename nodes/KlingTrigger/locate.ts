import type { KlingClient } from '../shared/api/client';
import type { KlingTask } from '../shared/api/task';
import type { ProductSpec } from '../shared/products/spec';
import { onlyTypeOn, taskRoutes } from '../shared/trigger/events';

/**
 * Finds the task by its ID or (for relays that rewrite IDs) its external ID: on the new standard
 * through /tasks, on the legacy one on each endpoint a Kling node creates tasks on.
 */
export async function locateTask(
	client: KlingClient,
	claimed: KlingTask,
	newShape: boolean,
): Promise<{ task: KlingTask; routeType: ProductSpec | null } | undefined> {
	const routes = taskRoutes(client).filter((route) => (route.standard === 'new') === newShape);
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
