/**
 * The older one-shot `POST /v1/videos/lip-sync` (docs/reference/kling-api.md#lip-sync): all in
 * `input`, a Kling video (5 or 10 s) by its ID or a video URL, and either `text2video` (text of at
 * most 120 characters, a voice and its language, a speed of 0.8 to 2.0) or `audio2video` (an audio
 * file as Base64 or an audio URL); `callback_url` at the top. No external task ID in its table.
 */
import { checkEnum, checkText, KlingError, onlyKnownKeys, checkCallbackUrl } from '../checks.mts';
import type { EndpointSpec, Known } from '../rules.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

function checkVideo(input: Record<string, unknown>, known: Known): void {
	const { video_id: id, video_url: url } = input;
	if ((id === undefined) === (url === undefined))
		throw bad('exactly one of input.video_id and input.video_url is required');
	if (url !== undefined && !/^https?:\/\/\S+$/i.test(String(url)))
		throw bad('input.video_url must be a video URL');
	if (id === undefined) return;
	const video = known.result('video', String(id));
	if (!video) throw bad('input.video_id is invalid: no video with this id');
	if (![5, 10].some((s) => Math.abs(video.seconds - s) <= 0.5))
		throw bad('only videos of 5 or 10 seconds can be lip-synced');
}

function checkSpeech(input: Record<string, unknown>): void {
	if (input.mode === 'text2video') {
		checkText('input.text', input.text, 120, true);
		if (typeof input.voice_id !== 'string' || !input.voice_id)
			throw bad('input.voice_id is required');
		checkEnum('input.voice_language', input.voice_language, ['zh', 'en']);
		const speed = input.voice_speed;
		if (speed !== undefined && (typeof speed !== 'number' || speed < 0.8 || speed > 2))
			throw bad('input.voice_speed must be from 0.8 to 2.0');
		return;
	}
	if (input.mode !== 'audio2video') throw bad('input.mode must be text2video or audio2video');
	checkEnum('input.audio_type', input.audio_type, ['file', 'url']);
	const field = input.audio_type === 'url' ? 'audio_url' : 'audio_file';
	if (typeof input[field] !== 'string' || !input[field])
		throw bad(`input.${field} is required for audio_type ${String(input.audio_type)}`);
}

function validate(_model: string, body: Record<string, unknown>, known: Known): number {
	onlyKnownKeys(body, ['input', 'callback_url']);
	const input = body.input as Record<string, unknown> | undefined;
	if (!input || typeof input !== 'object') throw bad('input is required');
	onlyKnownKeys(input, [
		'video_id',
		'video_url',
		'mode',
		'text',
		'voice_id',
		'voice_language',
		'voice_speed',
		'audio_type',
		'audio_file',
		'audio_url',
	]);
	checkVideo(input, known);
	checkSpeech(input);
	checkCallbackUrl(body);
	return 1;
}

export const endpoint: EndpointSpec = {
	key: 'lipSyncOneShot',
	standard: 'legacy',
	paths: ['videos/lip-sync'],
	result: 'video',
	validate,
	readsByExternalId: false,
	// [?] Not in Kling's 2026 price list: the emulator charges 0.5 units per task.
	units: () => 0.5,
};
