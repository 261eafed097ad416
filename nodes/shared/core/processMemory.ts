/**
 * Everything the package keeps in an n8n process from one execution to the next is made here,
 * by name, so this is the one place to find it: Kling's tasks are slow and n8n runs every
 * execution afresh, so what one learned (task lengths, the tasks it created, which batch is
 * resuming) must outlive it. Each memory is bounded where it could grow with use. In queue mode
 * every worker has its own; none is needed for correctness across processes.
 */
export class BoundedMap<K, V> extends Map<K, V> {
	constructor(private readonly limit: number) {
		super();
	}

	/** Sets the entry as the newest; beyond the limit, the oldest entries go. */
	override set(key: K, value: V): this {
		super.delete(key);
		super.set(key, value);
		while (this.size > this.limit) super.delete(this.keys().next().value as K);
		return this;
	}
}

const MEMORIES = new Map<string, Map<unknown, unknown>>();

/** The process's memory of this name, made on first use. */
export function processMemory<K, V>(name: string, limit = Number.POSITIVE_INFINITY): Map<K, V> {
	let memory = MEMORIES.get(name);
	if (!memory) MEMORIES.set(name, (memory = new BoundedMap<unknown, unknown>(limit)));
	return memory as Map<K, V>;
}

/** The names of the memories made so far. */
export function processMemoryNames(): string[] {
	return [...MEMORIES.keys()];
}

/** What a fresh n8n process knows: nothing. Tests use it to stand for another worker. */
export function forgetProcessMemory(): void {
	for (const memory of MEMORIES.values()) memory.clear();
}
