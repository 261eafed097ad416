import { multiImage2imageSchema, omniImageSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { kling4Image } from '../kling4Image';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareMultiImage2Image } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Generates new images from one to four subject image URLs and a prompt with Kling AI. Takes about 30 seconds to 2 minutes; returns the task status and the result image URLs (images[].url).';

const facts: ProductFacts = {
	id: 'multiImage2image',
	label: 'Multi-Image to Image',
	tag: 'mi2i',
	result: 'image',
	endpoints: {
		legacy: [
			{
				id: 'omniImage',
				standard: 'legacy',
				path: '/v1/images/omni-image',
				rules: omniImageSchema,
			},
			{
				id: 'multiImage2image',
				standard: 'legacy',
				path: '/v1/images/multi-image2image',
				rules: multiImage2imageSchema,
			},
		],
		new: [kling4Image],
	},
	call: 'task',
	defaultModel: 'kling-v3-omni',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const multiImage2image: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters(facts)],
	prepare: prepareMultiImage2Image,
	sample: {
		subjectImages: { image: [{ value: 'https://example.com/a.png' }] },
		prompt: '<<<image_1>>> on a beach',
	},
};
