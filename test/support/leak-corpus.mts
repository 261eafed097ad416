/**
 * The secret-hygiene corpus. While the test suites run, every node output, error (message,
 * description and the error's own JSON), webhook answer and log line is appended here, together
 * with the secrets the tests handed to the credential; `npm run test:leaks` then searches the
 * whole corpus for those secrets and for any signed token. Recording is on only when
 * KLING_LEAK_CORPUS names a folder (the vitest configs set it), so the demo and dev runs write
 * nothing.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export type CorpusKind = 'output' | 'error' | 'response' | 'log' | 'secret';

export interface CorpusRecord {
	kind: CorpusKind;
	source: string;
	text: string;
}

const SECRET_FIELDS = ['apiKey', 'accessKey', 'secretKey', 'webhookSecret'];

const madeDirs = new Set<string>();

function corpusFile(): string | undefined {
	const dir = process.env.KLING_LEAK_CORPUS;
	if (!dir) return undefined;
	if (!madeDirs.has(dir)) {
		mkdirSync(dir, { recursive: true });
		madeDirs.add(dir);
	}
	return path.join(dir, `corpus-${process.pid}.jsonl`);
}

export function record(kind: CorpusKind, source: string, text: unknown): void {
	const file = corpusFile();
	if (!file) return;
	const value = typeof text === 'string' ? text : JSON.stringify(text ?? null);
	appendFileSync(file, JSON.stringify({ kind, source, text: value } satisfies CorpusRecord) + '\n');
}

/** The secrets of a credential as the tests gave it, so the scan knows exactly what to look for. */
export function recordCredentialSecrets(
	source: string,
	credentials: Record<string, unknown>,
): void {
	for (const field of SECRET_FIELDS) {
		const value = credentials[field];
		if (typeof value === 'string' && value.length >= 8)
			record('secret', `${source}.${field}`, value);
	}
}

/** Everything an error can show: n8n displays message and description, and stores the rest. */
export function recordError(source: string, error: unknown): void {
	const e = error as { message?: string; description?: string } | undefined;
	let json = '';
	try {
		json = JSON.stringify(error);
	} catch {
		json = '(not serialisable)';
	}
	record('error', source, `${e?.message ?? String(error)}\n${e?.description ?? ''}\n${json}`);
}

export function clearCorpus(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
}

export function readCorpus(dir: string): CorpusRecord[] {
	if (!existsSync(dir)) return [];
	const out: CorpusRecord[] = [];
	const walk = (d: string) => {
		for (const entry of readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, entry.name);
			if (entry.isDirectory()) walk(p);
			else if (entry.name.endsWith('.jsonl')) {
				for (const line of readFileSync(p, 'utf8').split('\n'))
					if (line) out.push(JSON.parse(line) as CorpusRecord);
			}
		}
	};
	walk(dir);
	return out;
}

/** A signed token (JWT): three base64url parts, the first a JSON header. */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;

export interface Leak {
	source: string;
	kind: CorpusKind;
	what: string;
	excerpt: string;
}

/**
 * Finds every record that shows a recorded secret (whole, or the key inside a `whsec_` secret)
 * or any JWT. The excerpt masks what it found, so the report itself leaks nothing.
 */
export function findLeaks(records: CorpusRecord[]): Leak[] {
	const secrets = new Set<string>();
	for (const r of records) {
		if (r.kind !== 'secret') continue;
		secrets.add(r.text);
		if (r.text.startsWith('whsec_') && r.text.length > 22) secrets.add(r.text.slice(6));
	}
	const leaks: Leak[] = [];
	for (const r of records) {
		if (r.kind === 'secret') continue;
		const hits: Array<{ what: string; at: number; length: number }> = [];
		for (const s of secrets) {
			const at = r.text.indexOf(s);
			if (at >= 0) hits.push({ what: 'a credential secret', at, length: s.length });
		}
		const jwt = JWT.exec(r.text);
		if (jwt) hits.push({ what: 'a JWT', at: jwt.index, length: jwt[0].length });
		for (const hit of hits) {
			const before = r.text.slice(Math.max(0, hit.at - 60), hit.at);
			const after = r.text.slice(hit.at + hit.length, hit.at + hit.length + 40);
			leaks.push({
				source: r.source,
				kind: r.kind,
				what: hit.what,
				excerpt: `${before}[${hit.what.toUpperCase()}]${after}`,
			});
		}
	}
	return leaks;
}
