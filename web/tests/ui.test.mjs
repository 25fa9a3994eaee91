// Browser tests of the web UI: the real binary serves the demo on a loopback port, headless
// Chromium (Debian's) drives the main flows. Usage:
//   node tests/ui.test.mjs --isvgraph PATH/TO/isvgraph [--screenshots DIR] [--only REGEX]
//   [--web DIR] (another copy of the UI's files, e.g. an older one to show what a check catches)
// Exits non-zero on the first failed check, naming it.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
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
  const child = spawn(binary, ['demo', '--db', db, '--listen', `127.0.0.1:${port}`, '--quiet', ...(args.web ? ['--web', args.web] : [])],
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
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await page.fill('#token', demo.tokens[org]);
  await page.click('#signin');
  // Signed in once the page has moved on to the contracts: a test that navigates earlier would
  // be overtaken by that move.
  await page.waitForFunction(() => location.hash === '#/contracts');
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

check('contract: chain graph, a flagged site explained, worst path highlighted, map', async (page, demo) => {
  await signIn(page, demo, 'umc-north');
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
  assert.match(text, /Action overdue/);
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
  await signIn(page, demo, 'umc-south');
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
  await useLanguage(page, demo, 'nl');
  await page.goto(`${demo.url}/#/contracts`);
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

// ---- issue 30: the UI as its users work --------------------------------------------------------

// The interface in `lang` from the next page load on.
async function useLanguage(page, demo, lang) {
  await page.goto(`${demo.url}/#/`);
  await page.evaluate((l) => localStorage.setItem('isvgraph.lang', l), lang);
  await page.reload();
}

// The visible text of the page must never show a missing value as "null", "undefined" or an object.
async function assertNoMissingValues(page, where) {
  const text = await page.evaluate(() => document.body.innerText);
  for (const bad of ['null', 'undefined', '[object Object]', 'NaN']) {
    const found = new RegExp(`(^|[^A-Za-z])${bad.replace(/[[\]]/g, '\\$&')}([^A-Za-z]|$)`).exec(text);
    assert.ok(!found, `${where} shows "${bad}": …${found ? text.slice(Math.max(0, found.index - 80), found.index + 40) : ''}…`);
  }
}

check('plain language first, the calculation on request, every theme of a site (point 1)', async (page, demo) => {
  await useLanguage(page, demo, 'en');
  await page.goto(`${demo.url}/#/tender?cpv=33141420-0&authority=central&countries=MY`);
  await page.reload();
  await page.waitForSelector('#tender-result table');
  const forced = await page.$$eval('#tender-result tbody tr', (rows) => rows.map((r) => r.querySelector('.plain')?.textContent || ''));
  assert.ok(forced.some((x) => /^Tier 2 \(Glove factory\): US DOL List of Goods 2022 lists Rubber Gloves from Malaysia for forced labour$/.test(x)),
    `a sentence a buyer can repeat: ${forced.join(' / ')}`);
  assert.ok(forced.every((x) => !/->|\d\.\d\d|\[/.test(x)), `no calculation in the plain sentences: ${forced.join(' / ')}`);
  // The calculation is there, folded.
  assert.equal(await page.isVisible('#tender-result details.calculation p'), false);
  await page.click('#tender-result details.calculation summary >> nth=0');
  assert.match(await page.textContent('#tender-result details.calculation[open]'), /->/);
  // A Xinjiang cotton gin: every theme in its panel, with both of its listings.
  await signIn(page, demo, 'utrecht');
  await page.goto(`${demo.url}/#/contract/UTR-WW-2026`);
  await page.waitForSelector('svg.chain .node[data-id="CN-XJ-GIN"]');
  await page.locator('svg.chain .node[data-id="CN-XJ-GIN"]').click();
  await page.waitForSelector('#site-reason ul.site-themes');
  const themes = await page.$$eval('#site-reason ul.site-themes > li', (lis) => lis.map((li) => li.dataset.theme));
  assert.equal(themes.length, 9, `every theme: ${themes}`);
  const panel = await page.textContent('#site-details');
  assert.match(panel, /UFLPA/);
  assert.match(panel, /US DOL List of Goods 2022 lists Cotton from China/);
  // The demo's five-tier chain (workwear down to the cotton gin), its deepest site selected.
  if (shots) await page.screenshot({ path: join(shots, 'chain-five-tiers.png'), fullPage: true });
});

check('first page: says what the tool is, where to start and what the terms mean (point 5)', async (page, demo) => {
  await useLanguage(page, demo, 'en');
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${demo.url}/#/risk`);
  await page.goto(`${demo.url}/#/`);
  await page.reload();  // signed out: the sign-in, with the demo's trainee choice
  await page.waitForSelector('#glossary');
  await page.waitForSelector('#trainee button');
  const text = await page.textContent('main');
  assert.match(text, /international social conditions \(ISV\)/);
  assert.match(text, /No sign-in needed/);
  for (const term of ['Tier', 'Salient theme', 'Floor', 'CAHRA', 'UFLPA']) assert.match(text, new RegExp(term));
  assert.doesNotMatch(text, /isvgraph demo. printed|`/);
  await assertNoMissingValues(page, 'the first page');
  if (shots) await page.screenshot({ path: join(shots, 'first-page.png'), fullPage: true });
});

check('a contract link opened signed out leads to sign-in, then to the contract (point 5)', async (page, demo) => {
  await page.goto(`${demo.url}/#/`);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();  // signed out before the link is followed
  await page.goto(`${demo.url}/#/contract/UMCN-GLOVES-2026`);
  await page.reload();
  await page.waitForSelector('#signin-reason');
  assert.match(await page.textContent('#signin-reason'), /Sign in to open contract UMCN-GLOVES-2026/);
  assert.doesNotMatch(await page.textContent('main'), /Bearer|Authorization/);
  await page.fill('#token', demo.tokens['umc-north']);
  await page.click('#signin');
  await page.waitForSelector('svg.chain .node');
  assert.match(page.url(), /#\/contract\/UMCN-GLOVES-2026$/);
  // Flags are named in words, not codes (point 1).
  const flags = await page.textContent('main section.card');
  assert.match(flags, /Theme for the due-diligence plan/);
  assert.doesNotMatch(flags, /plan_theme|isv_clause_advised/);
  await page.locator('svg.chain .node[data-id="MY-GLOVE"]').click();
  await page.waitForSelector('#site-reason');
  await assertNoMissingValues(page, 'the glove contract with a site panel');
});

check('value field: any euro amount, Dutch and English notation (point 3)', async (page, demo) => {
  for (const [lang, typed] of [['en', '912,500'], ['nl', '912.500']]) {
    await page.goto(`${demo.url}/#/tender`);
    await page.evaluate((l) => localStorage.setItem('isvgraph.lang', l), lang);
    await page.reload();
    await page.fill('#cpv', '44912400-0');
    await page.waitForSelector('#cpv-list li[data-code="44912400-0"]');
    await page.click('#cpv-list li[data-code="44912400-0"]');
    await page.fill('#countries', 'IN');
    await page.fill('#value', typed);
    await page.click('#check');
    await page.waitForSelector('#tender-inputs');
    const inputs = await page.textContent('#tender-inputs');
    assert.match(inputs, lang === 'nl' ? /€\u00a0912\.500/ : /€912,500/, `${lang} "${typed}": ${inputs}`);
    assert.match(page.url(), /value=912500(&|$)/);
  }
  await page.fill('#value', 'twee ton');
  await page.click('#check');
  await page.waitForSelector('#value-error');
  await page.evaluate(() => localStorage.setItem('isvgraph.lang', 'en'));
});

check('a tender check has an address: it reopens, and survives a change of language (point 2)', async (page, demo) => {
  await page.goto(`${demo.url}/#/tender?cpv=44912400-0&authority=central&countries=IN&value=912500`);
  await page.reload();
  await page.waitForSelector('#tender-result table');
  assert.match(await page.inputValue('#cpv'), /^44912400-0 Kerbstones/);
  assert.match(await page.textContent('#tender-inputs'), /Checked on .*CPV 44912400-0 Kerbstones.*countries: IN.*€912,500/);
  await page.click('#language');
  await page.waitForSelector('text=Gecontroleerd op');
  assert.match(await page.textContent('#tender-result'), /Kinderarbeid/);
  if (shots) await page.screenshot({ path: join(shots, 'tender-check-nl.png'), fullPage: true });
  await page.click('#language');
});

check('a tender-document pack: clause, measures and questions once each, copy and print (point 2)', async (page, demo) => {
  await useLanguage(page, demo, 'nl');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.url });
  await page.goto(`${demo.url}/#/tender?cpv=18100000-0&authority=central&countries=BD,CN,IN&value=500000`);
  await page.reload();
  await page.waitForSelector('#tender-pack');
  const clause = await page.$$eval('#pack-clause li', (lis) => lis.map((li) => li.textContent));
  assert.ok(clause.length >= 5, `the clause's elements: ${clause.length}`);
  assert.match(clause.join(' '), /bijzondere uitvoeringsvoorwaarde/);
  for (const list of ['#pack-measures', '#pack-questions']) {
    const texts = await page.$$eval(`${list} > li`, (lis) => lis.map((li) => li.firstChild.textContent));
    assert.ok(texts.length > 0, `${list} has items`);
    assert.equal(new Set(texts).size, texts.length, `${list} lists each text once`);
  }
  // Each measure names the themes it serves.
  assert.match(await page.textContent('#pack-measures'), /voor: [A-Z][a-z]+/);
  await page.click('#tender-pack button.copy >> nth=0');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /Voor de aanbestedingsstukken — ISV-clausule: verplicht/);
  assert.match(copied, /Vragen aan inschrijvers/);
  if (shots) await page.screenshot({ path: join(shots, 'tender-pack-nl.png'), fullPage: true });
  // Printed, the pack stands alone with the inputs and the verdict: no menu, no form, no buttons.
  await page.evaluate(() => document.body.classList.add('print-pack'));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('nav'), false);
  assert.equal(await page.isVisible('#cpv'), false);
  assert.equal(await page.isVisible('#tender-pack'), true);
  assert.equal(await page.isVisible('#tender-inputs'), true);
  assert.equal(await page.isVisible('#tender-result table'), false);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.body.classList.remove('print-pack'));
  await useLanguage(page, demo, 'en');
});

check('missing countries read as unknown, not as reassurance (point 4)', async (page, demo) => {
  await page.goto(`${demo.url}/#/tender?cpv=34351100-3&authority=central`);
  await page.reload();
  await page.waitForSelector('#tender-unknown');
  assert.match(await page.textContent('#tender-unknown'), /unknown, not absent/);
  assert.match(await page.textContent('#tender-notes'), /give the expected source countries/);
  assert.doesNotMatch(await page.textContent('#tender-result .card h3'), /not needed/);
  await assertNoMissingValues(page, 'the tyre check');
});

check('search: check digits, Dutch words, countries by name (point 7)', async (page, demo) => {
  await page.goto(`${demo.url}/#/tender`);
  for (const [typed, code] of [['44912400-0', '44912400-0'], ['kantstenen', '44912400-0'], ['opsluitbanden', '44912400-0'],
    ['natuursteen', '44910000-2']]) {
    await page.fill('#cpv', typed);
    await page.waitForSelector(`#cpv-list li[data-code="${code}"]`);
    assert.equal(await page.getAttribute('#cpv-list li:first-child', 'data-code'), code, `"${typed}" suggests ${code} first`);
  }
  await page.goto(`${demo.url}/#/risk?theme=child_labour&country=India`);
  await page.waitForSelector('main table');
  assert.match(await page.textContent('main h3'), /India \(IN\)/);
});

check('contracts overview: flags, worst site, escalation, sortable (point 10)', async (page, demo) => {
  await signIn(page, demo, 'umc-north');
  await page.waitForSelector('#contracts tbody tr');
  const headers = await page.$$eval('#contracts th', (ths) => ths.map((th) => th.textContent));
  for (const name of ['ISV clause', 'Themes to address', 'Worst site', 'Escalation']) {
    assert.ok(headers.some((x) => x.includes(name)), `column ${name}: ${headers}`);
  }
  const ids = async () => page.$$eval('#contracts tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  await page.click('#contracts a[data-sort="contract"]');
  await page.waitForSelector('#contracts th[aria-sort="descending"] a[data-sort="contract"]');
  const down = await ids();
  await page.click('#contracts a[data-sort="contract"]');
  await page.waitForSelector('#contracts th[aria-sort="ascending"] a[data-sort="contract"]');
  assert.deepEqual(await ids(), [...down].reverse());
  assert.match(await page.textContent('#contracts'), /€650,000/);
  await assertNoMissingValues(page, 'the contracts overview');
});

check('exports: CSV for Dutch Excel with a file name, an XLSX button (point 9)', async (page, demo) => {
  await signIn(page, demo, 'umc-south');
  await page.waitForSelector('#contracts');
  await page.evaluate(() => localStorage.setItem('isvgraph.lang', 'nl'));
  await page.goto(`${demo.url}/#/audits`);
  await page.reload();
  await page.waitForSelector('.trip');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('button[id^="plan-csv-"]')]);
  assert.match(csv.suggestedFilename(), /^auditplan-.+-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await csv.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark');
  const header = bytes.toString('utf8').slice(1).split('\r\n')[0];
  assert.ok(header.split(';').length > 3, `semicolon-separated: ${header}`);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('button[id^="plan-xlsx-"]')]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  assert.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString(), 'PK', 'an XLSX is a zip');
  await page.evaluate(() => localStorage.setItem('isvgraph.lang', 'en'));
  await page.reload();
});

check('the audit plan can be built: settings in the page and its address (point 8)', async (page, demo) => {
  await signIn(page, demo, 'umc-south');
  await page.goto(`${demo.url}/#/audits`);
  await page.waitForSelector('.trip');
  const trips = async () => page.$$eval('.trip', (els) => els.map((el) => el.querySelectorAll('li').length));
  const before = await trips();
  assert.ok(before.some((n) => n > 1), `a trip with several sites by default: ${before}`);
  await page.fill('#plan-max_sites', '1');
  await page.click('#plan-make');
  await page.waitForFunction(() => /max_sites=1/.test(location.hash));
  await page.waitForFunction(() => [...document.querySelectorAll('.trip')].every((el) => el.querySelectorAll('li').length === 1));
  const after = await trips();
  assert.equal(after.length, before.reduce((a, b) => a + b, 0), `one trip per site: ${before} -> ${after}`);
  await page.reload();  // the settings live in the address
  await page.waitForSelector('.trip');
  assert.equal(await page.inputValue('#plan-max_sites'), '1');
});

// Every view of the UI, each with what shows it is ready: the sweeps below visit them all, so a
// new view added here is checked by both. `contract` is one of the signed-in organisation's.
function everyView(contract, country) {
  return [['#/', '#glossary'], ['#/tender?cpv=33141420-0&authority=central&countries=MY', '#tender-result table'],
    ['#/contracts', '#contracts tbody tr'], [`#/contract/${contract}`, 'svg.chain .node'], ['#/audits', '.trip'],
    [`#/contract/${contract}/report`, '#report h1'],
    [`#/risk?theme=child_labour&country=${country}`, 'main table'], ['#/whatif', '#wi-site option']];
}

check('no view shows "null", "undefined" or "NaN" (point 5)', async (page, demo) => {
  await signIn(page, demo, 'umc-south');
  const views = everyView('UMCS-INSTR-2026', 'CN');
  for (const lang of ['en', 'nl']) {
    await page.evaluate((l) => localStorage.setItem('isvgraph.lang', l), lang);
    for (const [address, ready] of views) {
      await page.goto(`${demo.url}/${address}`);
      await page.reload();
      await page.waitForSelector(ready, { state: 'attached' });
      if (address.startsWith('#/contract/')) {
        for (const node of await page.$$('svg.chain .node')) {
          await node.click();
          await assertNoMissingValues(page, `${address} (${lang}) with ${await node.getAttribute('data-id')} selected`);
        }
      }
      await assertNoMissingValues(page, `${address} (${lang})`);
    }
  }
  await page.evaluate(() => localStorage.setItem('isvgraph.lang', 'en'));
});

// axe-core (npm, from the lock file) over every view: no serious or critical violation.
// (Evaluated through the DevTools protocol: the server's Content-Security-Policy rightly refuses
// an injected <script>.)
const AXE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
check('accessibility: axe-core finds nothing serious or critical in any view', async (page, demo) => {
  await signIn(page, demo, 'umc-north');
  const views = everyView('UMCN-GLOVES-2026', 'IN');
  const found = [];
  const minor = new Set();
  for (const [address, ready] of views) {
    await page.goto(`${demo.url}/${address}`);
    await page.reload();
    await page.waitForSelector(ready, { state: 'attached' }).catch(async (e) => {
      throw new Error(`${address}: ${e.message.split('\n')[0]}; the page says: ${(await page.textContent('main')).slice(0, 300)}`);
    });
    await page.evaluate(AXE);
    const { passes, violations } = await page.evaluate(async () => {
      const results = await window.axe.run(document, { resultTypes: ['violations', 'passes'] });
      return { passes: results.passes.length, violations: results.violations.map((v) => ({ id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') })) };
    });
    assert.ok(passes > 10, `axe ran on ${address}`);
    for (const v of violations) {
      if (v.impact === 'serious' || v.impact === 'critical') found.push(`${address}: ${v.id} (${v.impact}): ${v.nodes}`);
      else minor.add(`${v.id} (${v.impact})`);
    }
  }
  if (minor.size) console.log(`  (axe, moderate or minor: ${[...minor].join('; ')})`);
  assert.deepEqual(found, []);
});

check('readable chains: whole names, no line through a label, shape beside colour, visible rings (point 6)', async (page, demo) => {
  await signIn(page, demo, 'umc-north');
  for (const contract of ['UMCN-GLOVES-2026', 'UMCN-INSTR-2026']) {
    await page.goto(`${demo.url}/#/contract/${contract}`);
    // This contract's chain, not the one still shown while it loads.
    await page.waitForFunction((id) => document.querySelector('main h2')?.textContent.startsWith(`${id}:`)
      && document.querySelector('svg.chain .node'), contract);
    const report = await page.evaluate((threshold) => {
      const svg = document.querySelector('svg.chain');
      const labels = [...svg.querySelectorAll('.node text.label')];
      const boxes = labels.map((l) => l.getBBox());
      const problems = [];
      // Every name whole: the label's lines joined are the node's title's name.
      for (const node of svg.querySelectorAll('.node')) {
        const title = node.querySelector('title').textContent;
        const shown = [...node.querySelectorAll('tspan')].map((x) => x.textContent).join(' ');
        if (!title.startsWith(`${shown},`)) problems.push(`label "${shown}" is not the whole name of "${title}"`);
        if (shown.includes('…')) problems.push(`label cut: ${shown}`);
      }
      // No edge passes through a label; no two labels overlap.
      for (const path of svg.querySelectorAll('path.edge')) {
        const length = path.getTotalLength();
        for (let i = 0; i <= 60; i += 1) {
          const pt = path.getPointAtLength((length * i) / 60);
          boxes.forEach((b, j) => {
            if (pt.x > b.x + 1 && pt.x < b.x + b.width - 1 && pt.y > b.y + 1 && pt.y < b.y + b.height - 1) {
              problems.push(`a line crosses the label "${labels[j].textContent}"`);
            }
          });
        }
      }
      boxes.forEach((a, i) => boxes.forEach((b, j) => {
        if (i < j && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
          problems.push(`labels overlap: ${labels[i].textContent} / ${labels[j].textContent}`);
        }
      }));
      // Text at its set size: the drawing is not scaled down.
      const fontPx = labels[0].getBoundingClientRect().height / labels[0].querySelectorAll('tspan').length;
      // Shape beside colour: flagged nodes are diamonds.
      for (const node of svg.querySelectorAll('.node')) {
        const score = Number(node.getAttribute('aria-label').match(/, (\d\.\d\d)/)[1]);
        const diamond = !!node.querySelector('polygon.shape');
        if ((score >= threshold) !== diamond) problems.push(`${node.dataset.id}: score ${score}, diamond ${diamond}`);
      }
      const rings = [...svg.querySelectorAll('.shape[stroke-dasharray]')].map((r) => r.getAttribute('stroke'));
      return { problems: [...new Set(problems)], fontPx, rings };
    }, await page.evaluate(() => fetch('/v1/version').then((r) => r.json()).then((v) => v.flag_threshold)));
    assert.deepEqual(report.problems, [], contract);
    assert.ok(report.fontPx >= 11, `${contract}: labels at ${report.fontPx.toFixed(1)} px`);
    // WCAG 2.1 non-text contrast: the dashed rings at least 3:1 against the chart's background.
    const luminance = (hex) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const ring of report.rings) {
      const ratio = (luminance('#fbfcfd') + 0.05) / (luminance(ring) + 0.05);
      assert.ok(ratio >= 3, `${contract}: a dashed ring ${ring} at ${ratio.toFixed(2)}:1`);
    }
    if (contract === 'UMCN-INSTR-2026') assert.ok(report.rings.length > 0, 'assumed places are drawn');
  }
});

// The entries of a ZIP archive whose entries are stored (as the UI writes them): name, method,
// bytes, and whether the CRC-32 in the header is that of the bytes. Written here, apart from
// web/odt.js, so that the test does not check the writer with its own code.
function storedEntries(zip) {
  const crc32 = (bytes) => {
    let crc = ~0;
    for (const byte of bytes) {
      crc ^= byte;
      for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
    return ~crc >>> 0;
  };
  const entries = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50;) {
    const method = zip.readUInt16LE(at + 8);
    const crc = zip.readUInt32LE(at + 14);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const data = zip.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    entries.push({ name, method, data, crcOk: crc32(data) === crc });
    at += 30 + nameLength + extra + size;
  }
  return entries;
}

check('the pack as an OpenDocument file, and a record of the data editions (point 2)', async (page, demo) => {
  await useLanguage(page, demo, 'nl');
  await page.goto(`${demo.url}/#/tender?cpv=18100000-0&authority=central&countries=BD,CN,IN&value=500000`);
  await page.reload();
  await page.waitForSelector('#tender-pack');
  assert.match(await page.textContent('#tender-editions'), /Gebruikte risicogegevens \(editie\): .*Worldwide Governance Indicators \(2024 update/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pack-odt')]);
  assert.match(download.suggestedFilename(), /^isv-tekstblok-18100000-0-\d{4}-\d{2}-\d{2}\.odt$/);
  const entries = storedEntries(readFileSync(await download.path()));
  assert.deepEqual(entries.map((e) => e.name), ['mimetype', 'META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml']);
  assert.equal(entries[0].data.toString(), 'application/vnd.oasis.opendocument.text', 'ODF: the mimetype first');
  assert.ok(entries.every((e) => e.method === 0 && e.crcOk), 'stored entries with their checksums');
  const content = entries[2].data.toString('utf8');
  // Well-formed XML with the pack's parts, as the page shows them.
  const parsed = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    return { error: doc.getElementsByTagName('parsererror').length > 0,
      headings: [...doc.getElementsByTagName('text:h')].map((x) => x.textContent),
      items: doc.getElementsByTagName('text:list-item').length };
  }, content);
  assert.equal(parsed.error, false, 'content.xml is well-formed');
  assert.deepEqual(parsed.headings, ['Voor de aanbestedingsstukken', 'ISV-clausule: verplicht',
    'ISV-clausule: voorwaarden voor het contract (PIANOo)', 'Te vragen maatregelen', 'Vragen aan inschrijvers (selectie en gunning)']);
  const onPage = await page.$$eval('#tender-pack li', (lis) => lis.length);
  assert.equal(parsed.items, onPage, 'every item of the pack is in the document');
  assert.match(content, /Gebruikte risicogegevens \(editie\)/);
  await useLanguage(page, demo, 'en');
});

check('a trainee signs in by choosing an authority in the demo (point 5)', async (page, demo) => {
  await useLanguage(page, demo, 'en');
  await page.goto(`${demo.url}/#/`);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await page.waitForSelector('#trainee button[data-organisation="umc-north"]');
  assert.match(await page.textContent('#trainee'), /Sign in as a trainee/);
  await page.click('#trainee button[data-organisation="umc-north"]');
  await page.waitForFunction(() => location.hash === '#/contracts');
  await page.waitForSelector('text=Examination gloves');
  assert.match(await page.textContent('#who'), /umc-north/);
});

check('assumed places say why they are drawn (point 5)', async (page, demo) => {
  await useLanguage(page, demo, 'en');
  await signIn(page, demo, 'umc-north');
  await page.goto(`${demo.url}/#/contract/UMCN-INSTR-2026`);
  await page.waitForFunction(() => document.querySelector('main h2')?.textContent.startsWith('UMCN-INSTR-2026:')
    && document.querySelector('svg.chain .node[data-id^="assumed:"]'));
  await page.locator('svg.chain .node[data-id^="assumed:"]').first().click();
  const why = await page.textContent('.assumed-why');
  assert.match(why, /Nobody has named this supplier yet\. The chain as disclosed stops at tier \d; in chains of this product group tier \d is “.+” \(.+\), and [A-Z][a-z]+/);
  assert.doesNotMatch(why, /\{|undefined|NaN/);
});

check('the contract report has an address of its own and formatted amounts (point 9)', async (page, demo) => {
  await useLanguage(page, demo, 'en');
  await signIn(page, demo, 'umc-north');
  await page.goto(`${demo.url}/#/contract/UMCN-GLOVES-2026`);
  await page.waitForSelector('#report-link');
  await page.click('#report-link');
  await page.waitForSelector('#report h1');
  assert.equal(await page.evaluate(() => location.hash), '#/contract/UMCN-GLOVES-2026/report');
  const text = await page.textContent('#report');
  assert.match(text, /€\s?[\d,.]{5,}/, 'the value as an amount');
  assert.doesNotMatch(text, /EUR \d{4,}/);
  await page.reload();  // the address reopens the report
  await page.waitForSelector('#report h1');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#report-save')]);
  assert.match(saved.suggestedFilename(), /^contract-report-UMCN-GLOVES-2026-\d{4}-\d{2}-\d{2}\.html$/);
  assert.match(readFileSync(await saved.path(), 'utf8'), /^<!DOCTYPE html>/);
});

check('audit plans: follow-up visits for overdue actions, leverage in words, why a candidate is left out (point 8)', async (page, demo) => {
  await useLanguage(page, demo, 'en');
  await signIn(page, demo, 'umc-south');
  await page.goto(`${demo.url}/#/audits`);
  await page.waitForSelector('.trip');
  const main = await page.textContent('main');
  assert.match(main, /the most leverage of the group's candidates/);
  assert.doesNotMatch(main, /which is not shown/);
  assert.ok(await page.locator('ul.followups li').count() > 0, 'a follow-up visit is proposed');
  assert.match(await page.textContent('ul.followups'), /corrective action\(s\) overdue since .+: visit .+ to check what was done/);
  // Where a contract page calls a site a joint-audit candidate, it says where the site stands
  // in each audit group: its rank, or why the group's list leaves it out.
  await signIn(page, demo, 'umc-north');
  await page.goto(`${demo.url}/#/contract/UMCN-GLOVES-2026`);
  await page.waitForFunction(() => document.querySelector('main h2')?.textContent.startsWith('UMCN-GLOVES-2026:'));
  const flags = await page.textContent('main section.card');
  assert.match(flags, /joint-audit candidate; (in audit group \S+ it is candidate \d+|not a candidate of audit group \S+: )/);
});

check('phone width: the first page, a check and a chain fit the screen (point 6)', async (page, demo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    const fits = async (where) => {
      const [content, screen] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(content <= screen + 1, `${where} is ${content} px wide on a ${screen} px screen`);
    };
    await page.goto(`${demo.url}/#/`);
    await page.waitForSelector('#glossary');
    await fits('the first page');
    await page.goto(`${demo.url}/#/tender?cpv=44912400-0&authority=central&countries=IN`);
    await page.reload();
    await page.waitForSelector('#tender-result table');
    await fits('the tender check');
    await signIn(page, demo, 'umc-north');
    await page.goto(`${demo.url}/#/contract/UMCN-INSTR-2026`);
    await page.waitForSelector('svg.chain .node');
    await fits('a chain');
    if (shots) await page.screenshot({ path: join(shots, 'chain-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.locator('svg.chain .node').last().click();
    if (shots) await page.screenshot({ path: join(shots, 'chain-instruments.png'), fullPage: true });
  } finally {
    await page.setViewportSize({ width: 1366, height: 900 });
  }
});

async function main() {
  const demo = await startDemo();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  let failed = 0;
  try {
    for (const [i, { name, fn }] of checks.entries()) {
      if (args.only && !new RegExp(args.only).test(name)) continue;
      // Each check in a context of its own (no storage, no session, no permissions): what one
      // check leaves behind — a language, a sign-in — cannot make the next pass or fail.
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
      try {
        await fn(page, demo);
        assert.deepEqual(problems, [], 'no script errors');
        console.log(`ok ${i + 1} - ${name}`);
        if (shots) await page.screenshot({ path: join(shots, `${String(i + 1).padStart(2, '0')}.png`), fullPage: true });
      } catch (error) {
        failed += 1;
        console.log(`not ok ${i + 1} - ${name}\n  ${String(error.message).split('\n').join('\n  ')}`);
      } finally {
        await context.close();
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
