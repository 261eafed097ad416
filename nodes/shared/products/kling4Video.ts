import { kling4VideoSchema } from '../input/schemas';
import type { Endpoint } from '../models/product';

/**
 * Kling 4.0 and 4.0 Flash, for text to video and image to video alike. Kling's own page for 4.0
 * was not found [?]: the path is a guess from the body's omni-video shape (a credential's Route
 * Overrides can move `/omni-video/kling-4.0` on its own), and per the only evidence Kling takes no
 * callback URL and no external task ID there, so its tasks are found by task ID only.
 */
export const kling4Video: Endpoint = {
	id: 'kling-4',
	standard: 'new',
	path: '/omni-video',
	rules: kling4VideoSchema,
	safety: { externalTaskId: false, lookup: 'taskId' },
	callbacks: false,
};
