/** Runs `fn` over the list with at most `limit` calls in flight; resolves when all are done. */
export async function eachAtOnce<T>(
	list: T[],
	limit: number,
	fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < list.length) {
			const index = next++;
			await fn(list[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, list.length) }, lane));
}
