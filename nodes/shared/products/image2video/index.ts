import { image2videoSchema, newImageToVideoSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import type { ProductSpec } from '../spec';
import { prepareImage2Video } from './body';
import { parameters } from './parameters';

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
		],
	},
	call: 'task',
	defaultModel: 'kling-v3',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const image2video: ProductSpec = {
	...facts,
	properties: parameters(facts),
	prepare: prepareImage2Video,
	sample: { image: 'https://example.com/first-frame.png', prompt: 'The boat sails away' },
};
