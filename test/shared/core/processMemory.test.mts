import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
	BoundedMap,
	forgetProcessMemory,
	processMemory,
	processMemoryNames,
} from '../../../nodes/shared/core/processMemory.ts';
import '../../../nodes/KlingTrigger/KlingTrigger.node.ts';
import '../../../nodes/KlingImage2Video/KlingImage2Video.node.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? sources(`${dir}/${e.name}`)
			: e.name.endsWith('.ts')
				? [`${dir}/${e.name}`]
				: [],
	);
}

describe('process memory', () => {
	it('keeps the newest entries up to its limit; setting an entry again makes it the newest', () => {
		const map = new BoundedMap<string, number>(2);
		map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
		expect([...map.entries()]).toEqual([
			['a', 3],
			['c', 4],
		]);
	});

	it('is every piece of state the package keeps across executions, by name', () => {
		expect(processMemoryNames().sort()).toEqual([
			'account boards',
			'batches resuming',
			'batches watched',
			'created task types',
			'created tasks by external ID',
			'task IDs of waiting batches',
			'trigger deliveries',
			'typical task lengths',
		]);
		// Nothing else under nodes/ keeps a module-level map.
		const stray = sources('nodes').filter(
			(f) =>
				f !== 'nodes/shared/core/processMemory.ts' &&
				/^(const|let) \w+ = new Map</m.test(readFileSync(path.join(ROOT, f), 'utf8')),
		);
		expect(stray).toEqual([]);
	});

	it('forgets everything at once, as a fresh process would', () => {
		const memory = processMemory<string, number>('typical task lengths');
		memory.set('k', 1);
		forgetProcessMemory();
		expect(memory.size).toBe(0);
	});
});
