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
import { lipSync as product } from '../shared/products/lipSync';
import { identifyFaces } from './identify';

export class KlingLipSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kling Lip-Sync',
		name: 'klingLipSync',
		icon: { light: 'file:../../icons/kling.svg', dark: 'file:../../icons/kling.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"generate": "Lip-sync", "identifyFaces": "Identify faces", "getTask": "Get task"}[$parameter["operation"]] }}',
		description: 'Make a person in a video speak an audio (lip-sync) with Kling AI',
		documentationUrl:
			'https://github.com/n8n-nodes-kling/n8n-nodes-kling/blob/main/docs/nodes.md#kling-lip-sync',
		defaults: { name: 'Kling Lip-Sync' },
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
		if (this.getNodeParameter('operation', 0) === 'identifyFaces')
			return await identifyFaces(this, this.continueOnFail());
		return await executeGeneration(this, product, this.continueOnFail());
	}
}
