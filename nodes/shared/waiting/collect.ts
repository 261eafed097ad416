import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Job } from './job';
import { taskOf } from './job';
import { errorItem, errorJson, nodeOutputs } from '../output/output';

/**
 * One output item per input item, in order. Without Continue On Fail the first error stops the
 * node, naming the other tasks of the run so nothing paid for is lost.
 */
export function collectOutputs(
	ctx: IExecuteFunctions,
	jobs: Job[],
	continueOnFail: boolean,
	fallback: string | undefined,
): INodeExecutionData[][] {
	const firstError = jobs.find((j) => j.error);
	if (firstError && !continueOnFail) {
		const others = jobs.filter((j) => j !== firstError && j.task).map((j) => j.task!.taskId);
		if (others.length > 0) {
			firstError.error!.description =
				`${firstError.error!.description ?? ''} Other tasks of this run were submitted and can be picked up with Get Task: ${others.join(', ')}.`.trim();
		}
		throw firstError.error!;
	}
	const out: INodeExecutionData[] = [];
	const failed = new Set<INodeExecutionData>();
	for (const job of jobs) {
		if (job.result && !job.error) {
			if (fallback) job.result.json.waitFallback = fallback;
			out.push(job.result);
			continue;
		}
		const json = job.error
			? errorJson(job.error, taskOf(job))
			: { error: 'The item was not processed' };
		const item = errorItem(json, job.itemIndex);
		failed.add(item);
		out.push(item);
	}
	return nodeOutputs(ctx.getNode(), out, failed);
}
