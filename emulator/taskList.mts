import { KlingError } from './checks.mts';

/**
 * The new standard's cursor list `POST /tasks` (docs/reference/kling-api.md#task-reads): tasks
 * created between `start_time` (default `end_time` − 30 days) and `end_time` (default now), at
 * most `limit` (default 100, at most 500) a page, filtered by status and product type. A cursor
 * carries the first page's window and filters, since the times are ignored once it is set.
 */
export interface ListedTask {
	createdAt: number;
	status: 'submitted' | 'processing' | 'succeeded' | 'failed';
	/** `video`, `image` or `try_on`; undefined for kinds the filter does not name (elements). */
	productType?: string;
}

interface Query {
	start: number;
	end: number;
	filters: Array<{ key: string; values: string[] }>;
	offset: number;
}

const DAY_MS = 24 * 3600_000;
const FILTER_VALUES: Record<string, string[]> = {
	status: ['submitted', 'processing', 'succeeded', 'failed'],
	product_type: ['video', 'image', 'try_on'],
};

/** A time as Kling takes it: a long, or (on some pages) its digits as a string. */
function time(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
		throw new KlingError(400, 1201, `${field} must be a time in milliseconds`);
	return n;
}

function filtersOf(value: unknown): Query['filters'] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) throw new KlingError(400, 1201, 'filters must be an array');
	return value.map((f: { key?: unknown; values?: unknown }) => {
		const allowed = FILTER_VALUES[String(f?.key)];
		if (!allowed) throw new KlingError(400, 1201, `filters: unknown key ${String(f?.key)}`);
		if (!Array.isArray(f.values) || f.values.some((v) => !allowed.includes(String(v))))
			throw new KlingError(400, 1201, `filters: ${String(f.key)} takes ${allowed.join(', ')}`);
		return { key: String(f.key), values: f.values.map(String) };
	});
}

function queryOf(body: Record<string, unknown>, now: number): Query {
	if (typeof body.cursor === 'string' && body.cursor) {
		try {
			return JSON.parse(Buffer.from(body.cursor, 'base64url').toString()) as Query;
		} catch {
			throw new KlingError(400, 1201, 'cursor is invalid');
		}
	}
	const end = time(body.end_time, 'end_time') ?? now;
	const start = time(body.start_time, 'start_time') ?? end - 30 * DAY_MS;
	if (start >= end) throw new KlingError(400, 1201, 'start_time must be earlier than end_time');
	return { start, end, filters: filtersOf(body.filters), offset: 0 };
}

function matches(task: ListedTask, query: Query): boolean {
	if (task.createdAt < query.start || task.createdAt > query.end) return false;
	return query.filters.every((f) =>
		f.values.includes(String(f.key === 'status' ? task.status : task.productType)),
	);
}

/** One page of `tasks` (newest first) as the list answers it, each shown by `view`. */
export function cursorPage<T extends ListedTask>(
	raw: string,
	tasks: T[],
	view: (task: T) => Record<string, unknown>,
	now = Date.now(),
): Record<string, unknown> {
	const body = JSON.parse(raw || '{}') as Record<string, unknown>;
	const limit = body.limit === undefined ? 100 : Number(body.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 500)
		throw new KlingError(400, 1201, 'limit must be between 1 and 500');
	const query = queryOf(body, now);
	const all = tasks.filter((t) => matches(t, query));
	const page = all.slice(query.offset, query.offset + limit);
	const next = query.offset + page.length;
	const cursor = { ...query, offset: next };
	return {
		result: page.map(view),
		count: page.length,
		next_cursor: next < all.length ? Buffer.from(JSON.stringify(cursor)).toString('base64url') : '',
		has_more: next < all.length,
	};
}
