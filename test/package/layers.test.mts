import {
	appendFileSync,
	cpSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

/**
 * The shared code's layers import one way, down: a layer may import its own and the ones before
 * it, never one after it. The nodes sit on top; the credential takes only the provider table, the
 * JWT signer and the error table.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const LAYERS = [
	'core',
	'models',
	'api',
	'callbacks',
	'input',
	'description',
	'products',
	'output',
	'waiting',
	'trigger',
];
const CREDENTIAL_MAY_USE = ['api/providers', 'api/jwt', 'api/errors'];

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
	});
}

/** Each relative import of a file, as a path from the repository root without extension. */
function imports(file: string, root: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/from '(\.[^']+)'/g)].map((m) =>
		path.relative(root, path.resolve(path.dirname(file), m[1])),
	);
}

/** The layer of a file under nodes/shared, or 'node' for a node's own folder. */
function layerOf(file: string, root: string): number {
	const [top, sub] = path.relative(path.join(root, 'nodes'), file).split(path.sep);
	if (top !== 'shared') return LAYERS.length;
	const layer = LAYERS.indexOf(sub);
	if (layer < 0) throw new Error(`nodes/shared/${sub} is in no layer: add it to LAYERS`);
	return layer;
}

function upwardImports(root = ROOT): string[] {
	const wrong: string[] = [];
	for (const file of files(path.join(root, 'nodes'))) {
		for (const target of imports(file, root)) {
			const from = layerOf(file, root);
			const to = layerOf(path.join(root, target), root);
			if (to > from)
				wrong.push(`${path.relative(root, file)} imports ${target} (${LAYERS[to] ?? 'a node'})`);
		}
	}
	for (const file of files(path.join(root, 'credentials'))) {
		for (const target of imports(file, root)) {
			if (!CREDENTIAL_MAY_USE.some((allowed) => target === `nodes/shared/${allowed}`))
				wrong.push(`${path.relative(root, file)} imports ${target}`);
		}
	}
	return wrong;
}

describe('layers', () => {
	it(`nodes/shared imports one way: ${LAYERS.join(' ← ')} ← the nodes`, () => {
		expect(upwardImports()).toEqual([]);
	});

	it('fails on a deliberate upward import (a copy of the tree with one added)', () => {
		const copy = mkdtempSync(path.join(os.tmpdir(), 'kling-layers-'));
		try {
			cpSync(path.join(ROOT, 'nodes'), path.join(copy, 'nodes'), { recursive: true });
			cpSync(path.join(ROOT, 'credentials'), path.join(copy, 'credentials'), { recursive: true });
			appendFileSync(
				path.join(copy, 'nodes/shared/api/routing.ts'),
				"\nexport { PRODUCTS } from '../products/registry';\n",
			);
			appendFileSync(
				path.join(copy, 'credentials/KlingApi.credentials.ts'),
				"\nexport { PRODUCTS } from '../nodes/shared/products/registry';\n",
			);
			expect(upwardImports(copy)).toEqual([
				'nodes/shared/api/routing.ts imports nodes/shared/products/registry (products)',
				'credentials/KlingApi.credentials.ts imports nodes/shared/products/registry',
			]);
		} finally {
			rmSync(copy, { recursive: true, force: true });
		}
	});
});
