/**
 * `npm run scan`: n8n's own verification scanner (@n8n/scan-community-package 0.32.0, its exported
 * `analyzePackage`) on what n8n scans before it verifies a package: the source checkout (its
 * source patterns) and the packed tarball (`**\/*.js`, `package.json`). Then the same scan on a
 * copy of the tarball with a `console.log` put into a built node, which must fail: a scanner that
 * cannot fail here would prove nothing. Exits 1 on any error.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

function packed(work: string): string {
	execFileSync('npm', ['run', 'build', '--silent'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT })
		.toString()
		.trim()
		.split('\n')
		.pop()!;
	execFileSync('tar', ['-xzf', path.join(work, name), '-C', work]);
	return path.join(work, 'package');
}

async function scan(label: string, dir: string, patterns: string[]): Promise<boolean> {
	const result = await analyzePackage(dir, patterns);
	console.log(`scan ${label}: ${result.passed ? 'passed' : `FAILED (${result.message})`}`);
	if (!result.passed && result.details) console.log(result.details);
	return result.passed;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'kling-scan-'));
try {
	const unpacked = packed(work);
	const source = await scan('source', ROOT, SOURCE_FILE_PATTERNS);
	const tarball = await scan('tarball', unpacked, TARBALL_PATTERNS);
	const tampered = path.join(work, 'tampered');
	cpSync(unpacked, tampered, { recursive: true });
	appendFileSync(
		path.join(tampered, 'dist/nodes/KlingImage2Video/KlingImage2Video.node.js'),
		'\nconsole.log("tampered");\n',
	);
	const control = await scan('tampered copy (must fail)', tampered, TARBALL_PATTERNS);
	if (control) console.log('the scanner let a console.log in a built node through');
	process.exitCode = source && tarball && !control ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
