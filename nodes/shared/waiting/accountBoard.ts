import { processMemory } from '../core/processMemory';

/**
 * One Kling concurrency pool (account × model × pack type, docs/reference/kling-api.md#concurrency-and-billing) as this n8n
 * process sees it, shared by every execution of the package in the process: the tasks they run
 * there, and, when Kling answers 1303, the line of executions waiting for a slot, in arrival
 * order. Without it an execution with no task of its own running can only guess when a slot
 * frees, and one that has tasks takes every slot its own tasks free, so a later one starves.
 */
export class AccountBoard {
	private readonly running = new Set<string>();
	private readonly line: string[] = [];
	private readonly wakers = new Map<string, () => void>();
	/** Woken while not asleep: the next wait returns at once. */
	private readonly signalled = new Set<string>();

	get runningHere(): number {
		return this.running.size;
	}

	started(taskId: string): void {
		this.running.add(taskId);
	}

	/** A task ended: its slot goes to the first in line. */
	ended(taskId: string): void {
		if (this.running.delete(taskId) && this.line.length) this.wake(this.line[0]);
	}

	/** Tasks nobody here will see end (a callback-wait execution paused): no longer counted. */
	forget(taskIds: Iterable<string>): void {
		for (const id of taskIds) this.running.delete(id);
	}

	/** Whether `who` may submit: nobody waits, or `who` is first in line. */
	mayTake(who: string): boolean {
		return this.line.length === 0 || this.line[0] === who;
	}

	inLine(who: string): boolean {
		return this.line.includes(who);
	}

	join(who: string): void {
		if (!this.line.includes(who)) this.line.push(who);
	}

	/** `who` got its slot, or stops waiting; the next in line may try at once. */
	leave(who: string): void {
		const at = this.line.indexOf(who);
		if (at < 0) return;
		this.line.splice(at, 1);
		this.signalled.delete(who);
		if (at === 0 && this.line.length) this.wake(this.line[0]);
	}

	/** Sleeps up to `ms`; true when woken because a slot may be free for `who`. */
	async wait(
		who: string,
		ms: number,
		sleep: (ms: number, woken: () => boolean) => Promise<void>,
	): Promise<boolean> {
		if (this.signalled.delete(who)) return true;
		let woken = false;
		this.wakers.set(who, () => (woken = true));
		await sleep(ms, () => woken);
		this.wakers.delete(who);
		return woken;
	}

	private wake(who: string): void {
		const waker = this.wakers.get(who);
		if (waker) waker();
		else this.signalled.add(who);
	}
}

const boards = processMemory<string, AccountBoard>('account boards');

/** The board of one pool, by a key that names the account without holding its secret. */
export function boardFor(key: string): AccountBoard {
	let board = boards.get(key);
	if (!board) boards.set(key, (board = new AccountBoard()));
	return board;
}
