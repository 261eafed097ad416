import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS, type KlingEndpoint } from './providers';
import type { KlingTask } from './task';

export interface TaskContext {
	endpoint: KlingEndpoint | null;
	model: string | null;
	provider: string | null;
	elapsedMs: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The JSON every node, wait mode and the trigger emit for a task. */
export function taskJson(task: KlingTask, context: TaskContext): IDataObject {
	const kind = context.endpoint ? ENDPOINTS[context.endpoint].resultKind : null;
	return {
		taskId: task.taskId,
		externalTaskId: task.externalTaskId,
		status: task.status,
		statusMessage: task.statusMessage,
		model: context.model,
		endpoint: context.endpoint,
		provider: context.provider,
		...(kind !== 'image' ? { videos: task.videos as unknown as IDataObject[] } : {}),
		...(kind !== 'video' ? { images: task.images as unknown as IDataObject[] } : {}),
		unitsDeducted: task.unitsDeducted,
		createdAt: iso(task.createdAt),
		updatedAt: iso(task.updatedAt),
		elapsedMs: context.elapsedMs,
	};
}
