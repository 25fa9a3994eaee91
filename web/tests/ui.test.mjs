// Browser tests of the web UI: the real binary serves the demo on a loopback port, headless
// Chromium (Debian's) drives the main flows. Usage:
//   node tests/ui.test.mjs --isvgraph PATH/TO/isvgraph [--screenshots DIR]
// Exits non-zero on the first failed check, naming it.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const binary = args.isvgraph || process.env.ISVGRAPH;
assert.ok(binary, 'give --isvgraph PATH');
const shots = args.screenshots;
if (shots) mkdirSync(shots, { recursive: true });

const freePort = () => new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

// Starts `isvgraph demo` and resolves with its URL and tokens once it serves.
async function startDemo() {
  const port = await freePort();
  const db = join(mkdtempSync(join(tmpdir(), 'isvgraph-ui-')), 'db');
  const child = spawn(binary, ['demo', '--db', db, '--listen', `127.0.0.1:${port}`, '--quiet'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  const deadline = Date.now() + 120000;
  while (!err.includes('serving http://')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`isvgraph demo did not start:\n${out}\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const tokens = Object.fromEntries([...out.matchAll(/^\s+(\S+)\s+(isv_[0-9a-f]+)$/gm)].map((m) => [m[1], m[2]]));
  return { url: `http://127.0.0.1:${port}`, tokens, child, db };
}

// Signs in on the start page with the demo token of `org`.
async function signIn(page, demo, org) {
  await page.goto(`${demo.url}/#/`);
  await page.fill('#token', demo.tokens[org]);
  await page.click('#signin');
}

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check('tender check: CPV autocomplete in Dutch, themes with reasons and sources', async (page, demo) => {
  await page.goto(`${demo.url}/#/tender`);
  await page.fill('#cpv', 'operatiehandschoenen');
  await page.waitForSelector('#cpv-list li[data-code="33141420-0"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.match(await page.inputValue('#cpv'), /^33141420-0 /);
  await page.fill('#countries', 'MY');
  await page.click('#check');
  await page.waitForSelector('#tender-result table');
  const text = await page.textContent('#tender-result');
  assert.match(text, /Forced labour/);
  assert.match(text, /US DOL List of Goods 2022 lists Rubber Gloves from Malaysia/);
  assert.match(text, /ISV clause/);
});

check('sign in with a training token', async (page, demo) => {
  await signIn(page, demo, 'umc-north');
  await page.waitForSelector('text=Examination gloves');
  assert.match(await page.textContent('#who'), /umc-north/);
});

check('contract: chain graph, a flagged site explained, worst path highlighted, map', async (page) => {
  await page.click('text=UMCN-GLOVES-2026');
  await page.waitForSelector('svg.chain .node');
  const nodes = await page.$$eval('svg.chain .node', (els) => els.map((e) => e.getAttribute('aria-label')));
  assert.ok(nodes.some((l) => /Example Nitrile Gloves/.test(l)), 'the glove factory is drawn');
  // Keyboard: focus the factory and press Enter.
  const factory = page.locator('svg.chain .node[data-id="MY-GLOVE"]');
  await factory.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#site-reason');
  const reason = await page.textContent('#site-details');
  assert.match(reason, /forced_labour|Forced labour/);
  assert.match(reason, /Rubber Gloves from Malaysia/);
  assert.match(reason, /NL-MED → DE-GLOVE-BRAND → MY-GLOVE/);
  assert.ok(await page.locator('svg.chain .edge.path').count() >= 2, 'the worst path is highlighted');
  await page.waitForFunction(() => document.querySelector('img.map')?.complete && document.querySelector('img.map').naturalWidth > 0);
  // The instruments chain is disclosed to tier 3; the template's deeper tiers are drawn assumed.
  await page.click('nav a[href="#/contracts"]');
  await page.click('text=UMCN-INSTR-2026');
  await page.waitForSelector('svg.chain .node');
  const labels = await page.$$eval('svg.chain .node', (els) => els.map((e) => e.getAttribute('aria-label')));
  assert.ok(labels.some((l) => /assumed/.test(l)), `an assumed tier is drawn: ${labels.join('; ')}`);
  assert.ok(await page.locator('svg.chain .edge.assumed').count() > 0, 'assumed links are dashed');
});

check('joint audits: candidates, the plan with trips, alerts', async (page, demo) => {
  await signIn(page, demo, 'umc-south');
  await page.click('nav a[href="#/audits"]');
  await page.waitForSelector('.trip');
  const text = await page.textContent('main');
  assert.match(text, /Trip 1 \(MY\)/);
  assert.match(text, /Lead: umc-north/);
  assert.match(text, /basic clause, below your advanced one/);
  assert.match(text, /overdue_action/);
});

check('risk explorer: choropleth and a country page with indicators and sources', async (page, demo) => {
  await page.goto(`${demo.url}/#/risk?theme=child_labour&country=PK`);
  await page.waitForSelector('main table');
  await page.waitForFunction(() => document.querySelector('img.map')?.naturalWidth > 0);
  const text = await page.textContent('main');
  assert.match(text, /Pakistan/);
  assert.match(text, /SDG 8\.7\.1/);
});

check('what-if: moving a site changes its flags, nothing is saved', async (page, demo) => {
  await page.goto(`${demo.url}/#/whatif`);
  await page.waitForSelector('#wi-site option', { state: 'attached' });
  await page.selectOption('#wi-contract', 'UMCS-INSTR-2026');
  await page.waitForSelector('#wi-site option[value="PK-INSTR"]', { state: 'attached' });
  await page.selectOption('#wi-site', 'PK-INSTR');
  await page.fill('#wi-country', 'DE');
  await page.selectOption('#wi-sector', 'wholesale_trading');
  await page.click('#wi-run');
  await page.waitForSelector('main table');
  const child = await page.$eval('main tbody tr', (tr) => [...tr.cells].map((td) => td.textContent));
  assert.match(child[0], /Child labour/);
  assert.match(child[1], /0\.90 flagged/, `before: ${child[1]}`);
  assert.doesNotMatch(child[2], /flagged/, `after: ${child[2]}`);
  // A sandbox: the registry still has the site where it was.
  const stored = await page.evaluate(async (token) => (await fetch('/v1/sites/PK-INSTR',
    { headers: { Authorization: `Bearer ${token}` } })).json(), demo.tokens['umc-south']);
  assert.equal(stored.country, 'PK');
});

check('switch language: the interface speaks Dutch', async (page, demo) => {
  await page.goto(`${demo.url}/#/tender`);
  await page.click('#language');
  await page.waitForSelector('text=Aanbestedingscheck');
  assert.match(await page.textContent('nav'), /Gezamenlijke audits/);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.click('#language');
});

check('tender check in Dutch: the server reasons, measures and verdict in Dutch', async (page, demo) => {
  await page.goto(`${demo.url}/#/tender`);
  await page.click('#language');
  await page.waitForSelector('text=Aanbestedingscheck');
  await page.fill('#cpv', 'beroepskleding');
  await page.waitForSelector('#cpv-list li[data-code="18100000-0"]');
  await page.click('#cpv-list li[data-code="18100000-0"]');
  await page.fill('#countries', 'BD, CN');
  await page.fill('#value', '500000');
  await page.click('#check');
  await page.waitForSelector('#tender-result table');
  const text = await page.textContent('#tender-result');
  assert.match(text, /Verplicht: centrale overheid, ISV-risicocategorie 'Bedrijfskleding'/);
  assert.match(text, /€\u00a0500\.000/);
  assert.match(text, /schakel 4 \(Katoenboerderij en egreneerderij\) in CN-XJ/);
  assert.match(text, /Eis het land en de regio van herkomst van het katoen/);
  assert.match(text, /Waar is het katoen van deze bedrijfskleding geteeld/);
  assert.doesNotMatch(text, /Require the cotton's country/);
  // Every section open, so that the screenshot shows the Dutch measures and questions.
  await page.$$eval('#tender-result details', (els) => els.forEach((d) => { d.open = true; }));
});

check('contract in Dutch: a flagged site explained in Dutch', async (page, demo) => {
  await signIn(page, demo, 'umc-north');
  await page.click('text=UMCN-GLOVES-2026');
  await page.waitForSelector('svg.chain .node');
  const factory = page.locator('svg.chain .node[data-id="MY-GLOVE"]');
  await factory.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#site-reason');
  const reason = await page.textContent('#site-details');
  assert.match(reason, /Dwangarbeid bij/);
  assert.match(reason, /noemt Rubber Gloves uit Maleisië voor dwangarbeid/);
  assert.doesNotMatch(reason, /Forced labour for/);
});

async function main() {
  const demo = await startDemo();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  let failed = 0;
  try {
    for (const [i, { name, fn }] of checks.entries()) {
      try {
        await fn(page, demo);
        assert.deepEqual(problems, [], 'no script errors');
        console.log(`ok ${i + 1} - ${name}`);
        if (shots) await page.screenshot({ path: join(shots, `${String(i + 1).padStart(2, '0')}.png`), fullPage: true });
      } catch (error) {
        failed += 1;
        problems.length = 0;
        console.log(`not ok ${i + 1} - ${name}\n  ${String(error.message).split('\n').join('\n  ')}`);
      }
    }
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => demo.child.once('exit', resolve));
    demo.child.kill('SIGTERM');
    await exited;  // the store is closed before it is removed
    rmSync(join(demo.db, '..'), { recursive: true, force: true });
  }
  console.log(`${checks.length - failed}/${checks.length} browser checks passed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => { console.error(error); process.exit(1); });
