import type { ProductFacts } from '../../models/product';
import type { ProductSpec } from '../spec';
import { prepareMultiImage2Video } from './body';
import { parameters } from './parameters';

const facts: ProductFacts = {
	id: 'multiImage2video',
	label: 'Multi-Image to Video',
	tag: 'mi2v',
	result: 'video',
	routes: {
		fallback: { legacy: 'omniVideo', new: 'omni-video' },
		lookup: ['omniVideo', 'multiImage2video'],
	},
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
