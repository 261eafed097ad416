import { elementsOf } from '../../api/task';
import { elementSchema } from '../../input/schemas';
import type { Endpoint, ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareElement } from './body';
import { properties } from './parameters';

/** Kling's preset elements: only listed; the rules are never used, as nothing is created there. */
export const elementPresets: Endpoint = {
	id: 'elementPresets',
	standard: 'legacy',
	path: '/v1/general/advanced-presets-elements',
	rules: elementSchema,
};

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Creates a Kling element (a character or object kept the same across videos) from a frontal image URL and 1 to 3 other angles. Returns its elementId, to use in the Elements option of the Kling video nodes.';

const facts: ProductFacts = {
	id: 'element',
	label: 'Element',
	tag: 'el',
	result: 'element',
	// Legacy-shaped in both standards, with an API key or an access key.
	endpoints: {
		legacy: [
			{
				id: 'element',
				standard: 'legacy',
				path: '/v1/general/advanced-custom-elements',
				rules: elementSchema,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: '',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const element: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...properties],
	otherEndpoints: [elementPresets],
	lists: {
		presets: elementPresets,
		pick: (task, entry) => (task?.elements ?? elementsOf([entry])).map((e) => ({ ...e })),
	},
	prepare: prepareElement,
	sample: {
		elementName: 'Captain',
		elementDescription: 'A sea captain',
		frontalImage: 'https://example.com/front.png',
		referImages: { image: [{ value: 'https://example.com/side.png' }] },
	},
};
