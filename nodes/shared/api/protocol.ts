import type { IDataObject } from 'n8n-workflow';

import type { KlingFailure } from './errors';
import type { KlingEndpoint } from './providers';
import type { KlingTask } from './task';

export type CreateOutcome =
	| { status: 'created'; task: KlingTask; recovered: boolean }
	| { status: 'busy'; failure: KlingFailure };

/**
 * The seam between the scheduler (and callback code) and one Kling API standard. The legacy
 * `/v1` client implements it; a second standard is added beside it without touching the scheduler.
 */
export interface KlingProtocol {
	/** Submits a task; `body.external_task_id` lets an uncertain create be checked before a resend. */
	tryCreate(endpoint: KlingEndpoint, body: IDataObject, itemIndex?: number): Promise<CreateOutcome>;
	getTask(endpoint: KlingEndpoint, taskId: string, itemIndex?: number): Promise<KlingTask>;
	findTask(
		endpoint: KlingEndpoint,
		taskId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined>;
	findByExternalId(
		endpoint: KlingEndpoint,
		externalId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined>;
	/** Many tasks in one read, or undefined when the provider cannot list. */
	listTasks(endpoint: KlingEndpoint, pageSize: number): Promise<KlingTask[] | undefined>;
}
