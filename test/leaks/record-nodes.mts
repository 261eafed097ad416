/**
 * Vitest setup file: every call of a node's `execute`, `webhook` or `poll` in the unit suites goes into the
 * secret-hygiene corpus (test/support/leak-corpus.mts), whatever test made it.
 */
import { KlingImage2Video } from '../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { KlingMultiImage2Image } from '../../nodes/KlingMultiImage2Image/KlingMultiImage2Image.node.ts';
import { KlingMultiImage2Video } from '../../nodes/KlingMultiImage2Video/KlingMultiImage2Video.node.ts';
import { KlingPollingTrigger } from '../../nodes/KlingPollingTrigger/KlingPollingTrigger.node.ts';
import { KlingTrigger } from '../../nodes/KlingTrigger/KlingTrigger.node.ts';
import { record, recordError } from '../support/leak-corpus.mts';

type Method = (...args: unknown[]) => Promise<unknown>;

for (const NodeClass of [
	KlingImage2Video,
	KlingMultiImage2Video,
	KlingMultiImage2Image,
	KlingTrigger,
	KlingPollingTrigger,
]) {
	const proto = NodeClass.prototype as unknown as Record<string, Method | undefined>;
	for (const name of ['execute', 'webhook', 'poll']) {
		const original = proto[name];
		if (!original || (original as { recorded?: boolean }).recorded) continue;
		const wrapped: Method = async function (this: unknown, ...args: unknown[]) {
			const source = `${NodeClass.name}.${name}`;
			try {
				const result = await original.apply(this, args);
				record('output', source, result);
				return result;
			} catch (error) {
				recordError(source, error);
				throw error;
			}
		};
		(wrapped as { recorded?: boolean }).recorded = true;
		proto[name] = wrapped;
	}
}
