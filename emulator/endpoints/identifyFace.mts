/**
 * `POST /v1/videos/identify-face` (docs/reference/kling-api.md#lip-sync): synchronous, no task. A
 * Kling video (by ID, at most 60 s) or a video URL (2 to 60 s), exactly one; the answer opens a
 * session (valid 24 h) with the faces found. The emulator finds one face, visible throughout, in
 * every video but one whose URL says `no-face`.
 */
import { KlingError, onlyKnownKeys } from '../checks.mts';
import type { EndpointSpec, Known, Session } from '../rules.mts';
import { checkSourceVideo } from '../videos.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

function identify(
	body: Record<string, unknown>,
	known: Known,
	remember: (session: Session) => string,
): Record<string, unknown> {
	onlyKnownKeys(body, ['video_id', 'video_url']);
	checkSourceVideo(body, known, { min: 2, max: 60 });
	const url = typeof body.video_url === 'string' ? body.video_url : '';
	if (/\.(gif|webm)$/i.test(url)) throw bad('video_url must be an mp4 or mov video');
	const seconds = body.video_id ? known.result('video', String(body.video_id))!.seconds : 5;
	const faces = /no-face/.test(url)
		? []
		: [
				{
					face_id: '0',
					face_image: 'https://cdn.example.com/face-0.png',
					start_time: 0,
					end_time: Math.round(seconds * 1000),
				},
			];
	const session_id = remember({ videoSeconds: seconds, faces });
	return {
		session_id,
		final_unit_deduction: '0.05',
		face_data: faces,
	};
}

export const endpoint: EndpointSpec = {
	key: 'identifyFace',
	standard: 'legacy',
	paths: ['videos/identify-face'],
	result: 'video',
	call: identify,
};
