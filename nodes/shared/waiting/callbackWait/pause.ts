import type { IExecuteFunctions, INodeExecutionData, IWebhookDescription } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KlingTask } from '../../api/task';

/** The pause: the callback URL every task of the batch gets, and what the waiting execution shows. */

/** Query parameters of the callback URL: the batch key of the external task IDs, and the item count. */
export const BATCH_PARAM = 'kling_batch';
export const COUNT_PARAM = 'kling_items';

export const resumeWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: '',
		restartWebhook: true,
	},
];

/**
 * `$execution.resumeUrl` carries the execution's resume token as `signature`; the signed URL of
 * `getSignedResumeUrl` is only accepted for send-and-wait nodes (docs/reference/n8n.md#resume-urls).
 */
export function resumeCallbackUrl(ctx: IExecuteFunctions, batch: string, count: number): string {
	const base = String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0) ?? '');
	if (!/^https?:\/\//.test(base)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Wait: this n8n has no resume URL, so "Until Kling Calls Back" cannot be used here',
			{
				description: 'Use "Wait for Completion" instead.',
			},
		);
	}
	return `${base}${base.includes('?') ? '&' : '?'}${BATCH_PARAM}=${encodeURIComponent(batch)}&${COUNT_PARAM}=${count}`;
}

/** What the execution shows for an item while it waits. */
export function pauseItem(
	itemIndex: number,
	task: KlingTask | undefined,
	externalTaskId: string,
): INodeExecutionData {
	return {
		json: {
			taskId: task?.taskId ?? null,
			externalTaskId,
			status: task?.status ?? null,
			waitingFor: 'Kling callback',
		},
		pairedItem: { item: itemIndex },
	};
}
