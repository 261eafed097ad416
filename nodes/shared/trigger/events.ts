import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { createdType, generatedTag } from '../api/createdTasks';
import type { KlingClient } from '../api/client';
import { lookupRoutes, type TaskRoute } from '../api/routing';
import type { KlingTask } from '../api/task';
import { downloadTaskResults, type DownloadContext } from '../output/download';
import { taskJson } from '../output/output';
import { productById, productByTag, productsOn } from '../products/registry';
import type { ProductSpec } from '../products/spec';
import { TASK_PRODUCTS, TASK_TYPES } from './parameters';

/** What the user chose in Statuses, Task Types and Options. */
export interface EventFilter {
	statuses: string[];
	taskTypes: string[];
	options: IDataObject;
}

export function eventFilter(ctx: {
	getNodeParameter(name: string, fallback: unknown): unknown;
}): EventFilter {
	return {
		statuses: ctx.getNodeParameter('statuses', ['succeeded', 'failed']) as string[],
		taskTypes: ctx.getNodeParameter('taskTypes', TASK_TYPES) as string[],
		options: ctx.getNodeParameter('options', {}) as IDataObject,
	};
}

/** The product named by the external task ID the package generated, or that this process created. */
export function knownType(task: KlingTask): ProductSpec | undefined {
	const tag = generatedTag(task.externalTaskId);
	const created = createdType(task.taskId);
	return (tag ? productByTag(tag) : undefined) ?? (created ? productById(created) : undefined);
}

/** The one product whose tasks live on this legacy endpoint; none where several share it (omni-video). */
export function onlyTypeOn(route: TaskRoute): ProductSpec | null {
	// A solution's reads show its own tasks only; /tasks shows every product's.
	const solution = route.standard === 'new' && route.new?.solution;
	if (solution) return TASK_PRODUCTS.find((p) => p.endpoints.new.includes(route.new!)) ?? null;
	if (route.standard === 'new') return null;
	const serving = productsOn(route.legacy);
	return serving.length === 1 ? serving[0] : null;
}

/**
 * Every route a task of this account may be read on: the new standard's /tasks once, each
 * solution's reads once, each legacy endpoint once.
 */
export function taskRoutes(client: KlingClient): TaskRoute[] {
	const seen = new Set<string>();
	return TASK_PRODUCTS.flatMap((product) =>
		lookupRoutes(product, client.provider.profile, client.credentials),
	).filter((route) => {
		const key =
			route.standard === 'new' ? (route.new?.solution?.reads ?? '/tasks') : route.legacy.path;
		return !seen.has(key) && seen.add(key);
	});
}

/** Whether the task starts the workflow: its status, and its type or what to do without one. */
export function wanted(task: KlingTask, type: ProductSpec | null, filter: EventFilter): boolean {
	if (!filter.statuses.includes(task.status)) return false;
	return type ? filter.taskTypes.includes(type.id) : filter.options.unknownTaskTypes !== 'drop';
}

/** The item a trigger emits for one task status: the nodes' output plus how it was learnt. */
export async function eventItem(
	ctx: DownloadContext,
	task: KlingTask,
	type: ProductSpec | null,
	how: {
		apiStandard: 'new' | 'legacy';
		confirmedWithApi: boolean;
		signatureVerified: boolean | null;
	},
	filter: EventFilter,
): Promise<INodeExecutionData> {
	const deliveryKey = `${task.taskId}:${task.status}`;
	const json: IDataObject = {
		...taskJson(task, {
			product: type,
			model: null,
			apiStandard: how.apiStandard,
			provider: null,
			elapsedMs: null,
		}),
		taskType: type?.id ?? null,
		confirmedWithApi: how.confirmedWithApi,
		signatureVerified: how.signatureVerified,
		// For a downstream Remove Duplicates node: the only check several webhook processes share.
		deliveryKey,
	};
	const item: INodeExecutionData = { json };
	const { options } = filter;
	if (how.confirmedWithApi && task.status === 'succeeded' && options.downloadResult === true) {
		const field = String(options.binaryPropertyOutput || 'data');
		item.binary = await downloadTaskResults(ctx, 0, task, field);
	}
	return item;
}
