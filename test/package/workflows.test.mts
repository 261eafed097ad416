import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** n8n verifies only packages published from a GitHub Action with npm provenance. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const workflow = (name: string) =>
	parse(readFileSync(path.join(ROOT, '.github/workflows', name), 'utf8')) as {
		on: Record<string, unknown>;
		jobs: Record<
			string,
			{ permissions?: Record<string, string>; steps: Array<{ run?: string; env?: object }> }
		>;
	};
const runs = (job: { steps: Array<{ run?: string }> }) => job.steps.map((s) => s.run ?? '');

describe('GitHub workflows', () => {
	it('CI runs on pushes and pull requests: npm ci, lint, typecheck, the scanner, unit tests, the full suite', () => {
		const ci = workflow('ci.yml');
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(runs(ci.jobs.quick)).toEqual(
			expect.arrayContaining([
				'npm ci',
				'npm run lint',
				'npm run typecheck',
				'npm run scan',
				'npm run test:unit',
			]),
		);
		expect(runs(ci.jobs.full)).toContain('npm test');
	});

	it('publishes on a version tag, with id-token: write and npm provenance', () => {
		const publish = workflow('publish.yml');
		expect(publish.on.push).toEqual({ tags: ['*.*.*'] });
		const job = publish.jobs.publish;
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		const release = job.steps.find((s) => /npm run release|npm publish/.test(s.run ?? ''))!;
		expect(release.env).toMatchObject({ NPM_CONFIG_PROVENANCE: 'true' });
		expect(runs(job)).toEqual(expect.arrayContaining(['npm ci', 'npm run lint', 'npm run scan']));
	});

	it('package.json points at the repository the workflows publish from', () => {
		const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
			repository: { url: string };
			homepage: string;
			scripts: Record<string, string>;
		};
		expect(pkg.repository.url).toBe('git+https://github.com/n8n-nodes-kling/n8n-nodes-kling.git');
		expect(pkg.homepage.startsWith('https://github.com/n8n-nodes-kling/n8n-nodes-kling')).toBe(
			true,
		);
		expect(pkg.scripts.release).toBe('n8n-node release');
	});
});
