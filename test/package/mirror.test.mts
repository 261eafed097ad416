import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

/**
 * Tests mirror the tree: every module of nodes/shared/ with code (not types only) has its test
 * at the same place under test/shared/ (`api/routing.ts` → `api/routing.test.mts`), or its
 * folder has one test for all of it (`input/schemas/` → `input/schemas.test.mts`). Two folders
 * are tested by walking what they feed, named here with the reason.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const WALKED: Record<string, string> = {
	// Every fragment reaches the panels; the test walks every node's panel and the credential.
	'shared/description': 'test/shared/description/parameters.test.mts',
	// The conformance test walks the registry: every product's panel, body, endpoints and safety.
	'shared/products': 'test/shared/products/registry.test.mts',
};

function modules(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const rel = `${dir}/${entry.name}`;
		if (entry.isDirectory()) return modules(rel);
		return rel.endsWith('.ts') ? [rel] : [];
	});
}

/** Whether a module has code to test: an exported function, class or value. */
const hasCode = (file: string) =>
	/^export (async function|function|const|class|\{)/m.test(
		readFileSync(path.join(ROOT, file), 'utf8'),
	);

function testOf(file: string): string | undefined {
	const rel = file.slice('nodes/'.length, -'.ts'.length);
	const candidates = [`test/${rel}.test.mts`, `test/${path.dirname(rel)}.test.mts`];
	const walked = Object.entries(WALKED).find(([dir]) => rel.startsWith(`${dir}/`));
	if (walked) candidates.push(walked[1]);
	return candidates.find((c) => existsSync(path.join(ROOT, c)));
}

describe('tests mirror the tree', () => {
	const files = modules('nodes/shared').filter(hasCode);

	it('finds the modules it holds to the rule', () => {
		expect(files.length).toBeGreaterThan(50);
		expect(files).toContain('nodes/shared/api/routing.ts');
	});

	it('gives every module of nodes/shared with code a test where the tree says', () => {
		expect(files.filter((file) => !testOf(file))).toEqual([]);
	});

	it('names no walked test that does not exist', () => {
		for (const test of Object.values(WALKED))
			expect(existsSync(path.join(ROOT, test)), test).toBe(true);
	});
});
