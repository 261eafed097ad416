/**
 * What models cost, as docs/reference/kling-api.md#models-and-prices describes it, written from the
 * docs, independently of the package's catalogue. Which models each endpoint serves is the
 * endpoint's own (emulator/endpoints/); a test may declare a model live or retired per endpoint
 * (`modelStatus`), e.g. to see how a node meets error 1203.
 */

export type ModelState = 'live' | 'retired';
/** Per endpoint key (emulator/rules.mts), the status of each model a test declares. */
export type ModelStatusTable = Record<string, Record<string, ModelState>>;

/** Video units per output second (docs/reference/kling-api.md#models-and-prices), by model family, resolution and sound. */
const VIDEO_UNITS: Record<
	string,
	{ silent: Record<string, number>; audio?: Record<string, number> }
> = {
	'3.0-turbo': { silent: { '720p': 0.8, '1080p': 1.0 } },
	'3.0': {
		silent: { '720p': 0.6, '1080p': 0.8, '4k': 3 },
		audio: { '720p': 0.9, '1080p': 1.2, '4k': 3 },
	},
	'3.0-omni': {
		silent: { '720p': 0.6, '1080p': 0.8, '4k': 3 },
		audio: { '720p': 0.8, '1080p': 1.0, '4k': 3 },
	},
	o1: { silent: { '720p': 0.6, '1080p': 0.8 } },
	'2.6': { silent: { '720p': 0.3, '1080p': 0.5 }, audio: { '1080p': 1.0 } },
	'2.5-turbo': { silent: { '720p': 0.3, '1080p': 0.5 } },
};

const FAMILY: Record<string, string> = {
	'kling-3.0-turbo': '3.0-turbo',
	'kling-3.0': '3.0',
	'kling-v3': '3.0',
	'kling-3.0-omni': '3.0-omni',
	'kling-v3-omni': '3.0-omni',
	'kling-o1': 'o1',
	'kling-video-o1': 'o1',
	'kling-2.6': '2.6',
	'kling-v2-6': '2.6',
	'kling-2.5-turbo': '2.5-turbo',
	'kling-v2-5-turbo': '2.5-turbo',
};

/** Units a video costs; older models (not priced in the 2026 docs) one unit per 5 s. */
export function videoUnits(
	model: string,
	resolution: string,
	audio: boolean,
	seconds: number,
): number {
	const table = VIDEO_UNITS[FAMILY[model] ?? ''];
	const perSecond = (audio ? table?.audio?.[resolution] : undefined) ?? table?.silent[resolution];
	const units = perSecond === undefined ? seconds / 5 : perSecond * seconds;
	return Math.round(units * 100) / 100;
}
