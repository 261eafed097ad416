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

/** Kling's official preset elements (Kling names "Grace" and "Armored Youth"), as list entries. */
export const PRESET_ELEMENTS = [
	['829836802793406551', 'Grace', 'A young woman with short silver hair'],
	['829836802793406552', 'Armored Youth', 'A teenager in light sci-fi armour'],
].map(([id, name, description]) => ({
	task_id: `preset-${id}`,
	task_status: 'succeed',
	task_result: {
		elements: [
			{
				element_id: id,
				element_name: name,
				element_description: description,
				reference_type: 'image_refer',
				owned_by: 'kling',
				status: 'succeed',
			},
		],
	},
}));
