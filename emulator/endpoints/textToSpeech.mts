/**
 * `POST /v1/audio/tts` (docs/reference/kling-api.md#audio): synchronous. Text of at most 1000
 * characters, a voice and its language (zh or en), a speed of 0.8 to 2.0; the create's answer
 * already holds the sound (`task_result.audios[]{id, url, duration}`), and there is no query.
 * The emulator speaks 12 characters a second, at least 2 s.
 */
import { checkEnum, checkText, KlingError, onlyKnownKeys } from '../checks.mts';
import type { Created, EndpointSpec } from '../rules.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

/** A few voices of each language, enough to tell a voice of the other language (1201). */
const ENGLISH_ONLY = ['girlfriend_4_speech02', 'AOT', 'oversea_male1', 'uk_boy1', 'reader_en_m-v1'];
const CHINESE_ONLY = ['tiyuxi_xuedi', 'tiexin_nanyou', 'zhuxi_speech02', 'mengwa-v1'];

function validate(_model: string, body: Record<string, unknown>): Created {
	onlyKnownKeys(body, ['text', 'voice_id', 'voice_language', 'voice_speed']);
	checkText('text', body.text, 1000, true);
	if (typeof body.voice_id !== 'string' || body.voice_id === '') throw bad('voice_id is required');
	checkEnum('voice_language', body.voice_language ?? 'zh', ['zh', 'en']);
	const language = body.voice_language ?? 'zh';
	if (
		(language === 'zh' && ENGLISH_ONLY.includes(body.voice_id)) ||
		(language === 'en' && CHINESE_ONLY.includes(body.voice_id))
	)
		throw bad('Voice id not found for this voice_language');
	const speed = body.voice_speed;
	if (speed !== undefined && (typeof speed !== 'number' || speed < 0.8 || speed > 2))
		throw bad('voice_speed must be from 0.8 to 2.0');
	const seconds = Math.max(2, Math.round(([...String(body.text)].length / 12) * 10) / 10);
	return { slots: 1, seconds };
}

export const endpoint: EndpointSpec = {
	key: 'textToSpeech',
	standard: 'legacy',
	paths: ['audio/tts'],
	result: 'audio',
	answersWithResult: true,
	validate,
	// 0.05 video units per call ([V] kling-pricing-video.md).
	units: () => 0.05,
};
