/**
 * `POST /v1/general/custom-voices` (docs/reference/kling-api.md#elements-and-voices): a name of at
 * most 20 characters and one clean voice of 5 to 30 s, as an MP3/WAV/MP4/MOV URL or the ID of a
 * Kling video with speech. 0.05 units a call.
 */
import { KlingError, checkCallbackUrl, checkText, onlyKnownKeys } from '../checks.mts';
import type { EndpointSpec, Known } from '../rules.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

function checkSample(body: Record<string, unknown>, known: Known): void {
	const { voice_url: url, video_id: id } = body;
	if (url === undefined && id === undefined) throw bad('voice_url or video_id is required');
	if (id !== undefined && !known.result('video', String(id)))
		throw bad('video_id is invalid: no video with this id, or it is older than 30 days');
	if (url === undefined) return;
	if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url))
		throw bad('voice_url must be an http(s) URL');
	const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
	if (extension && !['mp3', 'wav', 'mp4', 'mov'].includes(extension))
		throw bad('voice_url must be an mp3, wav, mp4 or mov file');
	// The emulator knows a sample's length from its name (voice-12s.mp3), as the examples give it.
	const seconds = /-(\d+)s\.[a-z0-9]+$/i.exec(url);
	if (seconds && (Number(seconds[1]) < 5 || Number(seconds[1]) > 30))
		throw bad('the voice must be 5 to 30 seconds long');
}

function validate(_model: string, body: Record<string, unknown>, known: Known): number {
	onlyKnownKeys(body, ['voice_name', 'voice_url', 'video_id', 'callback_url', 'external_task_id']);
	checkText('voice_name', body.voice_name, 20, true);
	checkSample(body, known);
	checkCallbackUrl(body);
	return 1;
}

export const endpoint: EndpointSpec = {
	key: 'customVoice',
	standard: 'legacy',
	paths: ['general/custom-voices'],
	result: 'voice',
	units: () => 0.05,
	validate,
};
