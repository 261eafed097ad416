import type { IDataObject } from 'n8n-workflow';

import { IMAGE_EXPAND_LABELS, imageExpandSchema } from '../../input/schemas';
import type { ProductFacts } from '../../models/product';
import { toolDescriptionProperty } from '../../description/parameters';
import type { ProductSpec } from '../spec';
import { completeImageExpand, prepareImageExpand } from './body';
import { parameters } from './parameters';

/** What an AI agent is told this tool does (description/operation.ts toolDescriptionProperty). */
const TOOL =
	'Widens an image with Kling AI (outpainting): new content is painted beyond its edges, by a share of its width or height per side (0 to 2; the new image at most 3 times the area). Takes the image URL; returns the image URL(s) (images[0].url).';

const facts: ProductFacts = {
	id: 'imageExpand',
	label: 'Image Expand',
	tag: 'exp',
	result: 'image',
	endpoints: {
		legacy: [
			{
				id: 'imageExpand',
				standard: 'legacy',
				path: '/v1/images/editing/expand',
				rules: imageExpandSchema,
				labels: IMAGE_EXPAND_LABELS,
			},
		],
		new: [],
	},
	call: 'task',
	defaultModel: '',
	safety: { externalTaskId: true, lookup: 'externalId' },
	// 8 image units per image (docs/reference/kling-api.md#image-expand).
	price: (body: IDataObject) => ({ units: 8 * Number(body.n ?? 1), pack: 'image' }),
};

export const imageExpand: ProductSpec = {
	...facts,
	toolDescription: TOOL,
	properties: [toolDescriptionProperty(TOOL), ...parameters],
	prepare: prepareImageExpand,
	complete: async (_call, request, body) => completeImageExpand(request, body),
	sample: {
		image: 'https://example.com/photo.png',
		expandBy: 'sides',
		ratios: { up: 0.2, down: 0.2, left: 0.3, right: 0.3 },
	},
};
