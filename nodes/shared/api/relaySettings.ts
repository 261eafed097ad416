/**
 * The credential's relay settings: relays change under us, so each assumption a provider's
 * profile makes (routes, the scene field's spelling, minimum images, an extra header, what it
 * can look up) can be changed per credential, without a release.
 */

import type { KlingCredentials, ProviderProfile, Tristate } from './providers';

export function withRelaySettings(
	profile: ProviderProfile,
	credentials: KlingCredentials,
): ProviderProfile {
	const overrides = parseRouteOverrides(credentials.routeOverrides ?? '');
	// Kling itself may publish a path later than this release (Kling 4.0's is a guess).
	if (profile.id === 'official')
		return Object.keys(overrides).length
			? { ...profile, pathOverrides: { ...profile.pathOverrides, ...overrides } }
			: profile;
	if (credentials.relaySettings !== true) return profile;
	const minImages = Math.trunc(Number(credentials.minImages ?? 0));
	return {
		...profile,
		pathOverrides: { ...profile.pathOverrides, ...overrides },
		sceneImageField:
			credentials.sceneImageField && credentials.sceneImageField !== 'default'
				? credentials.sceneImageField
				: profile.sceneImageField,
		minImages: minImages >= 1 ? minImages : profile.minImages,
		extraHeaders: withExtraHeader(profile, credentials),
		externalIdLookup: tristate(credentials.externalIdLookup, profile.externalIdLookup, [
			'path',
			'query',
		]),
		taskList: tristate(credentials.taskList, profile.taskList, true),
		uniqueExternalIds: tristate(credentials.uniqueExternalIds, profile.uniqueExternalIds, true),
	};
}

function tristate<T>(setting: Tristate | undefined, fallback: T, yes: T): T {
	if (setting === 'yes') return yes;
	if (setting === 'no') return (Array.isArray(yes) ? [] : false) as T;
	return fallback;
}

/** One line of a credential's Route Overrides. */
export interface RouteOverride {
	/** "line 2 (\"/v1/videos/image2video = /v2/i2v\")": where a message points. */
	where: string;
	from: string;
	to: string;
}

/**
 * Lines of `<Kling path> = <relay path>`, e.g. `/v1/images/multi-image2image =
 * /v1/images/generations`, or a new-standard product such as `/omni-video = /v2/omni-video`;
 * blank lines and lines starting with # are skipped.
 */
export function routeOverrideLines(text: string): RouteOverride[] {
	const out: RouteOverride[] = [];
	text.split(/\r?\n/).forEach((raw, i) => {
		const line = raw.trim();
		if (!line || line.startsWith('#')) return;
		const [from, to, extra] = line.split(/\s*(?:=|->)\s*/);
		const where = `Route Overrides in the Kling API credential, line ${i + 1} ("${line}")`;
		if (!from || !to || extra !== undefined || !to.startsWith('/')) {
			throw new Error(
				`${where}: write "<Kling path> = <relay path>", where the Kling path is one Kling documents (e.g. /v1/videos/image2video) and the relay path starts with /`,
			);
		}
		out.push({ where, from: normalisePath(from), to: normalisePath(to) });
	});
	return out;
}

export function parseRouteOverrides(text: string): Record<string, string> {
	return Object.fromEntries(routeOverrideLines(text).map((o) => [o.from, o.to]));
}

const normalisePath = (path: string) => `/${path.trim().replace(/^\/+|\/+$/g, '')}`;

/** The profile's headers and the credential's extra header. */
function withExtraHeader(
	profile: ProviderProfile,
	credentials: KlingCredentials,
): Record<string, string> {
	const name = (credentials.extraHeaderName ?? '').trim();
	return name
		? { ...profile.extraHeaders, [name]: credentials.extraHeaderValue ?? '' }
		: profile.extraHeaders;
}
