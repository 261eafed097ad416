import type { IDataObject } from 'n8n-workflow';

import type { AnyModel } from '../models/catalogue';
import { InputError } from '../core/inputError';

/**
 * Multi-shot storyboards (docs/reference/kling-api.md#text-to-video). Builders write the legacy form
 * (`multi_shot`, `shot_type`, `multi_prompt[]`); the new standard writes the shots into the prompt
 * as `shot n, m, words;`. Both forms are checked by the same rules (input/schemas.ts).
 */

export interface Shot {
	prompt: string;
	duration: number;
}

export const MAX_SHOTS = 6;
export const MAX_SHOT_TEXT = 512;
export type MultiShotSetting = 'storyboard' | 'intelligent' | 'single';

/**
 * Writes the node's Multi-Shot and Shots options into a legacy body. A storyboard replaces the
 * prompt (Kling ignores it then) and, without a Duration, sets it to the shots' total.
 */
export function applyStoryboard(body: IDataObject, options: IDataObject, model?: AnyModel): void {
	const setting = options.multiShot as MultiShotSetting | undefined;
	const shots = ((options.shots as IDataObject | undefined)?.shot ?? []) as IDataObject[];
	if (setting === undefined && shots.length === 0) return;
	if (setting === 'single') {
		// One shot is all a single-shot model makes: nothing to ask for.
		if (!(model && 'multiShot' in model && model.multiShot === 'none')) body.multi_shot = false;
		return;
	}
	body.multi_shot = true;
	if (setting === 'intelligent') {
		body.shot_type = 'intelligence';
		return;
	}
	body.shot_type = 'customize';
	if (shots.length === 0)
		throw new InputError(
			'Shots: a storyboard needs at least one shot; add shots in Options, or set Multi-Shot to Intelligent or Single Shot',
		);
	body.multi_prompt = shots.map((shot, n) => ({
		index: n + 1,
		prompt: String(shot.prompt ?? ''),
		duration: String(shot.duration ?? ''),
	}));
	delete body.prompt;
	if (body.duration === undefined) {
		body.duration = String(shots.reduce((sum, shot) => sum + Number(shot.duration ?? 0), 0));
	}
}

/** The shots of a legacy multi_prompt list. */
export function shotsOf(multiPrompt: unknown): Shot[] {
	return ((multiPrompt ?? []) as IDataObject[]).map((s) => ({
		prompt: String(s.prompt ?? ''),
		duration: Number(s.duration),
	}));
}

/** New standard: the shots as the prompt syntax 3.0-era models read. */
export function shotGrammar(shots: Shot[]): string {
	shots.forEach((shot, n) => {
		if (shot.prompt.includes(';')) {
			throw new InputError(
				`Shots #${n + 1} Prompt: contains a semicolon, which separates shots on Kling's new API standard; use a comma instead`,
			);
		}
	});
	return shots
		.map((shot, n) => `shot ${n + 1}, ${shot.duration}, ${shot.prompt.trim()};`)
		.join(' ');
}

const SHOT = /^\s*shot\s+(\d+)\s*,\s*(\d+)\s*,\s*([^;]*);/i;

/** The shots of a prompt written in the shot syntax, or undefined for a plain prompt. */
export function parseShotGrammar(prompt: string): Shot[] | undefined {
	const shots: Shot[] = [];
	let rest = prompt;
	for (let m = SHOT.exec(rest); m; m = SHOT.exec(rest)) {
		shots.push({ prompt: m[3].trim(), duration: Number(m[2]) });
		rest = rest.slice(m[0].length);
	}
	return shots.length && rest.trim() === '' ? shots : undefined;
}

/** Kling's storyboard rules: the first one broken, with the shot it is about (1-based). */
export function storyboardProblem(
	shots: Shot[],
	duration: number | undefined,
): { shot?: number; field: 'Prompt' | 'Seconds' | ''; message: string } | undefined {
	if (shots.length < 1 || shots.length > MAX_SHOTS) {
		return {
			field: '',
			message: `has ${shots.length} shots; Kling takes 1 to ${MAX_SHOTS}`,
		};
	}
	for (const [n, shot] of shots.entries()) {
		const length = [...shot.prompt].length;
		if (shot.prompt.trim() === '') return { shot: n + 1, field: 'Prompt', message: 'is empty' };
		if (length > MAX_SHOT_TEXT)
			return {
				shot: n + 1,
				field: 'Prompt',
				message: `is ${length} characters; Kling accepts at most ${MAX_SHOT_TEXT} per shot`,
			};
		if (!Number.isInteger(shot.duration) || shot.duration < 1)
			return {
				shot: n + 1,
				field: 'Seconds',
				message: `${String(shot.duration)} is not allowed; each shot lasts a whole number of seconds, at least 1`,
			};
	}
	const total = shots.reduce((sum, s) => sum + s.duration, 0);
	if (duration !== undefined && total !== duration) {
		return {
			field: '',
			message: `the shots add up to ${total} seconds, but Duration (Seconds) is ${duration}; they must be equal`,
		};
	}
	return undefined;
}

/** "Shots #2 Prompt: is empty", the way the panel names the fields. */
export function storyboardMessage(
	problem: NonNullable<ReturnType<typeof storyboardProblem>>,
): string {
	const where = problem.shot ? `Shots #${problem.shot} ${problem.field}` : 'Shots';
	return `${where}: ${problem.message}`;
}
