/**
 * `POST /v1/videos/multi-elements/add-selection` (docs/reference/kling-api.md#multi-element-editing):
 * synchronous; marks the object at up to 10 points (x, y from 0 to 1) of one frame, at most 10
 * frames a session. Answers the object's mask for that frame.
 */
import { onlyKnownKeys } from '../checks.mts';
import { FPS, bad, sessionOf } from '../multiElements.mts';
import type { EndpointSpec, Known } from '../rules.mts';

function add(body: Record<string, unknown>, known: Known): Record<string, unknown> {
	onlyKnownKeys(body, ['session_id', 'frame_index', 'points']);
	const session = sessionOf(body, known);
	const frame = body.frame_index;
	const frames = Math.floor(session.videoSeconds * FPS);
	if (typeof frame !== 'number' || !Number.isInteger(frame) || frame < 0 || frame >= frames)
		throw bad(`frame_index must be an integer from 0 to ${frames - 1}`);
	const points = body.points;
	if (!Array.isArray(points) || points.length < 1 || points.length > 10)
		throw bad('points must have 1 to 10 points');
	for (const p of points as Array<{ x?: unknown; y?: unknown }>)
		for (const v of [p?.x, p?.y])
			if (typeof v !== 'number' || v < 0 || v > 1) throw bad('point x and y must be within [0, 1]');
	const marked = session.markedFrames!;
	if (!marked.includes(frame)) {
		if (marked.length >= 10) throw bad('at most 10 frames can be marked');
		marked.push(frame);
	}
	return {
		status: 0,
		session_id: body.session_id,
		final_unit_deduction: '0',
		res: {
			frame_index: frame,
			rle_mask_list: [
				{
					object_id: 1,
					rle_mask: { size: [720, 1280], counts: '0 921600' },
					png_mask: { size: [720, 1280], base64: '' },
				},
			],
		},
	};
}

export const endpoint: EndpointSpec = {
	key: 'multiElementsAdd',
	standard: 'legacy',
	paths: ['videos/multi-elements/add-selection'],
	result: 'video',
	call: add,
};
