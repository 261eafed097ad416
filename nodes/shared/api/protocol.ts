import type { IDataObject } from 'n8n-workflow';

import type { KlingFailure } from './errors';
import type { TaskRoute } from './routing';
import type { KlingTask } from './task';

export type CreateOutcome =
	| { status: 'created'; task: KlingTask; recovered: boolean }
	| { status: 'busy'; failure: KlingFailure };

/**
 * The seam between the scheduler (and callback code) and Kling's two API standards: the legacy
 * `/v1` one (api/legacy.ts) and the new one (api/newStandard.ts). Each call names its route, which
 * carries the standard; the client sends it to the matching implementation.
 */
export interface KlingProtocol {
	/** Submits a task; its external task ID lets an uncertain create be checked before a resend. */
	tryCreate(
		route: TaskRoute,
		body: IDataObject,
		itemIndex?: number,
		key?: string,
	): Promise<CreateOutcome>;
	getTask(route: TaskRoute, taskId: string, itemIndex?: number): Promise<KlingTask>;
	findTask(route: TaskRoute, taskId: string, itemIndex?: number): Promise<KlingTask | undefined>;
	findByExternalId(
		route: TaskRoute,
		externalId: string,
		itemIndex?: number,
	): Promise<KlingTask | undefined>;
	/**
	 * Many tasks in as few reads as the standard allows, or undefined when it cannot read many at
	 * once. `recent`: how many of the account's newest tasks a list page must show to reach them.
	 */
	readMany(
		route: TaskRoute,
		ids: string[],
		by: 'taskId' | 'externalId',
		recent?: number,
	): Promise<KlingTask[] | undefined>;
}
