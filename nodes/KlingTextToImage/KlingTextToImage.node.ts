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
import { textToImage as product } from '../shared/products/textToImage';

export class KlingTextToImage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kling Text to Image',
		name: 'klingTextToImage',
		icon: { light: 'file:../../icons/kling.svg', dark: 'file:../../icons/kling.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: generationSubtitle(product),
		description: 'Generate images from a prompt, or from a prompt and an image, with Kling AI',
		documentationUrl:
			'https://github.com/n8n-nodes-kling/n8n-nodes-kling/blob/main/docs/nodes.md#kling-text-to-image',
		defaults: { name: 'Kling Text to Image' },
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
