import { newTextToVideoSchema, text2videoSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { newOmniVideo, omniVideo } from '../omniVideo';
import { kling4Video } from '../kling4Video';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareText2Video } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Generates a short video (3 to 15 s, with sound on Kling 3.0) from a text prompt with Kling AI. Takes 1 to 5 minutes; returns the task status and the result video URL (videos[0].url).';

const facts: ProductFacts = {
	id: 'text2video',
	label: 'Text to Video',
	tag: 't2v',
	result: 'video',
	// Omni (Kling 3.0 Omni) without images serves text to video on omni-video.
	endpoints: {
		legacy: [
			{
				id: 'text2video',
				standard: 'legacy',
				path: '/v1/videos/text2video',
				rules: text2videoSchema,
			},
			omniVideo,
		],
		new: [
			{ id: 'text-to-video', standard: 'new', path: '/text-to-video', rules: newTextToVideoSchema },
			newOmniVideo,
			kling4Video,
		],
	},
	call: 'task',
	defaultModel: 'kling-v3',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const text2video: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters(facts)],
	prepare: prepareText2Video,
	sample: { prompt: 'A paper boat drifts down a rainy street' },
};
