import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { downloadTaskResults } from '../shared/output/download';
import { taskJson } from '../shared/output/output';
import { normalizeTask, type KlingTask } from '../shared/api/task';
import type { KlingClient } from '../shared/api/client';
import { connect } from '../shared/products/connect';
import { lookupRoutes, type TaskRoute } from '../shared/api/routing';
import { createdType, generatedTag } from '../shared/api/createdTasks';
import { PRODUCTS, productById, productByTag, productsOn } from '../shared/products/registry';
import type { ProductSpec } from '../shared/products/spec';
import { checkCallbackSignature, noRemoteWebhookMethods } from '../shared/callbacks/webhooks';
import { isFirstDelivery } from './deliveries';

/** How many (task, status) pairs are remembered to drop repeated deliveries. */
export const DEDUPE_MEMORY = 1000;

/** The products whose tasks call back: a synchronous call answers at once instead. */
const WITH_TASKS = PRODUCTS.filter((product) => product.call === 'task');
const TASK_TYPES = WITH_TASKS.map((product) => product.id);
const TASK_TYPE_OPTIONS = WITH_TASKS.map(({ label, id }) => ({ name: label, value: id })).sort(
	(a, b) => a.name.localeCompare(b.name),
);

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
					"<b>To test:</b> click <i>Execute step</i> (the trigger listens), copy this node's <b>Test URL</b> into the <i>Callback URL</i> option of a Kling node with <i>Wait: Don't Wait</i>, and run that node: Kling's first callback shows up here. <b>In production:</b> publish this workflow and use the <b>Production URL</b> instead. Kling must be able to reach the URL (set WEBHOOK_URL to a public address).",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				required: true,
				default: ['succeeded', 'failed'],
				options: [
					{ name: 'Failed', value: 'failed' },
					{ name: 'Processing', value: 'processing' },
					{ name: 'Submitted', value: 'submitted' },
					{ name: 'Succeeded', value: 'succeeded' },
				],
				description: 'Which task statuses start the workflow',
			},
			{
				displayName: 'Task Types',
				name: 'taskTypes',
				type: 'multiOptions',
				required: true,
				default: [...TASK_TYPES],
				options: TASK_TYPE_OPTIONS,
				description:
					'Which kinds of task start the workflow. A task whose type cannot be known follows Tasks of Unknown Type in Options.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Confirm with the API',
						name: 'confirmWithApi',
						type: 'boolean',
						default: true,
						description:
							'Whether to read the task from the Kling API and emit that version, so a forged or stale callback cannot inject a status or a result URL. Tasks the account does not have start nothing.',
					},
					{
						displayName: 'Download Result',
						name: 'downloadResult',
						type: 'boolean',
						default: false,
						description:
							'Whether to download the generated files of a succeeded task into binary fields (needs Confirm with the API)',
					},
					{
						displayName: 'Put Output in Field',
						name: 'binaryPropertyOutput',
						type: 'string',
						default: 'data',
						description:
							'Binary field for a downloaded result; further images go to field_1, field_2, …',
					},
					{
						displayName: 'Tasks of Unknown Type',
						name: 'unknownTaskTypes',
						type: 'options',
						default: 'pass',
						options: [
							{
								name: 'Drop',
								value: 'drop',
								description: 'Start nothing for a task whose type cannot be known',
							},
							{
								name: 'Pass',
								value: 'pass',
								description: 'Start the workflow whatever Task Types says; taskType is null',
							},
						],
						description:
							'What to do with a task whose type cannot be known: a new-standard task names no product, so only tasks this package created with its own external task ID (or in this n8n process) have a known type',
					},
				],
			},
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
		const statuses = this.getNodeParameter('statuses', ['succeeded', 'failed']) as string[];
		const types = this.getNodeParameter('taskTypes', TASK_TYPES) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const confirm = options.confirmWithApi !== false;

		let task: KlingTask = claimed;
		let taskType = knownType(claimed) ?? null;
		if (confirm) {
			const found = await locateTask(client, claimed, newShape);
			if (!found) return ignore;
			task = found.task;
			taskType = knownType(task) ?? found.routeType;
		}
		if (!statuses.includes(task.status)) return ignore;
		if (taskType ? !types.includes(taskType.id) : options.unknownTaskTypes === 'drop')
			return ignore;

		const trigger = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
		const stored = this.getWorkflowStaticData('node') as { seen?: string[] };
		const deliveryKey = `${task.taskId}:${task.status}`;
		if (!isFirstDelivery(trigger, stored, deliveryKey, DEDUPE_MEMORY)) return ignore;

		const json: IDataObject = {
			...taskJson(task, {
				product: taskType,
				model: null,
				apiStandard: newShape ? 'new' : 'legacy',
				provider: null,
				elapsedMs: null,
			}),
			taskType: taskType?.id ?? null,
			confirmedWithApi: confirm,
			signatureVerified,
			// For a downstream Remove Duplicates node: the only check several webhook processes share.
			deliveryKey,
		};
		const item: INodeExecutionData = { json };
		if (confirm && task.status === 'succeeded' && options.downloadResult === true) {
			const field = String(options.binaryPropertyOutput || 'data');
			item.binary = await downloadTaskResults(this, 0, task, field);
		}
		return { noWebhookResponse: true, workflowData: [[item]] };
	}
}

/** The product named by the external task ID the package generated, or that this process created. */
function knownType(task: KlingTask): ProductSpec | undefined {
	const tag = generatedTag(task.externalTaskId);
	const created = createdType(task.taskId);
	return (tag ? productByTag(tag) : undefined) ?? (created ? productById(created) : undefined);
}

/** The one product whose tasks live on this legacy endpoint; none where several share it (omni-video). */
function onlyTypeOn(route: TaskRoute): ProductSpec | null {
	if (route.standard === 'new') return null;
	const serving = productsOn(route.legacy);
	return serving.length === 1 ? serving[0] : null;
}

/**
 * Finds the task by its ID or (for relays that rewrite IDs) its external ID: on the new standard
 * through /tasks, on the legacy one on each endpoint a Kling node creates tasks on.
 */
async function locateTask(
	client: KlingClient,
	claimed: KlingTask,
	newShape: boolean,
): Promise<{ task: KlingTask; routeType: ProductSpec | null } | undefined> {
	const { profile } = client.provider;
	const seen = new Set<string>();
	const routes = PRODUCTS.flatMap((product) =>
		lookupRoutes(product, profile, client.credentials).filter(
			(route) => (route.standard === 'new') === newShape,
		),
	).filter((route) => {
		const key = `${route.standard} ${route.standard === 'new' ? '' : route.legacy.path}`;
		return !seen.has(key) && seen.add(key);
	});
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
