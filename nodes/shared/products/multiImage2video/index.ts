import { multiImage2videoSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { newOmniVideo, omniVideo } from '../omniVideo';
import { kling4Video } from '../kling4Video';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareMultiImage2Video } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Generates a short video from one to four reference image URLs and a prompt with Kling AI. Takes 1 to 5 minutes; returns the task status and the result video URL (videos[0].url).';

const facts: ProductFacts = {
	id: 'multiImage2video',
	label: 'Multi-Image to Video',
	tag: 'mi2v',
	result: 'video',
	endpoints: {
		legacy: [
			omniVideo,
			{
				id: 'multiImage2video',
				standard: 'legacy',
				path: '/v1/videos/multi-image2video',
				rules: multiImage2videoSchema,
			},
		],
		new: [newOmniVideo, kling4Video],
	},
	call: 'task',
	defaultModel: 'kling-v3-omni',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const multiImage2video: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters(facts)],
	prepare: prepareMultiImage2Video,
	sample: {
		images: { image: [{ value: 'https://example.com/a.png' }] },
		prompt: '<<<image_1>>> waves at the camera',
	},
};
