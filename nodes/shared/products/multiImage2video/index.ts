import { multiImage2videoSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { newOmniVideo, omniVideo } from '../omniVideo';
import type { ProductSpec } from '../spec';
import { prepareMultiImage2Video } from './body';
import { parameters } from './parameters';

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
		new: [newOmniVideo],
	},
	call: 'task',
	defaultModel: 'kling-v3-omni',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const multiImage2video: ProductSpec = {
	...facts,
	properties: parameters(facts),
	prepare: prepareMultiImage2Video,
	sample: {
		images: { image: [{ value: 'https://example.com/a.png' }] },
		prompt: '<<<image_1>>> waves at the camera',
	},
};
