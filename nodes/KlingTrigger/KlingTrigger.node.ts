import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { normalizeTask, type KlingTask } from '../shared/api/task';
import { connect } from '../shared/products/connect';
import { checkCallbackSignature, noRemoteWebhookMethods } from '../shared/callbacks/webhooks';
import { eventFilter, eventItem, knownType, wanted } from '../shared/trigger/events';
import { statusesProperty, taskTypesProperty, triggerOptions } from '../shared/trigger/parameters';
import { isFirstDelivery } from './deliveries';
import { locateTask } from './locate';

/** How many (task, status) pairs are remembered to drop repeated deliveries. */
export const DEDUPE_MEMORY = 1000;

export class KlingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kling Trigger',
		name: 'klingTrigger',
		icon: { light: 'file:../../icons/kling.svg', dark: 'file:../../icons/kling.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + $parameter["statuses"].join(", ")}}',
		description: 'Starts the workflow when Kling reports a task status change',
		documentationUrl:
			'https://github.com/n8n-nodes-kling/n8n-nodes-kling/blob/main/docs/waiting.md#kling-trigger',
		defaults: { name: 'Kling Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'klingApi', required: true }],
		triggerPanel: {
			header: 'Listening for a Kling callback',
			executionsHelp: {
				inactive:
					"<b>While building:</b> put this node's Test URL into the Callback URL option of a Kling node (Wait: Don't Wait) and run that node; the next callback appears here. <b>Once ready:</b> publish the workflow and use the Production URL; every callback then starts an execution.",
				active:
					"The workflow is published: every Kling callback to the Production URL starts an execution. To test changes, use the Test URL in a Kling node's Callback URL and click Test this trigger.",
			},
			activationHint:
				'Publish the workflow to receive callbacks at the Production URL without clicking Execute step.',
		},
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'kling',
			},
		],
		properties: [
			{
				displayName:
					"<b>To test:</b> click <i>Execute step</i> (the trigger listens), copy this node's <b>Test URL</b> into the <i>Callback URL</i> option of a Kling node with <i>Wait: Don't Wait</i>, and run that node: Kling's first callback shows up here. <b>In production:</b> publish this workflow and use the <b>Production URL</b> instead. Kling must be able to reach the URL (set WEBHOOK_URL to a public address). <b>Kling 4.0</b> tasks take no callback URL, so they never arrive here: let the Kling node wait for them.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			statusesProperty,
			taskTypesProperty,
			triggerOptions([
				{
					displayName: 'Confirm with the API',
					name: 'confirmWithApi',
					type: 'boolean',
					default: true,
					description:
						'Whether to read the task from the Kling API and emit that version, so a forged or stale callback cannot inject a status or a result URL. Tasks the account does not have start nothing.',
				},
			]),
		],
	};

	webhookMethods = noRemoteWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const client = await connect(this, { readAttempts: 3 });
		const signature = checkCallbackSignature(this, client.credentials);
		if (signature === 'rejected') return { noWebhookResponse: true };
		const signatureVerified = signature === 'verified';

		// Answer Kling at once; confirming and starting the workflow must not keep it waiting.
		this.getResponseObject().status(200).json({ received: true });
		const ignore: IWebhookResponseData = { noWebhookResponse: true };

		const body = this.getBodyData();
		const claimed = normalizeTask(body);
		if (!claimed) return ignore;
		const newShape = body.task_id === undefined;
		const filter = eventFilter(this);
		const confirm = filter.options.confirmWithApi !== false;

		let task: KlingTask = claimed;
		let taskType = knownType(claimed) ?? null;
		if (confirm) {
			const found = await locateTask(client, claimed, newShape);
			if (!found) return ignore;
			task = found.task;
			taskType = knownType(task) ?? found.routeType;
		}
		if (!wanted(task, taskType, filter)) return ignore;

		const trigger = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
		const stored = this.getWorkflowStaticData('node') as { seen?: string[] };
		if (!isFirstDelivery(trigger, stored, `${task.taskId}:${task.status}`, DEDUPE_MEMORY))
			return ignore;

		const how = {
			apiStandard: newShape ? ('new' as const) : ('legacy' as const),
			confirmedWithApi: confirm,
			signatureVerified,
		};
		const item = await eventItem(this, task, taskType, how, filter);
		return { noWebhookResponse: true, workflowData: [[item]] };
	}
}
