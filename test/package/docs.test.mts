import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

/** The README is the short page users read; its links, and the nodes' documentation links, work. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const PAGES = [
	'README.md',
	'CONTRIBUTING.md',
	'bench/README.md',
	...['docs', 'docs/reference'].flatMap((dir) =>
		readdirSync(path.join(ROOT, dir))
			.filter((f) => f.endsWith('.md'))
			.map((f) => `${dir}/${f}`),
	),
];
const DOCS_URL = 'https://github.com/n8n-nodes-kling/n8n-nodes-kling/blob/main/';

/** GitHub's anchor for a heading. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');

const anchorsOf = (page: string) =>
	new Set(
		[...readFileSync(path.join(ROOT, page), 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1])),
	);

/** Checks a link from `from` (a page, or the root for URLs): the file exists, and so does the anchor. */
function problem(from: string, target: string): string | undefined {
	const [file, anchor] = target.split('#');
	const resolved = file ? path.join(path.dirname(from), file) : from;
	if (!existsSync(path.join(ROOT, resolved))) return `${from}: ${target} does not exist`;
	if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor))
		return `${from}: ${target} has no heading #${anchor}`;
	return undefined;
}

describe('documentation', () => {
	it('the README stays a short page (at most 15 KB)', () => {
		expect(readFileSync(path.join(ROOT, 'README.md')).length).toBeLessThanOrEqual(15 * 1024);
	});

	it.each(PAGES)('%s links only to files and headings that exist', (page) => {
		const text = readFileSync(path.join(ROOT, page), 'utf8');
		const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
			.map((m) => m[1])
			.filter((t) => !/^[a-z]+:/.test(t));
		expect(links.map((t) => problem(page, t)).filter(Boolean)).toEqual([]);
	});

	it('every documentation URL of the nodes and the credential points at a page and heading that exist', () => {
		const files = ['credentials/KlingApi.credentials.ts'];
		for (const dir of readdirSync(path.join(ROOT, 'nodes')).filter((d) => d.startsWith('Kling')))
			files.push(`nodes/${dir}/${dir}.node.ts`, `nodes/${dir}/${dir}.node.json`);
		const urls = files.flatMap((f) =>
			[
				...readFileSync(path.join(ROOT, f), 'utf8').matchAll(/https:\/\/github\.com\/[^'"\s]+/g),
			].map((m) => m[0]),
		);
		expect(urls.length).toBeGreaterThan(10);
		for (const url of urls) {
			expect(url.startsWith(DOCS_URL), url).toBe(true);
			expect(problem('README.md', url.slice(DOCS_URL.length))).toBeUndefined();
		}
	});

	it('source comments cite the docs in the repository, and only headings that exist', () => {
		const sources = ['nodes', 'credentials', 'emulator', 'test', 'scripts', 'bench'].flatMap(
			(dir) => filesUnder(dir).filter((f) => /\.m?ts$/.test(f)),
		);
		const outside = /shared\/docs|kling-api-2026\.md|kling-api\.md §|n8n-(platform|queue-mode)\.md/;
		const wrong: string[] = [];
		let cited = 0;
		for (const file of sources) {
			const text = readFileSync(path.join(ROOT, file), 'utf8');
			if (file !== 'test/package/docs.test.mts' && outside.test(text))
				wrong.push(`${file} cites a file outside the repository`);
			for (const m of text.matchAll(/docs\/reference\/([a-z0-9-]+\.md)#([a-z0-9-]+)/g)) {
				cited++;
				const issue = problem('README.md', `docs/reference/${m[1]}#${m[2]}`);
				if (issue) wrong.push(`${file}: ${issue}`);
			}
		}
		expect(cited).toBeGreaterThan(40);
		expect(wrong).toEqual([]);
	});
});

function filesUnder(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const rel = `${dir}/${entry.name}`;
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(rel);
		return [rel];
	});
}
