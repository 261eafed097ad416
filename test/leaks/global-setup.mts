import path from 'node:path';

import { clearCorpus } from '../support/leak-corpus.mts';

/** Each suite starts its part of the secret-hygiene corpus afresh. */
export default function setup(): void {
	if (process.env.KLING_LEAK_CORPUS) clearCorpus(path.resolve(process.env.KLING_LEAK_CORPUS));
}
