/**
 * `POST /v1/videos/multi-elements/init-selection` (docs/reference/kling-api.md#multi-element-editing):
 * synchronous; a Kling video by ID or a video URL of 2–5 or 7–10 s opens a selection session.
 * The emulator reads a URL's length from its name (clip-4s.mp4), else takes 5 s.
 */
import { onlyKnownKeys } from '../checks.mts';
import { FPS, bad, windowOf } from '../multiElements.mts';
import type { EndpointSpec, Known, Session } from '../rules.mts';
import { checkSourceVideo } from '../videos.mts';

function init(
	body: Record<string, unknown>,
	known: Known,
	remember: (session: Session) => string,
): Record<string, unknown> {
	onlyKnownKeys(body, ['video_id', 'video_url']);
	checkSourceVideo(body, known, { min: 2, max: 10 });
	const url = typeof body.video_url === 'string' ? body.video_url : '';
	const named = /-(\d+(?:\.\d+)?)s\.(mp4|mov)$/i.exec(url);
	const seconds = body.video_id
		? known.result('video', String(body.video_id))!.seconds
		: named
			? Number(named[1])
			: 5;
	if (!windowOf(seconds)) throw bad('the video must be 2 to 5 or 7 to 10 seconds long');
	const session_id = remember({ videoSeconds: seconds, faces: [], markedFrames: [] });
	return {
		status: 0,
		session_id,
		final_unit_deduction: '0',
		fps: FPS,
		original_duration: Math.round(seconds * 1000),
		width: 1280,
		height: 720,
		total_frame: Math.floor(seconds * FPS),
		normalized_video: 'https://cdn.example.com/normalized.mp4',
	};
}

export const endpoint: EndpointSpec = {
	key: 'multiElementsInit',
	standard: 'legacy',
	paths: ['videos/multi-elements/init-selection'],
	result: 'video',
	call: init,
};
