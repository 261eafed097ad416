/**
 * `POST /v1/videos/multi-elements` (docs/reference/kling-api.md#multi-element-editing): a
 * selection session, an edit mode with its images (addition 1–2, swap exactly 1, removal none),
 * a prompt that names <<<video_1>>> (and <<<image_1>>> where there are images), std or pro, and
 * a duration that fits the video (5: 2–5 s, 10: 7–10 s). No model_name on the 2026-09 page.
 */
import { checkCallbackUrl, checkEnum, checkImage, checkText, onlyKnownKeys } from '../checks.mts';
import { bad, sessionOf, windowOf } from '../multiElements.mts';
import type { Created, EndpointSpec, Known } from '../rules.mts';

const IMAGES = { addition: [1, 2], swap: [1, 1], removal: [0, 0] } as const;

function validate(_model: string, body: Record<string, unknown>, known: Known): Created {
	onlyKnownKeys(body, [
		'session_id',
		'edit_mode',
		'image_list',
		'prompt',
		'negative_prompt',
		'mode',
		'duration',
		'watermark_info',
		'callback_url',
		'external_task_id',
	]);
	const session = sessionOf(body, known);
	checkEnum('edit_mode', body.edit_mode, Object.keys(IMAGES));
	if (body.edit_mode === undefined) throw bad('edit_mode is required');
	const [min, max] = IMAGES[body.edit_mode as keyof typeof IMAGES];
	const images = (body.image_list ?? []) as Array<{ image?: unknown }>;
	if (!Array.isArray(images) || images.length < min || images.length > max)
		throw bad(
			`image_list must have ${min === max ? min : `${min} to ${max}`} images for ${body.edit_mode}`,
		);
	images.forEach((entry, i) => checkImage(`image_list[${i}].image`, entry?.image));
	checkText('prompt', body.prompt, 2500, true);
	const prompt = String(body.prompt);
	if (!prompt.includes('<<<video_1>>>')) throw bad('prompt must reference <<<video_1>>>');
	if (min > 0 && !prompt.includes('<<<image_1>>>'))
		throw bad('prompt must reference <<<image_1>>>');
	checkText('negative_prompt', body.negative_prompt, 2500);
	checkEnum('mode', body.mode, ['std', 'pro']);
	const duration = String(body.duration ?? '5');
	checkEnum('duration', duration, ['5', '10']);
	if (windowOf(session.videoSeconds) !== duration)
		throw bad(
			`duration ${duration} does not fit a video of ${session.videoSeconds} s (5: 2-5 s, 10: 7-10 s)`,
		);
	if (body.edit_mode !== 'addition' && session.markedFrames!.length === 0)
		throw bad('mark the object first: the session has no selection');
	checkCallbackUrl(body);
	return { slots: 1, seconds: Number(duration) };
}

export const endpoint: EndpointSpec = {
	key: 'multiElements',
	standard: 'legacy',
	paths: ['videos/multi-elements'],
	result: 'video',
	// [?] Kling's 2026 price list has no multi-element editing.
	units: () => 0,
	validate,
};
