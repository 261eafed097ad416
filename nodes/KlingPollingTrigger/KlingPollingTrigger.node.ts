import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollEvents } from '../shared/trigger/feed';
import { statusesProperty, taskTypesProperty, triggerOptions } from '../shared/trigger/parameters';

export class KlingPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kling Polling Trigger',
		name: 'klingPollingTrigger',
		icon: { light: 'file:../../icons/kling.svg', dark: 'file:../../icons/kling.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + $parameter["statuses"].join(", ")}}',
		description:
			"Starts the workflow when a Kling task changes status, by reading the account's task list on a schedule: no public URL needed",
		documentationUrl:
			'https://github.com/n8n-nodes-kling/n8n-nodes-kling/blob/main/docs/waiting.md#kling-polling-trigger',
		defaults: { name: 'Kling Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'klingApi', required: true }],
		properties: [
			{
				displayName:
					"Reads the account's task list at each Poll Time and starts the workflow once for each task status that is new since the last read; the first read after publishing only learns what is there. <b>Fetch Test Event</b> shows the newest matching task. Needs Kling's task list: the official API, or a relay that serves it.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			statusesProperty,
			taskTypesProperty,
			triggerOptions([
				{
					displayName: 'Look Back (Hours)',
					name: 'lookBackHours',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 720 },
					default: 24,
					description:
						'How old a task may be (since it was created) and still be reported when its status changes. Every read lists all tasks this young, so a busy account may want fewer hours.',
				},
			]),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollEvents(this);
	}
}
