import { describe, expect, it } from 'vitest';

import { AccountBoard, boardFor } from '../../../nodes/shared/waiting/accountBoard.ts';

/** A sleep that only ends when woken (or after `ms`, which these tests never reach). */
const sleeper = () => {
	let wake: (() => void) | undefined;
	const sleep = async (_ms: number, woken: () => boolean) => {
		while (!woken()) await new Promise<void>((resolve) => (wake = resolve));
	};
	return { sleep, poke: () => wake?.() };
};

describe("one pool's board, shared by the executions of a process", () => {
	it('lets the first in line take the next freed slot, and the next one after it leaves', async () => {
		const board = new AccountBoard();
		board.started('t1');
		board.join('exec-a');
		board.join('exec-b');
		expect(board.mayTake('exec-b')).toBe(false);
		expect(board.mayTake('exec-a')).toBe(true);
		const a = sleeper();
		const waiting = board.wait('exec-a', 60_000, a.sleep);
		board.ended('t1');
		a.poke();
		expect(await waiting).toBe(true);
		board.leave('exec-a');
		expect(board.mayTake('exec-b')).toBe(true);
		// exec-b was signalled while awake: its next wait returns at once.
		expect(await board.wait('exec-b', 60_000, async () => undefined)).toBe(true);
		expect(board.runningHere).toBe(0);
	});

	it('counts its running tasks, forgets a paused execution’s, and is one board per key', () => {
		const board = new AccountBoard();
		board.started('t1');
		board.started('t2');
		expect(board.runningHere).toBe(2);
		board.forget(['t1', 't2']);
		expect(board.runningHere).toBe(0);
		expect(boardFor('acc|kling-v3|video')).toBe(boardFor('acc|kling-v3|video'));
		expect(boardFor('acc|kling-v3|video')).not.toBe(boardFor('acc|kling-v3|image'));
	});

	it('a wait that is not woken ends after its time, saying so', async () => {
		const board = new AccountBoard();
		board.join('exec-a');
		expect(await board.wait('exec-a', 5, async () => undefined)).toBe(false);
	});
});
