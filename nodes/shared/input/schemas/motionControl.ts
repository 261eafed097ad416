import { z } from 'zod/v3';

import { common, count, elementId, elementList, image, oneOf, text, type Issues } from './fields';
import { newOptions, typeCount } from './newStandard';

/**
 * Motion control's documented rules (docs/reference/kling-api.md#motion-control): a character
 * image and a motion video, the character's orientation, and one element (Kling 3.0 only: checked
 * with the model where the body is built). The motion video's length (3 to 10 s, or 30 s when the
 * video decides the orientation) is Kling's to check: the node has only its URL.
 */

const ORIENTATIONS = ['image', 'video'];

/** `POST /v1/videos/motion-control`. */
export const motionControlSchema = z
	.object({
		...common,
		prompt: text.optional(),
		image_url: image,
		video_url: image,
		character_orientation: oneOf(ORIENTATIONS),
		mode: oneOf(['std', 'pro']),
		keep_original_sound: oneOf(['yes', 'no']).optional(),
		element_list: count(0, 1, 'elements').pipe(elementList).optional(),
	})
	.strict();

const content = z.union([
	z.object({ type: z.literal('prompt'), text }).strict(),
	z.object({ type: oneOf(['image', 'video']), url: image }).strict(),
	z.object({ type: z.literal('element'), element_id: elementId, id: z.string().min(1) }).strict(),
]);

function oneOfEach(contents: Array<{ type: string }>, issues: Issues) {
	for (const type of ['image', 'video'])
		if (typeCount(contents, type) !== 1)
			issues.addIssue({ code: 'custom', path: [type], message: 'exactly one is required' });
	if (typeCount(contents, 'element') > 1)
		issues.addIssue({ code: 'custom', path: ['element'], message: 'Kling takes at most 1' });
}

/** The panel's names for the fields of both bodies. */
export const MOTION_LABELS = {
	image_url: 'Character Image',
	video_url: 'Motion Video',
	character_orientation: 'Character Orientation',
	keep_original_sound: 'Keep Original Sound',
	'contents.image': 'Character Image',
	'contents.video': 'Motion Video',
	'contents.element': 'Elements',
	'settings.character_orientation': 'Character Orientation',
	'settings.audio': 'Keep Original Sound',
};

/** `POST /motion-control/{model}` (the model in the path: element rules by model come first). */
export const newMotionControlSchema = z
	.object({
		contents: z.array(content).superRefine(oneOfEach),
		settings: z
			.object({
				character_orientation: oneOf(ORIENTATIONS),
				audio: oneOf(['original', 'off']).optional(),
				resolution: oneOf(['720p', '1080p']).optional(),
			})
			.strict(),
		options: newOptions.optional(),
	})
	.strict();
