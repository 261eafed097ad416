import { kling4ImageSchema } from '../input/schemas';
import type { Endpoint } from '../models/product';

/**
 * Kling Image 4.0. As for Kling 4.0's video (kling4Video.ts), Kling's own page was not found [?]:
 * the path is a guess from the body's omni-image shape (a credential's Route Overrides can move
 * `/omni-image/kling-image-4.0`), and per the only evidence it takes no callback URL and no
 * external task ID, so its tasks are found by task ID only.
 */
export const kling4Image: Endpoint = {
	id: 'kling-image-4',
	standard: 'new',
	path: '/omni-image',
	rules: kling4ImageSchema,
	safety: { externalTaskId: false, lookup: 'taskId' },
	callbacks: false,
};
