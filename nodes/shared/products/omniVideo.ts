import { newOmniVideoSchema, omniVideoSchema } from '../input/schemas';
import type { Endpoint } from '../models/product';

/**
 * Kling's omni-video endpoints, which serve two products: text to video (Omni without images)
 * and multi-image to video.
 */
export const omniVideo: Endpoint = {
	id: 'omniVideo',
	standard: 'legacy',
	path: '/v1/videos/omni-video',
	rules: omniVideoSchema,
};

export const newOmniVideo: Endpoint = {
	id: 'omni-video',
	standard: 'new',
	path: '/omni-video',
	rules: newOmniVideoSchema,
};
