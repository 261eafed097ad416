/**
 * `GET /v1/general/advanced-presets-elements` (docs/reference/kling-api.md#elements-and-voices):
 * Kling's preset elements, only listed; a create there is refused.
 */
import type { EndpointSpec } from '../rules.mts';

export const endpoint: EndpointSpec = {
	key: 'elementPresets',
	standard: 'legacy',
	paths: ['general/advanced-presets-elements'],
	result: 'element',
};
