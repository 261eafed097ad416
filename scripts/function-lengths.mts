/**
 * `npm run lengths`: the longest functions of the shipped code (nodes/ and credentials/), measured
 * with the TypeScript compiler API. Exits 1 when one is longer than the limit (default 80 lines),
 * so `npm test` keeps the core readable.
 *
 *   npm run lengths -- --top 5 --max 80
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import ts from 'typescript';

import { ROOT } from '../test/support/n8n.mts';

interface Measured {
	name: string;
	file: string;
	line: number;
	lines: number;
}

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const full = path.join(dir, entry);
		if (statSync(full).isDirectory()) return sources(full);
		return full.endsWith('.ts') && !full.endsWith('.d.ts') ? [full] : [];
	});
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
	const named = node as ts.Node & { name?: ts.Node };
	if (named.name) return named.name.getText(source);
	const parent = node.parent;
	if (
		ts.isVariableDeclaration(parent) ||
		ts.isPropertyAssignment(parent) ||
		ts.isPropertyDeclaration(parent)
	) {
		return parent.name.getText(source);
	}
	return '(anonymous)';
}

export function measure(file: string): Measured[] {
	const text = readFileSync(file, 'utf8');
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
	const found: Measured[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
			const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
			const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
			found.push({
				name: nameOf(node, source),
				file: path.relative(ROOT, file),
				line: start + 1,
				lines: end - start + 1,
			});
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

const args = process.argv.slice(2);
const option = (flag: string, fallback: number) => {
	const i = args.indexOf(flag);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const top = option('--top', 5);
const max = option('--max', 80);

const all = ['nodes', 'credentials']
	.flatMap((dir) => sources(path.join(ROOT, dir)))
	.flatMap(measure)
	.sort((a, b) => b.lines - a.lines);
for (const f of all.slice(0, top))
	console.log(`${String(f.lines).padStart(4)}  ${f.name}  ${f.file}:${f.line}`);
const over = all.filter((f) => f.lines > max);
if (over.length > 0) {
	console.error(`\n${over.length} function(s) longer than ${max} lines.`);
	process.exit(1);
}
console.log(`\n${all.length} functions, none longer than ${max} lines.`);
