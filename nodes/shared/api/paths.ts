import type { LegacyRoute } from '../models/catalogue';

/** Legacy `/v1` paths on the official API. */
export const LEGACY_PATHS: Record<LegacyRoute, string> = {
	image2video: '/v1/videos/image2video',
	text2video: '/v1/videos/text2video',
	omniVideo: '/v1/videos/omni-video',
	multiImage2video: '/v1/videos/multi-image2video',
	multiImage2image: '/v1/images/multi-image2image',
	omniImage: '/v1/images/omni-image',
	// Legacy-shaped in both standards, with an API key or access key (docs/reference/kling-api.md#elements-and-voices).
	element: '/v1/general/advanced-custom-elements',
	elementPresets: '/v1/general/advanced-presets-elements',
};
