import type { INodeExecutionData } from 'n8n-workflow';

import type { TaskRoute } from '../api/routing';
import type { KlingTask } from '../api/task';
import type { PreparedRequest } from '../input/types';
import type { ItemError, ItemPlan } from '../output/output';
import { soundOf } from '../models/catalogue';
import { safetyOf } from '../models/product';

export type WaitMode = 'poll' | 'none' | 'callback';

/** One input item on its way through the run: what to send or look up, and what came back. */
export interface Job {
	itemIndex: number;
	request?: PreparedRequest;
	/** Get Task: the ID, and the routes its task may be on, tried in order. */
	lookup?: { by: 'taskId' | 'externalTaskId'; id: string; routes: TaskRoute[] };
	/** Where the task lives once it is created or found. */
	route?: TaskRoute;
	task?: KlingTask;
	startedAt: number;
	deadline: number;
	intervalMs: number;
	nextPollAt: number;
	download: boolean;
	outputField: string;
	result?: INodeExecutionData;
	error?: ItemError;
}

export function planOf(job: Job): ItemPlan {
	return {
		itemIndex: job.itemIndex,
		download: job.download,
		outputField: job.outputField,
		model: job.request?.model ?? null,
		apiStandard: job.route?.standard ?? null,
		startedAt: job.startedAt,
		sound: soundOf(job.request?.route.entry),
	};
}

/**
 * What the run knows about a job's task, for its error item; the external task ID only where Kling
 * was given it (a product whose create takes none is keyed in this process's memory only).
 */
export function taskOf(job: Job) {
	const sent = job.request ? safetyOf(job.request.route).safety.externalTaskId : false;
	return {
		taskId: job.task?.taskId,
		externalTaskId: job.task?.externalTaskId ?? (sent ? job.request?.externalTaskId : undefined),
		status: job.task?.status,
	};
}
