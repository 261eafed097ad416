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
import { generationSubtitle } from '../shared/description/parameters';
import { executeGeneration } from '../shared/waiting/runner';
import { noRemoteWebhookMethods } from '../shared/callbacks/webhooks';
import { videoEdit as product } from '../shared/products/videoEdit';

export class KlingVideoEdit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kling Video Edit',
		name: 'klingVideoEdit',
		icon: { light: 'file:../../icons/kling.svg', dark: 'file:../../icons/kling.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: generationSubtitle(product),
		description: 'Add, swap or remove an object in a video with Kling AI',
		documentationUrl:
			'https://github.com/n8n-nodes-kling/n8n-nodes-kling/blob/main/docs/nodes.md#kling-video-edit',
		defaults: { name: 'Kling Video Edit' },
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
		return await executeGeneration(this, product, this.continueOnFail());
	}
}
