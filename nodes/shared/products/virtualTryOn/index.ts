import { TRY_ON_LABELS, kolorsTryOnSchema, virtualTryOnSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { prepareVirtualTryOn } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Dresses the person in a photo in a garment from another photo with Kling AI (virtual try-on). Takes two public image URLs (the person, the garment); about 20 seconds to 2 minutes; returns the result image URL (images[0].url).';

const facts: ProductFacts = {
	id: 'virtualTryOn',
	label: 'Virtual Try-On',
	tag: 'vto',
	result: 'image',
	endpoints: {
		legacy: [
			{
				id: 'kolorsVirtualTryOn',
				standard: 'legacy',
				path: '/v1/images/kolors-virtual-try-on',
				rules: kolorsTryOnSchema,
				labels: TRY_ON_LABELS,
			},
		],
		new: [
			{
				id: 'virtual_try_on',
				standard: 'new',
				path: '/solutions/virtual_try_on',
				rules: virtualTryOnSchema,
				labels: TRY_ON_LABELS,
				// The solutions family (docs/reference/kling-api.md#virtual-try-on): its own reads,
				// input types and watermark key.
				solution: {
					reads: '/solutions',
					contents: { cloth_image: 'product_image', human_image: 'person_image' },
					settings: ['keep_face', 'keep_pose', 'keep_background'],
					watermarkKey: 'watermark',
				},
			},
		],
	},
	call: 'task',
	defaultModel: 'virtual-try-on-3.0',
	safety: { externalTaskId: true, lookup: 'externalId' },
};

export const virtualTryOn: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters(facts)],
	prepare: prepareVirtualTryOn,
	sample: {
		personImage: 'https://example.com/person.png',
		garmentImage: 'https://example.com/dress.png',
	},
};
