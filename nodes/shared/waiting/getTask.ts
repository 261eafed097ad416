import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KlingProtocol } from '../api/protocol';
import type { KlingTask } from '../api/task';
import type { ProductFacts } from '../models/product';
import type { Job } from './job';

/**
 * Get Task: the task a job names, tried on each route it may be on (the new standard's /tasks
 * first, then each legacy endpoint); the job keeps the route it was found on, to poll it there.
 */
export async function findLookedUp(
	client: Pick<KlingProtocol, 'findTask' | 'findByExternalId'>,
	options: { node: INode; product: ProductFacts },
	job: Job,
): Promise<KlingTask> {
	const { by, id, routes } = job.lookup!;
	for (const route of routes) {
		const task =
			by === 'taskId'
				? await client.findTask(route, id, job.itemIndex)
				: await client.findByExternalId(route, id, job.itemIndex);
		job.route = route;
		if (task) return task;
	}
	const what = by === 'taskId' ? 'task ID' : 'external task ID';
	throw new NodeOperationError(
		options.node,
		`No ${options.product.label} task has the ${what} "${id}"`,
		{
			itemIndex: job.itemIndex,
			description:
				'Kling answered, but no task of this account has that ID. Check the ID, and that the credential belongs to the account that created the task.',
		},
	);
}
