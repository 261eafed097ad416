/**
 * `POST /v1/videos/advanced-lip-sync` (docs/reference/kling-api.md#lip-sync): a session from
 * identify-face and exactly one face with its sound: a Kling TTS `audio_id` or a `sound_file`,
 * 2 to 60 s; the part used (start to end) at least 2 s and within the audio; placed where it
 * overlaps the face's window by at least 2 s. Tasks are read by task ID only.
 */
import { KlingError, onlyKnownKeys, checkCallbackUrl } from '../checks.mts';
import type { Created, EndpointSpec, Known } from '../rules.mts';
import { checkSound } from '../sounds.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

const msField = (face: Record<string, unknown>, key: string): number => {
	const v = face[key];
	if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
		throw bad(`face_choose[0].${key} is required: milliseconds, a whole number`);
	return v;
};

function volume(face: Record<string, unknown>, key: string): void {
	const v = face[key];
	if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 2))
		throw bad(`face_choose[0].${key} must be from 0 to 2`);
}

function validate(_model: string, body: Record<string, unknown>, known: Known): Created {
	onlyKnownKeys(body, [
		'session_id',
		'face_choose',
		'watermark_info',
		'callback_url',
		'external_task_id',
	]);
	const session = known.session?.(String(body.session_id ?? ''));
	if (!session) throw bad('session_id is invalid or has expired (24 hours)');
	const list = body.face_choose;
	if (!Array.isArray(list) || list.length !== 1)
		throw bad('face_choose currently supports only one person');
	const face = list[0] as Record<string, unknown>;
	onlyKnownKeys(face, [
		'face_id',
		'audio_id',
		'sound_file',
		'sound_start_time',
		'sound_end_time',
		'sound_insert_time',
		'sound_volume',
		'original_audio_volume',
	]);
	const found = session.faces.find((f) => f.face_id === face.face_id);
	if (!found) throw bad('face_id is not a face of this session');
	const seconds = checkSound(face, known, { min: 2, max: 60 });
	const [start, end, insert] = ['sound_start_time', 'sound_end_time', 'sound_insert_time'].map(
		(k) => msField(face, k),
	);
	if (end > Math.round(seconds * 1000)) throw bad('sound_end_time is after the end of the audio');
	if (end - start < 2000) throw bad('the cropped audio must be at least 2 seconds');
	const overlap =
		Math.min(found.end_time, insert + end - start) - Math.max(found.start_time, insert);
	if (overlap < 2000) throw bad('the audio must overlap the face for at least 2 seconds');
	if (insert + end - start > session.videoSeconds * 1000 + 500)
		throw bad('the inserted audio must stay within the video');
	volume(face, 'sound_volume');
	volume(face, 'original_audio_volume');
	checkCallbackUrl(body);
	// The result is as long as the source video.
	return { slots: 1, seconds: session.videoSeconds };
}

export const endpoint: EndpointSpec = {
	key: 'lipSync',
	standard: 'legacy',
	paths: ['videos/advanced-lip-sync'],
	result: 'video',
	validate,
	readsByExternalId: false,
	// 0.5 video units per 5 s of video ([V] kling-pricing-video.md).
	units: ({ seconds }) => 0.5 * Math.ceil((seconds ?? 5) / 5),
};
