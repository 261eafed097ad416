/**
 * Multi-shot storyboards as Kling documents them (docs/reference/kling-api.md#text-to-video for the new standard's
 * prompt syntax and the legacy fields): 1–6 shots, each ≥ 1 s and ≤ 512 characters, adding
 * up to the video's duration. Written from the docs, independently of the package.
 */
import { KlingError } from './checks.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

interface Shot {
	words: string;
	seconds: number;
}

function checkShots(shots: Shot[], duration: number): void {
	if (shots.length < 1 || shots.length > 6) throw bad('multi-shot takes 1 to 6 shots');
	for (const [i, shot] of shots.entries()) {
		if (!Number.isInteger(shot.seconds) || shot.seconds < 1)
			throw bad(`shot ${i + 1}: duration must be a whole number of seconds, at least 1`);
		if (shot.words.trim() === '') throw bad(`shot ${i + 1}: prompt is required`);
		if ([...shot.words].length > 512)
			throw bad(`shot ${i + 1}: prompt must be at most 512 characters`);
	}
	const total = shots.reduce((sum, s) => sum + s.seconds, 0);
	if (total !== duration)
		throw bad(`the shot durations add up to ${total}, not the video duration ${duration}`);
}

/** New standard: `shot n, m, words; shot n, m, words;` in the prompt (multi-shot models only). */
export function checkPromptStoryboard(prompt: string, duration: number): void {
	const parts = prompt
		.split(';')
		.map((p) => p.trim())
		.filter(Boolean);
	if (!/^shot\s+1\s*,/i.test(parts[0] ?? '')) return;
	const shots = parts.map((part, i) => {
		const m = /^shot\s+(\d+)\s*,\s*(\d+)\s*,(.*)$/is.exec(part);
		if (!m || Number(m[1]) !== i + 1)
			throw bad(`multi-shot prompt: part ${i + 1} is not "shot ${i + 1}, seconds, words"`);
		return { words: m[3], seconds: Number(m[2]) };
	});
	checkShots(shots, duration);
}

/** Legacy: multi_shot / shot_type / multi_prompt (docs/reference/kling-api.md#text-to-video), on models that make several shots. */
export function checkLegacyStoryboard(
	body: Record<string, unknown>,
	model: string,
	multiShotModels: string[],
): void {
	const used = ['multi_shot', 'shot_type', 'multi_prompt'].filter((k) => body[k] !== undefined);
	if (!used.length) return;
	if (!multiShotModels.includes(model)) throw bad(`${used[0]} is not supported by ${model}`);
	if (body.multi_shot !== undefined && typeof body.multi_shot !== 'boolean')
		throw bad('multi_shot must be a boolean');
	if (body.multi_shot !== true) return;
	if (body.shot_type !== 'customize' && body.shot_type !== 'intelligence')
		throw bad('shot_type must be customize or intelligence when multi_shot is true');
	if (body.shot_type === 'intelligence') {
		if (typeof body.prompt !== 'string' || body.prompt.trim() === '')
			throw bad('prompt is required with shot_type intelligence');
		return;
	}
	const list = body.multi_prompt as Array<Record<string, unknown>>;
	if (!Array.isArray(list)) throw bad('multi_prompt is required with shot_type customize');
	const shots = list.map((s) => {
		if (
			typeof s?.duration !== 'string' ||
			typeof s.prompt !== 'string' ||
			!Number.isInteger(s.index)
		)
			throw bad('multi_prompt items need index (integer), prompt and duration (string)');
		return { words: s.prompt, seconds: Number(s.duration) };
	});
	checkShots(shots, Number(body.duration ?? 5));
}
