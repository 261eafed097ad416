import type { TaskRoute } from '../../api/routing';
import type { Endpoint } from '../../models/product';

/**
 * Kling's documented request rules per endpoint: the one place each rule is written. Every body
 * is checked here before it is sent; messages name the field as the panel does (FIELD_LABELS)
 * and say the rule with the value given, e.g. "Camera Control pan: 11 is outside -10 to 10".
 * Request builders only map parameters to the body. What differs per model (durations, 4K,
 * sound, end frames) is checked first, against the model catalogue (input/capabilities.ts); these are
 * the rules each endpoint documents for every model, so a model typed by expression that the
 * catalogue does not know still gets them.
 */

export { fieldLabel } from './labels';
export { CAMERA_AXES, IMAGE_ASPECT_RATIOS, VIDEO_ASPECT_RATIOS, nonEnglish } from './fields';
export {
	elementSchema,
	image2videoSchema,
	multiImage2imageSchema,
	multiImage2videoSchema,
	omniImageSchema,
	omniVideoSchema,
	text2videoSchema,
} from './legacy';
export { newImageToVideoSchema, newOmniVideoSchema, newTextToVideoSchema } from './newStandard';
export { kling4ImageSchema, kling4VideoSchema } from './kling4';
export { MOTION_LABELS, motionControlSchema, newMotionControlSchema } from './motionControl';
export {
	AUDIO_LABELS,
	VIDEO_TO_AUDIO_LABELS,
	textToAudioSchema,
	textToSpeechSchema,
	videoToAudioSchema,
} from './audio';
export { AVATAR_LABELS, avatarSchema } from './avatar';
export { EFFECTS_LABELS, effectsSchema } from './effects';
export { VIDEO_EXTEND_LABELS, videoExtendSchema } from './videoExtend';
export { IMAGE_EXPAND_LABELS, imageExpandSchema } from './imageExpand';
export { IMAGE_GENERATIONS_LABELS, imageGenerationsSchema } from './imageGenerations';
export { VOICE_LABELS, customVoiceSchema } from './voice';
export {
	VIDEO_EDIT_LABELS,
	addSelectionSchema,
	initSelectionSchema,
	videoEditSchema,
} from './videoEdit';
export { TRY_ON_LABELS, kolorsTryOnSchema, virtualTryOnSchema } from './virtualTryOn';
export {
	LIP_SYNC_LABELS,
	LIP_SYNC_ONE_SHOT_LABELS,
	advancedLipSyncSchema,
	identifyFaceSchema,
	lipSyncOneShotSchema,
} from './lipSync';

/** The endpoint a route goes to: its documented rules, and its fields' names in the panel. */
export function schemaFor(route: TaskRoute): Pick<Endpoint, 'rules' | 'labels'> {
	return route.standard === 'new' ? route.new! : route.legacy;
}
