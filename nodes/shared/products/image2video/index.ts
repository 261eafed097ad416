import type { ProductFacts } from '../../models/product';
import type { ProductSpec } from '../spec';
import { prepareImage2Video } from './body';
import { parameters } from './parameters';

const facts: ProductFacts = {
	id: 'image2video',
	label: 'Image to Video',
	tag: 'i2v',
	result: 'video',
	routes: {
		fallback: { legacy: 'image2video', new: 'image-to-video' },
		lookup: ['image2video'],
	},
	defaultModel: 'kling-v3',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const image2video: ProductSpec = {
	...facts,
	properties: parameters(facts),
	prepare: prepareImage2Video,
	sample: { image: 'https://example.com/first-frame.png', prompt: 'The boat sails away' },
};
