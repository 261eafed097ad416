import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { downloadFile } from '../../../nodes/shared/output/download.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';

/**
 * Result downloads: only http(s), no credentials sent to the file host, content type checked,
 * and a size ceiling enforced from the declared length or while counting, before the body is whole.
 */
describe('result download hygiene', () => {
	const seen: Array<{ url: string; authorization?: string }> = [];
	let bytesSent = 0;
	let base = '';
	let failuresLeft = 0;
	const server = http.createServer((req, res): void => {
		seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
		const send = (chunk: Buffer) => {
			bytesSent += chunk.length;
			return res.write(chunk);
		};
		if (req.url === '/video.mp4')
			return void res
				.writeHead(200, { 'content-type': 'video/mp4', 'content-length': 4 })
				.end('mp4!');
		if (req.url === '/sound')
			return void res
				.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': 4 })
				.end('mp3!');
		if (req.url === '/page')
			return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
		if (req.url === '/gone') return void res.writeHead(404).end();
		if (req.url === '/flaky.png') {
			if (failuresLeft-- > 0) return void res.writeHead(503).end();
			return void res
				.writeHead(200, { 'content-type': 'image/png', 'content-length': 3 })
				.end('png');
		}
		if (req.url === '/declared-huge.mp4') {
			// Declares 600 MB, sends 1 MB, then stalls: the ceiling must hold without reading on.
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': 600 * 1024 * 1024 });
			send(Buffer.alloc(1024 * 1024));
			return;
		}
		if (req.url === '/endless.png') {
			// No declared length: streams until the client hangs up.
			res.writeHead(200, { 'content-type': 'image/png' });
			const chunk = Buffer.alloc(1024 * 1024, 7);
			const pump = () => {
				while (!res.destroyed && bytesSent < 200 * 1024 * 1024)
					if (!send(chunk)) return void res.once('drain', pump);
				res.end();
			};
			res.on('close', () => res.removeAllListeners('drain'));
			pump();
			return;
		}
		res.writeHead(500).end();
	});
	const ctx = () =>
		makeContext({ params: {}, credentials: emulatorCredentials('http://127.0.0.1:1') }).ctx;

	beforeAll(async () => {
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((r) => server.close(r));
	});
	beforeEach(() => {
		seen.length = 0;
		bytesSent = 0;
	});

	it('downloads a video without sending any credential to the file host', async () => {
		const file = await downloadFile(ctx(), 0, `${base}/video.mp4`, 'video', 'kling-1');
		expect(Buffer.from(file.data, 'base64').toString()).toBe('mp4!');
		expect([file.mimeType, file.fileName]).toEqual(['video/mp4', 'kling-1.mp4']);
		expect(seen).toEqual([{ url: '/video.mp4', authorization: undefined }]);
	});

	it('downloads a sound as an MP3, and refuses a video where a sound was expected', async () => {
		const file = await downloadFile(ctx(), 0, `${base}/sound`, 'audio', 'kling-2');
		expect(file).toMatchObject({ mimeType: 'audio/mpeg', fileName: 'kling-2.mp3' });
		await expect(downloadFile(ctx(), 0, `${base}/video.mp4`, 'audio', 'x')).rejects.toThrow(
			'The result is video/mp4, not audio; refusing to store it',
		);
	});

	it('refuses URLs that are not http(s) without requesting anything', async () => {
		for (const url of ['file:///etc/passwd', 'ftp://example.com/x.mp4', 'not a url']) {
			await expect(downloadFile(ctx(), 0, url, 'video', 'x')).rejects.toThrow(
				/Refusing to download a result from a (file|ftp): URL|not valid/,
			);
		}
		expect(seen).toHaveLength(0);
	});

	it('refuses a body of the wrong content type', async () => {
		await expect(downloadFile(ctx(), 0, `${base}/page`, 'video', 'x')).rejects.toThrow(
			'The result is text/html, not a video; refusing to store it',
		);
	});

	it('refuses a declared size above the ceiling before reading the body', async () => {
		await expect(downloadFile(ctx(), 0, `${base}/declared-huge.mp4`, 'video', 'x')).rejects.toThrow(
			'The result is 600 MB, above the 500 MB ceiling',
		);
		expect(seen).toHaveLength(1);
	});

	it('stops reading an undeclared body as soon as it passes the ceiling', async () => {
		await expect(downloadFile(ctx(), 0, `${base}/endless.png`, 'image', 'x')).rejects.toThrow(
			'The result is larger than the 50 MB ceiling',
		);
		// The server could have sent 200 MB; the node hung up just past 50 MB (plus what was in flight).
		expect(bytesSent).toBeLessThan(80 * 1024 * 1024);
	});

	it('retries a failing file host, and names the 30-day expiry on a 404', async () => {
		failuresLeft = 2;
		const file = await downloadFile(ctx(), 0, `${base}/flaky.png`, 'image', 'x');
		expect(Buffer.from(file.data, 'base64').toString()).toBe('png');
		expect(seen).toHaveLength(3);
		await expect(downloadFile(ctx(), 0, `${base}/gone`, 'image', 'x')).rejects.toThrow(
			/HTTP 404.*expire after 30 days/,
		);
	});
});
