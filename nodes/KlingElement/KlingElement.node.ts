import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resumeFromCallback, resumeWebhooks } from '../shared/waiting/callbackWait';
import { executeGeneration } from '../shared/waiting/runner';
import { noRemoteWebhookMethods } from '../shared/callbacks/webhooks';
import { listOperation } from '../shared/output/list';
import { element as product } from '../shared/products/element';

export class KlingElement implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kling Element',
		name: 'klingElement',
		icon: { light: 'file:../../icons/kling.svg', dark: 'file:../../icons/kling.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"generate": "Create", "getTask": "Get task", "list": "List"}[$parameter["operation"]] }}',
		description:
			'Create and list Kling elements: characters and objects kept the same across videos',
		documentationUrl:
			'https://github.com/n8n-nodes-kling/n8n-nodes-kling/blob/main/docs/nodes.md#kling-element',
		defaults: { name: 'Kling Element' },
		usableAsTool: { replacements: { description: product.toolDescription } },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'klingApi', required: true }],
		properties: product.properties,
		webhooks: resumeWebhooks,
	};

	webhookMethods = noRemoteWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeFromCallback(this, product);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('operation', 0) === 'list')
			return await listOperation(this, product, this.continueOnFail());
		return await executeGeneration(this, product, this.continueOnFail());
	}
}
