import { image2videoSchema, newImageToVideoSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { kling4Video } from '../kling4Video';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareImage2Video } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Generates a short video (3 to 15 s) from one image URL and a prompt with Kling AI. Takes 1 to 5 minutes; returns the task status and the result video URL (videos[0].url).';

const facts: ProductFacts = {
	id: 'image2video',
	label: 'Image to Video',
	tag: 'i2v',
	result: 'video',
	endpoints: {
		legacy: [
			{
				id: 'image2video',
				standard: 'legacy',
				path: '/v1/videos/image2video',
				rules: image2videoSchema,
			},
		],
		new: [
			{
				id: 'image-to-video',
				standard: 'new',
				path: '/image-to-video',
				rules: newImageToVideoSchema,
			},
			kling4Video,
		],
	},
	call: 'task',
	defaultModel: 'kling-v3',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const image2video: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters(facts)],
	prepare: prepareImage2Video,
	sample: { image: 'https://example.com/first-frame.png', prompt: 'The boat sails away' },
};
