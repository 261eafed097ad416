import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

/**
 * The community-node rules n8n's repository has and the scanner release this registry serves
 * (0.32.0, run by `npm run scan`) does not enforce yet (CONTRIBUTING.md, Verification). The next release will: checked here on the package's own nodes, so a verified package
 * already meets them.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE_DIRS = readdirSync(path.join(ROOT, 'nodes')).filter((d) => d.startsWith('Kling'));
const CATEGORIES = [
	'Data & Storage',
	'Finance & Accounting',
	'Marketing & Content',
	'Productivity',
	'Miscellaneous',
	'Sales',
	'Development',
	'Analytics',
	'Communication',
	'Utility',
];

const source = (dir: string) =>
	readFileSync(path.join(ROOT, 'nodes', dir, `${dir}.node.ts`), 'utf8');

async function nodeOf(dir: string): Promise<INodeType> {
	const module = (await import(`../../nodes/${dir}/${dir}.node.ts`)) as Record<
		string,
		new () => INodeType
	>;
	return new module[dir]();
}

/** Every parameter, with those inside collections and fixed collections. */
function allParameters(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => {
		const inner = (p.options ?? []).flatMap((o) =>
			'values' in o ? (o.values as INodeProperties[]) : 'type' in o ? [o as INodeProperties] : [],
		);
		return [p, ...allParameters(inner)];
	});
}

describe('newer community-node rules', () => {
	it.each(NODE_DIRS)('%s: codex categories from n8n\'s list, no "AI", no subcategories', (dir) => {
		const codex = JSON.parse(
			readFileSync(path.join(ROOT, 'nodes', dir, `${dir}.node.json`), 'utf8'),
		) as { categories: string[]; subcategories?: unknown };
		expect(codex.categories.length).toBeGreaterThan(0);
		for (const category of codex.categories) expect(CATEGORIES).toContain(category);
		expect(codex.subcategories).toBeUndefined();
	});

	it.each(NODE_DIRS)(
		'%s: execute() checks this.continueOnFail() (require-continue-on-fail)',
		(dir) => {
			const text = source(dir);
			const start = text.indexOf('async execute(');
			if (start < 0) return expect(text).not.toMatch(/\bexecute\s*\(/);
			const body = text.slice(start, text.indexOf('\n\t}\n', start));
			expect(body).toContain('this.continueOnFail()');
		},
	);

	it.each(NODE_DIRS)(
		'%s: a default on every parameter, hints of at most 120 characters, one credential',
		async (dir) => {
			const { description } = await nodeOf(dir);
			for (const parameter of allParameters(description.properties)) {
				expect(parameter, parameter.name).toHaveProperty('default');
				expect(parameter.hint?.length ?? 0, parameter.name).toBeLessThanOrEqual(120);
			}
			expect(description.credentials).toHaveLength(1);
		},
	);

	it.each(NODE_DIRS.filter((dir) => /properties: \[/.test(source(dir))))(
		'%s: optional top-level fields live in a collection (non-required-fields-in-collection)',
		async (dir) => {
			const { description } = await nodeOf(dir);
			const loose = description.properties.filter(
				(p) =>
					!p.required &&
					!['collection', 'fixedCollection', 'notice', 'hidden'].includes(p.type) &&
					!['resource', 'operation', 'authentication'].includes(p.name),
			);
			expect(loose.map((p) => p.name)).toEqual([]);
		},
	);

	it('MIT license with its file, no monorepo directory, the community keyword', () => {
		const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
			license: string;
			repository: { url: string; directory?: string };
			keywords: string[];
			dependencies?: object;
		};
		expect(pkg.license).toBe('MIT');
		expect(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
		expect(pkg.repository.directory).toBeUndefined();
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(existsSync(path.join(ROOT, 'CONTRIBUTING.md'))).toBe(true);
	});
});
