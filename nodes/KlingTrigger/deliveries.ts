import { processMemory } from '../shared/core/processMemory';

/**
 * Remembers which (task, status) pairs a trigger has already started a workflow for.
 *
 * n8n loads a workflow's static data afresh for every webhook call and saves it when the call
 * returns, so two callbacks handled at once would each save only their own pair (the last save
 * wins) and a later repeat of the other would start a second execution. Each n8n process therefore
 * also keeps the recent pairs of every trigger: the check and the record happen with no await in
 * between, and every save carries all pairs this process has seen. Static data still carries the
 * record across restarts.
 */
const recentByTrigger = processMemory<string, string[]>('trigger deliveries');

export function isFirstDelivery(
	trigger: string,
	stored: { seen?: string[] },
	key: string,
	memory: number,
): boolean {
	const recent = recentByTrigger.get(trigger) ?? [];
	const saved = stored.seen ?? [];
	if (recent.includes(key) || saved.includes(key)) return false;
	const seen = [...new Set([...saved, ...recent, key])].slice(-memory);
	recentByTrigger.set(trigger, seen);
	stored.seen = seen;
	return true;
}
