/**
 * Drives n8n's real editor in Debian's Chromium through playwright-core, for the editor suite:
 * installs Chromium (scripts/install-chromium.sh), logs in, searches the node creator, opens
 * node panels, and collects the browser console so a test can assert it has no package errors.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

import { ROOT } from './n8n.mts';

const run = promisify(execFile);

export const SCREENSHOTS = path.join(ROOT, '.e2e/screenshots');

export async function ensureChromium(): Promise<string> {
	const { stdout } = await run('bash', [path.join(ROOT, 'scripts/install-chromium.sh')], {
		timeout: 10 * 60_000,
		maxBuffer: 16 * 1024 * 1024,
	});
	return stdout.trim().split('\n').pop()!;
}

/** Flags this machine needs: no sandbox as root, and no background calls to Google's hosts. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

export class Editor {
	readonly console: string[] = [];

	private constructor(
		private readonly browser: Browser,
		readonly page: Page,
		readonly baseUrl: string,
	) {}

	static async open(baseUrl: string): Promise<Editor> {
		const executablePath = await ensureChromium();
		const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const page = await context.newPage();
		page.setDefaultTimeout(20_000);
		const editor = new Editor(browser, page, baseUrl);
		page.on('console', (m) => {
			if (m.type() === 'error' || m.type() === 'warning')
				editor.console.push(`${m.type()}: ${m.text()}`);
		});
		page.on('pageerror', (e) => editor.console.push(`pageerror: ${e.message}`));
		return editor;
	}

	async login(email: string, password: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/signin`);
		await this.page
			.locator('input[type=email], input[name=emailOrLdapLoginId]')
			.first()
			.fill(email);
		await this.page.locator('input[type=password]').first().fill(password);
		await this.page
			.locator('button[type=submit], [data-test-id=form-submit-button]')
			.first()
			.click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
	}

	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.page.locator('[data-test-id=canvas-node]').first().waitFor({ timeout: 60_000 });
	}

	/** The node creator's results for a search, from an empty workflow (trigger list) or a canvas. */
	async searchNodes(term: string, from: 'trigger' | 'regular'): Promise<string[]> {
		const open =
			from === 'trigger'
				? this.page.locator('[data-test-id=canvas-add-button]')
				: this.page.locator('[data-test-id=node-creator-plus-button]');
		await open.click({ timeout: 60_000 });
		const search = this.page.locator('[data-test-id=node-creator] input').first();
		await search.fill(term);
		const items = this.page.locator('[data-test-id=node-creator-item-name]');
		// The list settles after a debounce; wait until a result or "no results" shows.
		await this.page
			.locator('[data-test-id=node-creator-item-name], [data-test-id=node-creator-no-results]')
			.first()
			.waitFor();
		await this.page.waitForTimeout(300);
		// n8n renders a long result list in batches as it is scrolled: scroll until no more come.
		for (let seen = -1, n = await items.count(); n !== seen && n > 0; n = await items.count()) {
			seen = n;
			await items.nth(n - 1).scrollIntoViewIfNeeded();
			await this.page.waitForTimeout(300);
		}
		return await items.allInnerTexts();
	}

	async closeNodeCreator(): Promise<void> {
		await this.page.keyboard.press('Escape');
		await this.page.locator('[data-test-id=node-creator]').waitFor({ state: 'hidden' });
	}

	async openNode(name: string): Promise<void> {
		await this.page.locator('[data-test-id=canvas-node]', { hasText: name }).first().dblclick();
		await this.page.locator('[data-test-id=ndv]').waitFor();
		// n8n shows a one-time keyboard tip over the panel; it is not part of what is tested.
		await this.page
			.getByRole('button', { name: 'Got it' })
			.click({ timeout: 1500 })
			.catch(() => undefined);
	}

	/** Adds a trigger to a new workflow from the node creator and opens its panel. */
	async addTrigger(name: string): Promise<Locator> {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.searchNodes('kling', 'trigger');
		await this.page.locator('[data-test-id=node-creator-item-name]', { hasText: name }).click();
		// A community node opens its details first; "Add to workflow" puts it on the canvas.
		await this.page.getByRole('button', { name: 'Add to workflow' }).click();
		const ndv = this.page.locator('[data-test-id=ndv]');
		const opened = await ndv.waitFor({ timeout: 5000 }).then(
			() => true,
			() => false,
		);
		if (!opened) await this.openNode(name);
		return ndv;
	}

	async closeNode(): Promise<void> {
		await this.page.locator('[data-test-id=ndv-close-button]').click();
		await this.page.locator('[data-test-id=ndv]').waitFor({ state: 'hidden' });
	}

	/** Names of the parameters the open panel shows (top level and added options). */
	async parameterNames(): Promise<string[]> {
		const ids = await this.page
			.locator('[data-test-id=node-parameters] [data-test-id^=parameter-input-]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-test-id') ?? ''));
		return [...new Set(ids.map((id) => id.replace('parameter-input-', '')))].filter(
			(n) => n !== 'field' && n !== 'item',
		);
	}

	async parameterLabel(name: string): Promise<string> {
		return await this.page
			.locator(`[data-test-id=${name}-parameter-input-options-container]`)
			.locator('xpath=ancestor::*[@data-test-id="parameter-item"][1]')
			.locator('[data-test-id=input-label]')
			.first()
			.innerText();
	}

	async selectOption(parameter: string, option: string): Promise<void> {
		await this.page.locator(`[data-test-id=parameter-input-${parameter}]`).click();
		await this.page
			.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option })
			.first()
			.click();
		await this.page.waitForTimeout(300);
	}

	/** The choices a parameter of type options offers, read from its open dropdown. */
	async optionChoices(parameter: string): Promise<string[]> {
		await this.dropdownsClosed(parameter);
		await this.page.locator(`[data-test-id=parameter-input-${parameter}]`).click();
		const items = this.page.locator('.el-select-dropdown:visible .el-select-dropdown__item');
		await items.first().waitFor();
		const names = await items.evaluateAll((els) =>
			els.map((e) =>
				(e.querySelector('.option-headline, span')?.textContent ?? e.textContent ?? '').trim(),
			),
		);
		await this.page.keyboard.press('Escape');
		await this.dropdownsClosed(parameter);
		return names;
	}

	/** A dropdown must not be read while another is still open or fading out. */
	private async dropdownsClosed(parameter: string): Promise<void> {
		const open = this.page.locator('.el-select-dropdown:visible');
		for (let waited = 0; (await open.count()) > 0; waited += 100) {
			if (waited > 30_000) throw new Error(`a dropdown stayed open around ${parameter}`);
			await this.page.waitForTimeout(100);
		}
	}

	/** What the Options collection's "Add Option" list offers. */
	async addableOptions(): Promise<string[]> {
		const add = this.page.locator('[data-test-id=collection-parameter-add]').first();
		await add.click();
		const options = this.page.locator('[data-test-id=collection-parameter-option]:visible');
		await options.first().waitFor();
		const names = await options.allInnerTexts();
		await this.page.keyboard.press('Escape');
		return names.map((n) => n.trim());
	}

	/** Adds an option from the Options collection's "Add Option" list. */
	async addOption(name: string): Promise<void> {
		await this.page.locator('[data-test-id=collection-parameter-add]').first().click();
		await this.page
			.locator('[data-test-id=collection-parameter-option]:visible', { hasText: name })
			.first()
			.click();
		await this.page.waitForTimeout(300);
	}

	async shot(name: string): Promise<string> {
		mkdirSync(SCREENSHOTS, { recursive: true });
		const file = path.join(SCREENSHOTS, `${name}.png`);
		await this.page.screenshot({ path: file });
		return file;
	}

	async close(): Promise<void> {
		await this.browser.close().catch(() => undefined);
	}
}
