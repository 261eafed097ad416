/**
 * What the multi-element editing calls share (docs/reference/kling-api.md#multi-element-editing):
 * a selection session on a video of 2–5 or 7–10 s, and the frames marked in it.
 */
import { KlingError } from './checks.mts';
import type { Known, Session } from './rules.mts';

export const bad = (message: string) => new KlingError(400, 1201, message);
export const FPS = 30;

/**
 * The 5 s output takes a video of 2–5 s, the 10 s one a video of 7–10 s [V]; CometAPI states
 * them as up to 5.5 and 10.5 s [A][?], which a "5 s" Kling video (5.1 s) needs.
 */
export function windowOf(seconds: number): '5' | '10' | undefined {
	if (seconds >= 2 && seconds <= 5.5) return '5';
	if (seconds >= 7 && seconds <= 10.5) return '10';
	return undefined;
}

export function sessionOf(body: Record<string, unknown>, known: Known): Session {
	const session = known.session?.(String(body.session_id ?? ''));
	if (!session?.markedFrames) throw bad('session_id is invalid or has expired (24 hours)');
	return session;
}
