/**
 * The schedule's lower bound: each of the account's slots refilled the moment its task ends, with
 * no latency, the tasks taken in the order they were created, with the lengths they had.
 */
export function lowerBoundMs(lengths: number[], slots: number): number {
	const free = Array.from({ length: slots }, () => 0);
	for (const length of lengths) {
		free.sort((a, b) => a - b);
		free[0] += length;
	}
	return Math.max(0, ...free);
}

/** The lower bound of a run from the emulator's record: its tasks in creation order. */
export function lowerBoundOf(
	tasks: Array<{ createdAt: number; finishAt: number }>,
	slots: number,
): number {
	const lengths = [...tasks]
		.sort((a, b) => a.createdAt - b.createdAt)
		.map((t) => t.finishAt - t.createdAt);
	return lowerBoundMs(lengths, slots);
}
