/**
 * `npm run test:chaos`: the full seeded campaign (300 runs by default, `--runs N`, `--from S`),
 * then workers killed mid-wait in a real queue-mode n8n (`--kills N`, 6 by default).
 * Prints the summary, writes chaos-summary.json at the repository root, and fails on any violation;
 * every violation names its seed, so `--from <seed> --runs 1` replays it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from '../support/n8n.mts';
import { runCampaign } from './campaign.mts';
import { runWorkerKills } from './workerKill.mts';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 300);
const from = arg('--from', 1);
const started = Date.now();
const summary = await runCampaign(
	Array.from({ length: runs }, (_, i) => from + i),
	6,
);
const { violations, seeds, errorItems, ...figures } = summary;
// Workers killed mid-wait in a real queue-mode n8n (`--kills 0` leaves them out).
const kills = arg('--kills', 6);
const workerKills = kills > 0 ? await runWorkerKills(seeds.slice(0, kills)) : undefined;
writeFileSync(
	path.join(ROOT, 'chaos-summary.json'),
	JSON.stringify(
		{ ...figures, seeds: [seeds[0], seeds[seeds.length - 1]], violations, workerKills },
		null,
		2,
	) + '\n',
);
console.log(JSON.stringify(figures, null, 2));
if (workerKills) console.log('workers killed mid-wait:', JSON.stringify(workerKills, null, 2));
const kinds = new Map<string, number>();
for (const e of errorItems) {
	const key = e
		.replace(/\d{3,}/g, 'N')
		.replace(/\[request id [^\]]*\]/, '')
		.slice(0, 90);
	kinds.set(key, (kinds.get(key) ?? 0) + 1);
}
console.log('error items by message:', JSON.stringify(Object.fromEntries(kinds), null, 1));
console.log(
	`seeds ${seeds[0]}…${seeds[seeds.length - 1]}, ${Math.round((Date.now() - started) / 1000)} s`,
);
const allViolations = [...violations, ...(workerKills?.violations ?? [])];
for (const v of allViolations) console.log(`VIOLATION seed ${v.seed}: ${v.problem}`);
const ok =
	allViolations.length === 0 && summary.forgedAccepted === 0 && summary.attackerRequests === 0;
console.log(ok ? 'chaos: all invariants held' : 'chaos: FAILED');
process.exitCode = ok ? 0 : 1;
