import type { PreparedRequest } from './types';

/**
 * Tasks that take alike: the same standard, model, resolution and length (and, for images, the
 * same number), read from a request in either standard's shape. The poll schedule learns how
 * long such tasks take.
 */
export function kindOf(request: PreparedRequest | undefined): string | undefined {
	if (!request) return undefined;
	const body = request.body;
	const settings = (body.settings ?? {}) as Record<string, unknown>;
	return [
		request.route.standard,
		request.route.model,
		String(body.mode ?? settings.resolution ?? ''),
		String(body.duration ?? settings.duration ?? ''),
		String(body.n ?? ''),
	].join('|');
}
