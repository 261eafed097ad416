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
import { lipSyncOneShot as product } from '../shared/products/lipSyncOneShot';

export class KlingLipSyncOneShot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kling Lip-Sync One-Shot',
		name: 'klingLipSyncOneShot',
		icon: { light: 'file:../../icons/kling.svg', dark: 'file:../../icons/kling.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: generationSubtitle(product),
		description:
			"Make a person in a short video say a text or an audio with Kling AI's older one-shot lip-sync",
		documentationUrl:
			'https://github.com/n8n-nodes-kling/n8n-nodes-kling/blob/main/docs/nodes.md#kling-lip-sync-one-shot',
		defaults: { name: 'Kling Lip-Sync One-Shot' },
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
