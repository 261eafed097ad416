/** `POST /text-to-video/{model}` (docs/reference/kling-api.md#text-to-video): the prompt at the top. */
import { T2V_I2V, T2V_I2V_MODELS, checkNewCreate } from '../newStandard.mts';
import type { EndpointSpec } from '../rules.mts';

export const endpoint: EndpointSpec = {
	key: 'new:text-to-video',
	standard: 'new',
	paths: ['text-to-video'],
	result: 'video',
	models: T2V_I2V_MODELS,
	validateNew: (model, body) =>
		checkNewCreate({ aspectRatio: true, promptRequired: true }, T2V_I2V[model], model, body),
};
