// isvgraph web UI: a few views over the REST API (/v1), in English and Dutch, keyboard-usable,
// with nothing fetched from elsewhere. The token stays in this tab (sessionStorage).

import { WORDS } from './i18n.js';
import { formatEuro, parseEuroAmount } from './amounts.js';
import { csvForExcel, parseCsv, saveAs } from './spreadsheet.js';
import { odtDocument } from './odt.js';

const state = {
  lang: localStorage.getItem('isvgraph.lang') || 'en',
  token: sessionStorage.getItem('isvgraph.token') || '',
  organisation: '',
  themes: [],
  // The server's flag threshold (GET /v1/version): a theme at or above it is flagged.
  flagThreshold: null,
  // Where a signed-out visitor was going (a shared contract link): opened after signing in.
  next: '',
  routeSeq: 0,  // counts route() calls: which view may still paint (shower)
  version: null,  // GET /v1/version, read once at start: the build a check's record names
  layers: [],     // GET /v1/risk/layers, read once at start: the data editions a record names
};

// Views that show an organisation's records: signed out, they lead to the sign-in page.
const SIGNED_IN_VIEWS = new Set(['contracts', 'contract', 'audits', 'whatif']);

// ---- small helpers -------------------------------------------------------------------------

const t = (key) => WORDS[state.lang][key] ?? WORDS.en[key] ?? key;
const SVG = 'http://www.w3.org/2000/svg';

// Builds an element: h('td', {class: 'x'}, 'text', child…). Text is always text, never HTML.
function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  // The server answers reasons, measures and reports in the interface's language.
  headers['Accept-Language'] = state.lang;
  const response = await fetch(path, { ...options, headers });
  if (!response.ok) {
    let message = `${response.status}`;
    try { message = (await response.json()).error.message; } catch { /* not JSON */ }
    throw new Error(message);
  }
  return options.raw ? response : response.json();
}

function riskClass(score) {
  if (score === null || score === undefined) return 'nodata';
  if (score >= state.flagThreshold) return 'vhigh';
  if (score >= 0.5) return 'high';
  if (score >= 0.3) return 'medium';
  return 'low';
}
const COLOURS = { vhigh: '#d73027', high: '#fc8d59', medium: '#fee08b', low: '#a6d96a', nodata: '#cfcfcf' };
// Darker strokes of the same hues, at least 4.5:1 against the chain's background: the dashed ring
// of an assumed place must be seen (the light fills are 1.3:1 on white).
const STROKES = { vhigh: '#a50f15', high: '#a04a00', medium: '#7a5f00', low: '#3b7a1c', nodata: '#5f6b76' };

// A name in lines of at most `width` characters, broken at spaces (a word longer than a line
// is kept whole): labels wrap instead of being cut.
function wrapWords(text, width) {
  const lines = [];
  for (const word of String(text).split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + ' ' + word).length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

const scoreBadge = (score) =>
  h('span', { class: `score c-${riskClass(score)}` }, score === null || score === undefined ? '–' : score.toFixed(2));

function themeName(id) {
  const theme = state.themes.find((x) => x.id === id);
  return theme ? (state.lang === 'nl' ? theme.name_nl : theme.name_en) : id;
}

function table(headers, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, t(x))))),
    h('tbody', {}, rows));
}

function errorBox(error) { return h('p', { class: 'error', role: 'alert' }, `${t('error.prefix')} ${error.message}`); }

// A blob the API answers with a token (images, reports), as a local URL.
async function blobUrl(path) {
  const response = await api(path, { raw: true });
  return URL.createObjectURL(await response.blob());
}

// Replaces what `el` holds with `nodes`, leaving out the absent ones (null, undefined, false),
// which replaceChildren would show as the text "null".
function fill(el, ...nodes) {
  el.replaceChildren(...nodes.flat().filter((node) => node !== null && node !== undefined && node !== false));
}

function show(...nodes) { fill(document.getElementById('main'), ...nodes); }

// A view's own show(): a view still loading when the user has moved on (a slow list left for a
// contract) must not paint over the newer view. Called first thing in every view.
function shower() {
  const seq = state.routeSeq;
  return (...nodes) => { if (seq === state.routeSeq) show(...nodes); };
}

// ---- views ---------------------------------------------------------------------------------

// The first page: what the tool is for, where to start, the terms it uses, and signing in.
async function viewHome(reason) {
  const show = shower();
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', value: state.token, size: 60 });
  const message = h('p', { 'aria-live': 'polite' });
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      state.token = input.value.trim();
      try {
        const groups = await api('/v1/audit-groups');
        state.organisation = groups.organisation;
        sessionStorage.setItem('isvgraph.token', state.token);
        renderSession();
        const next = state.next || '#/contracts';
        state.next = '';
        // The sign-in page may already stand at that address (a shared link): no hashchange then.
        if (location.hash === next) route(); else location.hash = next;
      } catch {
        state.token = '';
        message.replaceChildren(h('span', { class: 'error' }, t('home.bad')));
      }
    },
  }, h('label', { for: 'token' }, t('home.token')), input, ' ',
  h('button', { class: 'primary', type: 'submit', id: 'signin' }, t('home.signin')));
  // In the demo (isvgraph demo) the server offers its training sign-ins: a trainee picks an
  // authority instead of pasting a token. Real servers have no such route (404).
  const trainee = h('div', { id: 'trainee' });
  if (!state.token) {
    api('/v1/demo/sign-ins').then(({ sign_ins: signIns }) => {
      if (!signIns.length) return;
      fill(trainee, h('h4', {}, t('home.trainee')), h('p', { class: 'muted' }, t('home.trainee.hint')),
        h('ul', { class: 'trainees' }, signIns.map((x) => h('li', {}, h('button', {
          type: 'button', 'data-organisation': x.organisation,
          onclick: () => { input.value = x.token; form.requestSubmit(); },
        }, x.name === x.organisation ? x.name : `${x.name} (${x.organisation})`),
        (x.contracts || []).length ? h('span', { class: 'muted' }, ` ${x.contracts.join('; ')}`) : null))));
    }).catch(() => {});
  }
  const glossary = h('dl', { class: 'glossary', id: 'glossary' },
    ['tier', 'salient', 'isv', 'floor', 'cahra', 'uflpa', 'nodata'].flatMap((term) => [
      h('dt', {}, t(`term.${term}`)), h('dd', {}, t(`term.${term}.means`))]));
  show(h('h2', {}, t('home.welcome')),
    reason ? h('p', { class: 'card notice', role: 'status', id: 'signin-reason' }, reason) : null,
    h('p', {}, t('home.what')),
    h('div', { class: 'start' },
      h('a', { class: 'start-card', href: '#/tender' }, h('b', {}, t('nav.tender')), h('span', {}, t('home.start.tender'))),
      h('a', { class: 'start-card', href: '#/risk' }, h('b', {}, t('nav.risk')), h('span', {}, t('home.start.risk'))),
      h('a', { class: 'start-card', href: '#/contracts' }, h('b', {}, t('nav.contracts')), h('span', {}, t('home.start.contracts')))),
    h('section', { class: 'card' }, h('h3', {}, state.token ? t('home.signed') + ' ' + state.organisation : t('home.title')),
      state.token ? h('button', { type: 'button', onclick: signOut }, t('home.signout'))
        : [trainee, h('p', { class: 'muted' }, t('home.hint')), form, message]),
    h('section', {}, h('h3', {}, t('home.glossary')), glossary));
}

function signOut() {
  state.token = '';
  state.organisation = '';
  sessionStorage.removeItem('isvgraph.token');
  renderSession();
  location.hash = '#/';
}

async function viewTender(params = new URLSearchParams()) {
  const show = shower();
  let chosen = null;
  let active = -1;
  const cpv = h('input', { id: 'cpv', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': 'cpv-list', autocomplete: 'off' });
  const list = h('ul', { id: 'cpv-list', role: 'listbox', class: 'suggestions', hidden: true });
  const countries = h('input', { id: 'countries', placeholder: 'MY, TH' });
  // Any euro amount, as Dutch or English write it ("912.500", "912,500", "€ 912.500,50").
  const value = h('input', { id: 'value', type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: t('tender.value.example') });
  const authority = h('select', { id: 'authority' },
    h('option', { value: 'central' }, t('tender.central')), h('option', { value: 'sub_central' }, t('tender.sub_central')));
  const result = h('div', { 'aria-live': 'polite', id: 'tender-result' });
  const pick = (match) => {
    chosen = match;
    cpv.value = `${match.code} ${state.lang === 'nl' ? match.nl : match.en}`;
    list.hidden = true;
    cpv.setAttribute('aria-expanded', 'false');
  };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (list.children[i]) cpv.setAttribute('aria-activedescendant', list.children[i].id);
  };
  let timer = null;
  cpv.addEventListener('input', () => {
    chosen = null;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = cpv.value.trim();
      if (q.length < 2) { list.hidden = true; return; }
      const { matches } = await api(`/v1/cpv?q=${encodeURIComponent(q)}`);
      list.replaceChildren(...matches.map((m, i) => h('li', { id: `cpv-${i}`, role: 'option', 'data-code': m.code,
        onmousedown: (e) => { e.preventDefault(); pick(m); } },
      `${m.code} ${state.lang === 'nl' ? m.nl : m.en}`, m.product_group ? h('span', { class: 'muted' }, ` · ${m.product_group}`) : null)));
      list._matches = matches;
      list.hidden = matches.length === 0;
      cpv.setAttribute('aria-expanded', String(!list.hidden));
      highlight(-1);
    }, 150);
  });
  cpv.addEventListener('keydown', (e) => {
    const n = list.children.length;
    if (list.hidden || !n) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); highlight((active + 1) % n); }
    if (e.key === 'ArrowUp') { e.preventDefault(); highlight((active - 1 + n) % n); }
    if (e.key === 'Enter' && active >= 0) { e.preventDefault(); pick(list._matches[active]); }
    if (e.key === 'Escape') { list.hidden = true; }
  });
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      if (!chosen) { result.replaceChildren(h('p', { class: 'error' }, t('tender.pick'))); return; }
      const amount = value.value.trim() ? parseEuroAmount(value.value) : null;
      if (value.value.trim() && amount === null) {
        result.replaceChildren(h('p', { class: 'error', role: 'alert', id: 'value-error' }, t('tender.value.bad')));
        return;
      }
      const query = new URLSearchParams({ cpv: chosen.code, authority: authority.value });
      if (countries.value.trim()) query.set('countries', countries.value.replace(/\s*,\s*/g, ',').trim());
      if (amount !== null) query.set('value', String(amount));
      // The check has an address of its own: it can be linked, reopened and re-read in the
      // other language (the view runs it again from the address).
      const address = `#/tender?${query}`;
      if (location.hash !== address) history.replaceState(null, '', address);
      await runCheck(query);
    },
  },
  h('label', { for: 'cpv' }, t('tender.cpv')), cpv, list,
  h('div', { class: 'row' },
    h('div', {}, h('label', { for: 'countries' }, t('tender.countries')), countries),
    h('div', {}, h('label', { for: 'value' }, t('tender.value')), value),
    h('div', {}, h('label', { for: 'authority' }, t('tender.authority')), authority),
    h('div', {}, h('button', { class: 'primary', type: 'submit', id: 'check' }, t('tender.check')))));
  const runCheck = async (query) => {
    result.replaceChildren(h('p', {}, t('loading')));
    try {
      result.replaceChildren(renderAdvice(await api(`/v1/tender-check?${query}`), query, state.version));
    } catch (error) { result.replaceChildren(errorBox(error)); }
  };
  show(h('h2', {}, t('tender.title')), form, result);
  // Opened from an address with a check in it: fill the form and run it.
  if (params.get('cpv')) {
    try {
      const entry = await api(`/v1/cpv/${encodeURIComponent(params.get('cpv'))}`);
      pick({ code: entry.code, en: entry.en, nl: entry.nl || entry.en });
    } catch { pick({ code: params.get('cpv'), en: '', nl: '' }); }
    countries.value = params.get('countries') || '';
    if (params.get('value')) value.value = formatEuro(Number(params.get('value')), state.lang).replace(/^€\s?/, '');
    authority.value = params.get('authority') || 'central';
    await runCheck(params);
  }
}

// The inputs and editions a check was made with, for the file it goes into.
function inputsRecord(advice, query, version) {
  const cpv = (advice.cpv || []).map((c) => `${c.code} ${state.lang === 'nl' ? c.nl : c.en}`).join('; ');
  const value = query.get('value') ? formatEuro(Number(query.get('value')), state.lang) : t('tender.value.none');
  const countries = (advice.countries || []).length ? advice.countries.join(', ') : t('tender.countries.none');
  const date = new Date().toLocaleDateString(state.lang === 'nl' ? 'nl-NL' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric' });
  // The editions of the risk data the server scored with: a saved check says what it rests on.
  const editions = new Map((state.layers || []).filter((l) => l.loaded && l.edition).map((l) => [l.title, l.edition]));
  return h('div', { class: 'muted', id: 'tender-inputs' },
    h('p', {}, `${t('tender.checked')} ${date} · CPV ${cpv} · ${t('tender.countries.short')}: ${countries} · ${t('tender.value.short')}: ${value} · `
    + `${t('tender.authority')}: ${t(`tender.${query.get('authority') || 'central'}`)} · ${t('tender.method')} ${advice.methodology}`
    + (version?.version ? ` · isvgraph ${version.version}` : '')),
    editions.size ? h('p', { id: 'tender-editions' }, `${t('tender.editions')}: `
      + [...editions].sort(([a], [b]) => a.localeCompare(b)).map(([title, edition]) => `${title} (${edition})`).join('; ')) : null);
}

// A button that puts `text()` on the clipboard and says so.
function copyButton(text, label = t('pack.copy')) {
  const button = h('button', { type: 'button', class: 'copy', onclick: async () => {
    try {
      await navigator.clipboard.writeText(text());
      button.textContent = t('pack.copied');
    } catch { button.textContent = t('pack.nocopy'); }
    setTimeout(() => { button.textContent = label; }, 2500);
  } }, label);
  return button;
}

// What the officer puts into the tender documents: the clause elements that apply (by the
// verdict), in the contract; other measures and the questions for bidders, each once, with the
// themes they serve and their sources; copy buttons and a print of the pack alone.
function tenderPack(advice, record = null) {
  const isv = advice.isv;
  const clause = isv.mandatory || isv.advised ? advice.actions.filter((a) => a.kind === 'contract_element') : [];
  const others = advice.actions.filter((a) => a.kind !== 'contract_element');
  // Measures and questions repeat across themes: once each, with every theme that asks for it.
  const collect = (field) => {
    const seen = new Map();
    for (const theme of advice.themes) {
      for (const text of theme[field] || []) {
        if (!seen.has(text)) seen.set(text, { text, themes: [], sources: new Set() });
        seen.get(text).themes.push(themeName(theme.theme));
        (theme.sources || []).forEach((src) => seen.get(text).sources.add(src.title || src.id));
      }
    }
    return [...seen.values()];
  };
  const measures = collect('measures');
  const questions = collect('questions');
  const item = (title, text, note) => h('li', {}, title ? h('b', {}, `${title}. `) : null, text, ' ',
    copyButton(() => (title ? `${title}. ${text}` : text)), note ? h('div', { class: 'muted' }, note) : null);
  const plain = () => [
    `${t('pack.title')} — ${t('tender.isv')}: ${isv.mandatory ? t('tender.mandatory') : isv.advised ? t('tender.advised') : t('tender.notneeded')}`,
    isv.reason,
    ...(clause.length ? ['', t('pack.clause'), ...clause.map((a) => `- ${a.name}. ${a.text}`)] : []),
    ...(others.length || measures.length ? ['', t('pack.measures'), ...others.map((a) => `- ${a.name}. ${a.text}`),
      ...measures.map((m) => `- ${m.text} (${m.themes.join(', ')})`)] : []),
    ...(questions.length ? ['', t('pack.questions'), ...questions.map((q) => `- ${q.text} (${q.themes.join(', ')})`)] : []),
  ].join('\n');
  // The pack as an OpenDocument text file, for the tender documents (opens in Word too).
  const odt = () => {
    const verdict = isv.mandatory ? t('tender.mandatory') : isv.advised ? t('tender.advised') : t('tender.notneeded');
    const blocks = [
      { heading: t('pack.title'), level: 1 },
      ...(record ? [...record.querySelectorAll('p')].map((p) => ({ paragraph: p.textContent, muted: true })) : []),
      { heading: `${t('tender.isv')}: ${verdict}`, level: 2 },
      { paragraph: isv.reason },
      { heading: t('pack.clause'), level: 2 },
      clause.length ? { list: clause.map((a) => `${a.name}. ${a.text}${a.source?.title ? ` (${a.source.title})` : ''}`) }
        : { paragraph: t('pack.noclause') },
      { heading: t('pack.measures'), level: 2 },
      { list: [...others.map((a) => `${a.name}. ${a.text}`),
        ...measures.map((m) => `${m.text} (${t('pack.for')}: ${m.themes.join(', ')}; ${t('tender.sources')}: ${[...m.sources].join('; ')})`)] },
      { heading: t('pack.questions'), level: 2 },
      { list: questions.map((q) => `${q.text} (${t('pack.for')}: ${q.themes.join(', ')})`) },
    ];
    const cpv = (advice.cpv || []).map((c) => c.code).join('-') || 'cpv';
    saveAs(odtDocument(t('pack.title'), state.lang, blocks), `${t('pack.file')}-${cpv}-${new Date().toISOString().slice(0, 10)}.odt`);
  };
  const print = () => {
    document.body.classList.add('print-pack');
    window.addEventListener('afterprint', () => document.body.classList.remove('print-pack'), { once: true });
    window.print();
  };
  return h('section', { class: 'card pack', id: 'tender-pack' },
    h('h3', {}, t('pack.title')),
    h('p', { class: 'muted' }, t('pack.explain')),
    h('div', { class: 'row no-print' }, h('div', {}, copyButton(plain, t('pack.copyall')), ' ',
      h('button', { type: 'button', id: 'pack-print', onclick: print }, t('pack.print')), ' ',
      h('button', { type: 'button', id: 'pack-odt', onclick: odt }, t('pack.odt')))),
    h('h4', {}, t('pack.clause')),
    clause.length ? h('ol', { id: 'pack-clause' }, clause.map((a) => item(a.name, a.text, a.source?.title)))
      : h('p', {}, t('pack.noclause')),
    h('h4', {}, t('pack.measures')),
    h('ul', { id: 'pack-measures' }, others.map((a) => item(a.name, a.text, a.source?.title)),
      measures.map((m) => item('', m.text, `${t('pack.for')}: ${m.themes.join(', ')} · ${t('tender.sources')}: ${[...m.sources].join('; ')}`))),
    h('h4', {}, t('pack.questions')),
    h('ul', { id: 'pack-questions' }, questions.map((q) => item('', q.text, `${t('pack.for')}: ${q.themes.join(', ')}`))));
}

function renderAdvice(advice, query = new URLSearchParams(), version = null) {
  const isv = advice.isv;
  // Every likelihood unknown: the verdict rests on missing data, and must say so.
  const unknown = advice.themes.length > 0 && advice.themes.every((theme) => theme.likelihood === null || theme.likelihood === undefined);
  const verdict = isv.mandatory ? t('tender.mandatory') : isv.advised ? t('tender.advised') : t('tender.notneeded');
  const rows = advice.themes.map((theme) => h('tr', {},
    h('td', {}, h('b', {}, themeName(theme.theme))),
    h('td', {}, scoreBadge(theme.likelihood)),
    h('td', {}, theme.severity.toFixed(2)),
    h('td', {}, theme.worst_place || ''),
    // The plain sentence first; the calculation and the sources on request. (Measures and
    // questions are in the pack above, once each.)
    h('td', {}, h('div', { class: 'plain' }, theme.summary || theme.reason),
      h('details', { class: 'calculation' }, h('summary', {}, t('details.how')),
        h('p', {}, theme.reason),
        h('p', { class: 'muted' }, `${t('tender.sources')}: ${(theme.sources || []).map((s) => s.title || s.id).join('; ')}`)))));
  const record = inputsRecord(advice, query, version);
  return h('section', {},
    record,
    h('div', { class: 'card', id: 'tender-verdict' }, h('h3', {}, `${t('tender.isv')}: `, h('span', { class: isv.mandatory ? 'flag' : '' }, verdict)), h('p', {}, isv.reason)),
    unknown ? h('p', { class: 'card notice', role: 'note', id: 'tender-unknown' }, t('tender.unknown')) : null,
    (advice.notes || []).length ? h('div', { class: 'card', id: 'tender-notes' }, h('h3', {}, t('tender.notes')),
      h('ul', {}, advice.notes.map((note) => h('li', {}, note)))) : null,
    tenderPack(advice, record),
    h('h3', {}, t('tender.themes')),
    table(['col.theme', 'col.likelihood', 'col.severity', 'col.where', 'col.why'], rows));
}

// The organisation's contracts with what needs attention: ISV verdict, flags, the worst site,
// the escalation stage and the follow-up steps recorded; sortable by any column.
async function viewContracts(params = new URLSearchParams()) {
  const show = shower();
  const page = await api('/v1/contracts?limit=200');
  const items = page.items || [];
  const rows = await Promise.all(items.map(async (c) => {
    try {
      const a = await api(`/v1/contracts/${encodeURIComponent(c.id)}/assessment`);
      const flags = a.flags.filter((f) => f.kind === 'plan_theme' || f.kind === 'joint_audit').length;
      const worst = Math.max(...a.sites.map((x) => x.score ?? 0), 0);
      return { c, isv: a.isv.mandatory ? 2 : a.isv.advised ? 1 : 0, flags, worst, stage: a.escalation_stage || '', steps: (a.followup || []).length };
    } catch { return { c, isv: -1, flags: -1, worst: -1, stage: '', steps: -1 }; }
  }));
  const columns = [
    ['contract', 'col.contract', (r) => r.c.id],
    ['value', 'col.value', (r) => r.c.value_eur ?? -1],
    ['isv', 'col.isv', (r) => r.isv],
    ['flags', 'col.flags', (r) => r.flags],
    ['worst', 'col.worst', (r) => r.worst],
    ['stage', 'col.stage', (r) => r.stage],
    ['steps', 'col.steps', (r) => r.steps],
  ];
  const sortKey = columns.find(([k]) => k === params.get('sort')) ? params.get('sort') : 'worst';
  const descending = params.get('order') !== 'asc';
  const [, , key] = columns.find(([k]) => k === sortKey);
  rows.sort((x, y) => {
    const a = key(x), b = key(y);
    const order = typeof a === 'string' ? a.localeCompare(b) : a - b;
    return (descending ? -order : order) || x.c.id.localeCompare(y.c.id);
  });
  const verdict = (n) => (n === 2 ? t('tender.mandatory') : n === 1 ? t('tender.advised') : n === 0 ? t('tender.notneeded') : '–');
  const head = h('tr', {}, columns.map(([k, label]) => {
    const active = k === sortKey;
    const next = active && descending ? 'asc' : 'desc';
    return h('th', { scope: 'col', 'aria-sort': active ? (descending ? 'descending' : 'ascending') : null },
      h('a', { href: `#/contracts?sort=${k}&order=${next}`, class: 'sort', 'data-sort': k }, t(label), active ? (descending ? ' ▼' : ' ▲') : ''));
  }));
  show(h('h2', {}, t('contracts.title')),
    h('p', { class: 'muted' }, t('contracts.explain')),
    h('table', { id: 'contracts' }, h('thead', {}, head), h('tbody', {}, rows.map((r) => h('tr', {},
      h('td', {}, h('a', { href: `#/contract/${encodeURIComponent(r.c.id)}` }, `${r.c.id} — ${r.c.title}`)),
      h('td', { class: 'number' }, r.c.value_eur ? formatEuro(r.c.value_eur, state.lang) : '–'),
      h('td', {}, verdict(r.isv)),
      h('td', { class: 'number' }, r.flags >= 0 ? r.flags : '–'),
      h('td', {}, r.worst >= 0 ? scoreBadge(r.worst) : '–'),
      h('td', {}, r.stage ? t(`stage.${r.stage}`) : t('contracts.nostage')),
      h('td', { class: 'number' }, r.steps >= 0 ? r.steps : '–'))))));
}

// The chain as columns of tiers, left (the contractor) to right (raw materials): disclosed
// sites, then the template's assumed places, dashed.
function chainGraph(a, onSelect) {
  const nodes = a.sites.map((s) => ({ id: s.site_id, label: s.name, tier: s.tier, score: s.score, assumed: false, site: s }));
  const deepest = Math.max(1, ...nodes.map((n) => n.tier));
  const edges = a.links.map((l) => ({ from: l.customer_id, to: l.supplier_id, assumed: false }));
  let below = nodes.filter((n) => n.tier === deepest).map((n) => n.id);
  for (const tier of a.assumed_tiers) {
    const here = [];
    for (const place of tier.places || []) {
      const where = place.region || place.country;
      const worst = Math.max(...Object.values(place.scores || {}).map((x) => x ?? 0), 0);
      const id = `assumed:${tier.tier}:${tier.role}:${where}`;
      nodes.push({ id, label: `${tier.role} (${where})`, tier: tier.tier, score: worst, assumed: true, place, tierInfo: tier });
      for (const customer of below) edges.push({ from: customer, to: id, assumed: true });
      here.push(id);
    }
    if (here.length) below = here;
  }
  const tiers = [...new Set(nodes.map((n) => n.tier))].sort((x, y) => x - y);
  const columns = tiers.map((tier) => nodes.filter((n) => n.tier === tier));
  // Labels sit under their node, wrapped to the column: lines run between the nodes, never
  // through text. The drawing keeps its size (it scrolls sideways in a narrow window) so that
  // text is never scaled below its set size.
  const lineChars = 24, lineHeight = 14;
  const labelLines = new Map(nodes.map((n) => [n.id, wrapWords(n.label, lineChars).slice(0, 4)]));
  const rowHeight = 34 + lineHeight * Math.max(...nodes.map((n) => labelLines.get(n.id).length)), colWidth = 200, top = 30;
  const height = top + rowHeight * Math.max(...columns.map((c) => c.length)) + 10;
  const width = colWidth * tiers.length + 20;
  const at = new Map();
  columns.forEach((column, i) => column.forEach((n, j) => at.set(n.id, { x: 20 + colWidth / 2 + i * colWidth, y: top + 20 + j * rowHeight })));
  const svg = h('svg:svg', { class: 'chain', viewBox: `0 0 ${width} ${height}`, width, height, role: 'group', 'aria-label': t('contract.chain') });
  tiers.forEach((tier, i) => svg.append(h('svg:text', { x: 20 + colWidth / 2 + i * colWidth, y: 16, class: 'muted tier', 'text-anchor': 'middle' }, `T${tier}`)));
  const edgeEls = [];
  for (const e of edges) {
    const p = at.get(e.from), q = at.get(e.to);
    if (!p || !q) continue;
    // From the right of one node to the left of the next at the nodes' height, turning only in
    // the gap between columns: labels hang below the nodes, within their column.
    const x1 = p.x + 13, x2 = q.x - 13, xa = p.x + colWidth / 2 - 6, xb = q.x - colWidth / 2 + 6;
    const mid = (xa + xb) / 2;
    const d = xb > xa
      ? `M${x1},${p.y} H${xa} C${mid},${p.y} ${mid},${q.y} ${xb},${q.y} H${x2}`
      : `M${x1},${p.y} C${(x1 + x2) / 2},${p.y} ${(x1 + x2) / 2},${q.y} ${x2},${q.y}`;
    const el = h('svg:path', { class: `edge${e.assumed ? ' assumed' : ''}`, d });
    el.dataset.from = e.from; el.dataset.to = e.to;
    edgeEls.push(el);
    svg.append(el);
  }
  for (const n of nodes) {
    const p = at.get(n.id);
    const cls = riskClass(n.score);
    const flagged = n.score >= state.flagThreshold;
    const said = `${n.label}, T${n.tier}, ${n.score.toFixed(2)}${flagged ? `, ${t('whatif.flagged')}` : ''}${n.assumed ? `, ${t('contract.assumed')}` : ''}`;
    // Colour and shape: a flagged place is a diamond, others a circle; an assumed place is a
    // dashed ring in the darker stroke of its colour.
    const shapeAttrs = { fill: n.assumed ? '#fff' : COLOURS[cls], stroke: n.assumed ? STROKES[cls] : '#333',
      'stroke-width': n.assumed ? 3 : 1, 'stroke-dasharray': n.assumed ? '4 3' : null, class: 'shape' };
    const shape = flagged
      ? h('svg:polygon', { ...shapeAttrs, points: `${p.x},${p.y - 13} ${p.x + 13},${p.y} ${p.x},${p.y + 13} ${p.x - 13},${p.y}` })
      : h('svg:circle', { ...shapeAttrs, cx: p.x, cy: p.y, r: 11 });
    const lines = labelLines.get(n.id);
    const g = h('svg:g', { class: `node${flagged ? ' flagged' : ''}`, tabindex: 0, role: 'button', 'data-id': n.id, 'aria-label': said },
      h('svg:title', {}, said),
      // The node's whole area (shape and label) takes the click.
      h('svg:rect', { class: 'hit', x: p.x - colWidth / 2 + 8, y: p.y - 15, width: colWidth - 16, height: 32 + lineHeight * lines.length,
        fill: '#fff', 'fill-opacity': 0 }),
      shape,
      h('svg:text', { x: p.x, y: p.y + 28, 'text-anchor': 'middle', class: 'label' },
        lines.map((line, i) => h('svg:tspan', { x: p.x, dy: i === 0 ? 0 : lineHeight }, line))));
    const select = () => {
      svg.querySelectorAll('.node.selected').forEach((x) => x.classList.remove('selected'));
      g.classList.add('selected');
      onSelect(n, nodes, edgeEls);
    };
    g.addEventListener('click', select);
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(); } });
    svg.append(g);
  }
  return svg;
}

// The worst path to a disclosed site (from the assessment), else any path through the links.
function pathTo(a, id) {
  const flagged = a.flagged_sites.find((s) => s.site_id === id);
  if (flagged) return flagged.worst_path;
  const parent = new Map([[a.contract.tier1_site_id, null]]);
  const queue = [a.contract.tier1_site_id];
  while (queue.length) {
    const at = queue.shift();
    for (const l of a.links) {
      if (l.customer_id === at && !parent.has(l.supplier_id)) { parent.set(l.supplier_id, at); queue.push(l.supplier_id); }
    }
  }
  const path = [];
  for (let x = id; x !== null && x !== undefined; x = parent.get(x)) path.unshift(x);
  return parent.has(id) ? path : [id];
}

// Every theme of a disclosed site, worst first: the plain sentence, the calculation on request.
// Scored by the knowledge base as the chain is (POST /v1/risk/sites); while that loads, and if it
// fails, the worst theme's explanation from the assessment stands.
function siteThemes(site) {
  const box = h('div', { id: 'site-reason' }, h('p', {}, site.reason || t('contract.noreason')));
  const query = { country: site.country || undefined, region: site.region || undefined, sector: site.sector || undefined, name: site.name };
  api('/v1/risk/sites', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sites: [query] }) })
    .then(({ results: [risk] }) => {
      const themes = [...risk.themes].sort((x, y) => (y.score ?? -1) - (x.score ?? -1));
      fill(box, h('ul', { class: 'site-themes' }, themes.map((theme) => h('li', { 'data-theme': theme.theme },
        scoreBadge(theme.score), ' ', h('b', {}, themeName(theme.theme)), theme.flagged ? h('span', { class: 'flag' }, ` ▲ ${t('whatif.flagged')}`) : null,
        h('div', { class: 'plain' }, theme.summary),
        // Every listing, not only the one that set the score (a Xinjiang gin is on the DOL list
        // and under the UFLPA presumption).
        (theme.flags || []).length > 1 ? h('ul', { class: 'listings' }, theme.flags.map((f) => h('li', {}, f.detail))) : null,
        h('details', { class: 'calculation' }, h('summary', {}, t('details.how')), h('p', {}, theme.explanation))))));
    })
    .catch(() => {});
  return box;
}

// A country's name in the interface's language ("IN" -> "India"); a region keeps its code.
function placeName(country, region) {
  let name = country;
  try { name = new Intl.DisplayNames([state.lang], { type: 'region' }).of(country) || country; } catch { /* not a code */ }
  return region ? `${name} (${region})` : name;
}

// Why an assumed place stands in a chain, in words: where the disclosed chain stops, which tier
// the product group's template puts here, and how usual the place is as an origin.
function assumedWhy(a, n) {
  const { place, tierInfo } = n;
  const source = tierInfo.source?.title || tierInfo.source?.id || t('contract.assumed.template');
  return t(place.assumed ? 'contract.assumed.why' : 'contract.assumed.given')
    .replace('{depth}', a.disclosed_depth)
    .replace('{tier}', tierInfo.tier)
    .replace('{role}', tierInfo.role)
    .replace('{place}', placeName(place.country, place.region))
    .replace('{share}', Math.round((place.share || 0) * 100))
    .replace('{source}', source);
}

async function viewContract(id) {
  const show = shower();
  const a = await api(`/v1/contracts/${encodeURIComponent(id)}/assessment`);
  const details = h('aside', { class: 'card', id: 'site-details', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('contract.pick')));
  const onSelect = (n, nodes, edgeEls) => {
    const path = n.assumed ? [] : pathTo(a, n.id);
    edgeEls.forEach((el) => {
      const i = path.indexOf(el.dataset.from);
      el.classList.toggle('path', i >= 0 && path[i + 1] === el.dataset.to);
    });
    // An assumed place carries its theme scores only: the themes at or above the flag line.
    const themes = n.assumed
      ? Object.entries(n.place.scores || {}).filter(([, v]) => v !== null && v >= state.flagThreshold).sort((x, y) => y[1] - x[1])
      : null;
    fill(details,
      h('h3', {}, n.label), n.assumed ? h('p', { class: 'assumed' }, t('contract.assumed')) : null,
      h('dl', { class: 'facts' },
        h('dt', {}, t('col.tier')), h('dd', {}, `T${n.tier}`),
        h('dt', {}, t('col.score')), h('dd', {}, scoreBadge(n.score),
          n.assumed || !n.site.worst_theme ? '' : ` ${themeName(n.site.worst_theme)}`),
        n.assumed ? null : h('dt', {}, t('col.country')),
        n.assumed ? null : h('dd', {}, n.site.country ? `${n.site.country}${n.site.region ? ` (${n.site.region})` : ''}` : t('contract.nocountry'))),
      n.assumed ? h('p', { class: 'assumed-why' }, assumedWhy(a, n)) : null,
      n.assumed ? h('ul', {}, themes.map(([id, v]) => h('li', {}, scoreBadge(v), ` ${themeName(id)}`)))
        : siteThemes(n.site),
      path.length > 1 ? h('p', { class: 'muted' }, `${t('contract.worstpath')}: ${path.join(' → ')}`) : null);
  };
  const flags = h('ul', {}, a.flags.map((f) => h('li', {}, h('span', { class: f.assumed ? 'assumed' : 'flag' }, t(`flag.${f.kind}`)), ': ', f.text)));
  const map = h('img', { class: 'map', alt: t('contract.map') });
  const report = h('a', { href: `#/contract/${encodeURIComponent(id)}/report`, id: 'report-link' }, t('contract.report'));
  show(h('h2', {}, `${a.contract.id}: ${a.contract.title}`),
    h('p', { class: 'muted' }, `CPV ${a.contract.cpv || '–'}${a.contract.value_eur ? ` · ${formatEuro(a.contract.value_eur, state.lang)}` : ''} · ${t('contract.legend')}`),
    h('section', { class: 'card' }, h('h3', {}, t('contract.flags')), flags),
    h('div', { class: 'layout' }, h('section', {}, h('h3', {}, t('contract.chain')), h('div', { class: 'chain-scroll' }, chainGraph(a, onSelect))), details),
    h('section', {}, h('h3', {}, t('contract.map')), map), report);
  blobUrl(`/v1/maps/chains/${encodeURIComponent(id)}.svg`).then((url) => { map.src = url; }).catch(() => {});
}

// The contract's report at an address of its own (#/contract/ID/report), to link, print or save.
// The server's report is a whole HTML page; its body is shown here (scripts, event attributes and
// inline styles dropped, as the page's security policy would anyway; style.css styles it), and
// "Save" keeps the page as the server made it.
async function viewReport(id) {
  const show = shower();
  const response = await api(`/v1/contracts/${encodeURIComponent(id)}/report.html`, { raw: true });
  const html = await response.text();
  // The report's own styles go before parsing: applied under this page's policy they would be
  // refused (and reported) one by one.
  const page = new DOMParser().parseFromString(html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/\sstyle="[^"]*"/gi, ''), 'text/html');
  page.querySelectorAll('script, style, link, iframe, object, embed').forEach((el) => el.remove());
  page.querySelectorAll('*').forEach((el) => {
    for (const attr of [...el.attributes]) if (attr.name.startsWith('on') || attr.name === 'style') el.removeAttribute(attr.name);
  });
  const date = new Date().toISOString().slice(0, 10);
  show(h('p', { class: 'row no-print' },
    h('span', {}, h('a', { href: `#/contract/${encodeURIComponent(id)}` }, t('report.back'))),
    h('span', {}, h('button', { type: 'button', id: 'report-print', onclick: () => window.print() }, t('report.print')), ' ',
      h('button', { type: 'button', id: 'report-save', onclick: () => saveAs(new Blob([html], { type: 'text/html' }), `${t('report.file')}-${id}-${date}.html`) }, t('report.save')))),
  h('article', { class: 'report', id: 'report', lang: state.lang }, [...page.body.childNodes].map((node) => document.adoptNode(node))));
}

// The plan's settings, as the API takes them (GET …/plan): how many candidates it plans for,
// how far apart sites of one trip may be, and how many sites one trip visits.
const PLAN_SETTINGS = [['candidates', 12, 1, 200], ['radius_km', 300, 1, 20000], ['max_sites', 4, 1, 50]];

async function viewAudits(params = new URLSearchParams()) {
  const show = shower();
  if (!state.token) { show(h('h2', {}, t('audits.title')), h('p', {}, t('contracts.none'))); return; }
  const settings = new URLSearchParams();
  for (const [name, fallback, min, max] of PLAN_SETTINGS) {
    const n = Number(params.get(name));
    settings.set(name, String(Number.isInteger(n) && n >= min && n <= max ? n : fallback));
  }
  const inputs = PLAN_SETTINGS.map(([name, , min, max]) => h('input', { id: `plan-${name}`, type: 'number', min, max, step: 1,
    value: settings.get(name), inputmode: 'numeric' }));
  const settingsForm = h('form', { class: 'card', id: 'plan-settings', onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    PLAN_SETTINGS.forEach(([name], i) => next.set(name, inputs[i].value));
    location.hash = `#/audits?${next}`;
  } }, h('h3', {}, t('plan.settings')), h('p', { class: 'muted' }, t('plan.settings.explain')),
  h('div', { class: 'row' }, PLAN_SETTINGS.map(([name], i) => h('div', {}, h('label', { for: `plan-${name}` }, t(`plan.${name}`)), inputs[i])),
    h('div', {}, h('button', { class: 'primary', type: 'submit', id: 'plan-make' }, t('plan.make')))));
  const { audit_groups: groups } = await api('/v1/audit-groups');
  const sections = [];
  for (const group of groups) {
    const [{ candidates }, plan] = await Promise.all([
      api(`/v1/audit-groups/${encodeURIComponent(group.id)}/candidates?limit=${settings.get('candidates')}`),
      api(`/v1/audit-groups/${encodeURIComponent(group.id)}/plan?${settings}`)]);
    const planPath = (format) => `/v1/audit-groups/${encodeURIComponent(group.id)}/plan?format=${format}&${settings}`;
    const fileName = (ext) => `${t('audits.file')}-${group.id}-${new Date().toISOString().slice(0, 10)}.${ext}`;
    const download = (format) => h('button', { type: 'button', id: `plan-${format}-${group.id}`, onclick: async () => {
      const response = await api(planPath(format), { raw: true });
      if (format === 'csv') {
        saveAs(new Blob([csvForExcel(parseCsv(await response.text()), state.lang)], { type: 'text/csv;charset=utf-8' }), fileName('csv'));
      } else if (format === 'xlsx') {
        saveAs(await response.blob(), fileName('xlsx'));
      } else {
        saveAs(await response.blob(), fileName('html'));
      }
    } }, t(`audits.${format}`));
    sections.push(h('section', { class: 'card' }, h('h3', {}, `${group.id} (${group.members} ${t('col.members').toLowerCase()})`),
      h('h4', {}, t('audits.candidates')),
      candidates.length ? table(['col.rank', 'col.site', 'col.score', 'col.members', 'col.leverage', 'col.why'], candidates.map((c) => h('tr', {},
        h('td', {}, c.rank), h('td', {}, `${c.site.name} (${c.site.country})`), h('td', {}, scoreBadge(c.score), ' ', themeName(c.worst_theme)),
        h('td', {}, c.members), h('td', {}, c.leverage_words || c.relative_leverage.toFixed(2)), h('td', { class: 'muted' }, c.explanation)))) : h('p', {}, t('audits.none')),
      h('h4', { id: `plan-${group.id}` }, t('audits.plan')),
      plan.trips.length ? plan.trips.map((trip) => h('div', { class: 'trip' },
        h('p', {}, h('b', {}, `${t('audits.trip')} ${trip.trip} (${trip.country})`), ` · ${t('audits.lead')}: ${trip.lead} · ${t('audits.shares')}: `,
          trip.shares.map((s) => `${s.organisation} ${Math.round(s.share * 100)}%`).join(', ')),
        h('ul', {}, trip.sites.map((s) => h('li', {}, `${s.rank}. ${s.site.name}`))),
        h('p', { class: 'muted' }, trip.reason))) : h('p', {}, plan.notes.join(' ')),
      (plan.follow_ups || []).length ? [h('h4', { id: `followups-${group.id}` }, t('audits.followups')),
        h('ul', { class: 'followups' }, plan.follow_ups.map((f) => h('li', {}, h('b', {}, f.site_name),
          f.trip ? ` (${t('audits.trip')} ${f.trip})` : '', `: ${f.reason}`)))] : null,
      download('csv'), ' ', download('xlsx'), ' ', download('html')));
  }
  const [{ audits }, { alerts }] = await Promise.all([api('/v1/audits'), api('/v1/alerts')]);
  show(h('h2', {}, t('audits.title')), settingsForm,
    h('section', { class: 'card' }, h('h3', {}, t('audits.alerts')),
      alerts.length ? h('ul', {}, alerts.map((x) => h('li', {}, h('span', { class: 'flag' }, t(`alert.${x.kind}`)), ` ${x.site_name}: ${x.text}`))) : h('p', {}, t('audits.none'))),
    ...sections,
    h('section', { class: 'card' }, h('h3', {}, t('audits.records')),
      table(['col.date', 'col.site', 'col.type', 'col.findings'], audits.map((x) => h('tr', {},
        h('td', {}, x.date), h('td', {}, x.site_id), h('td', {}, `${x.type} (${x.clause_level})`),
        h('td', {}, h('ul', {}, x.findings.map((f) => h('li', {}, h('b', {}, `${f.grade} `), `${themeName(f.theme)}: ${f.text}`)))))))));
}

async function viewRisk(params) {
  const show = shower();
  const theme = h('select', { id: 'theme' }, state.themes.map((x) => h('option', { value: x.id, selected: x.id === (params.get('theme') || 'forced_labour') }, themeName(x.id))));
  const country = h('input', { id: 'country', value: params.get('country') || 'MY', size: 6 });
  const map = h('img', { class: 'map', alt: '' });
  const details = h('div', { 'aria-live': 'polite' });
  const update = async () => {
    map.src = `/v1/maps/risk/${theme.value}.svg`;
    map.alt = `${themeName(theme.value)}: choropleth`;
    try {
      const risk = await api(`/v1/risk/countries/${encodeURIComponent(country.value.trim())}`);
      const rows = [];
      for (const th of risk.themes) {
        rows.push(h('tr', {}, h('th', { scope: 'row', colspan: 5 }, themeName(th.theme), ' ', scoreBadge(th.score), h('span', { class: 'muted' }, ` ${th.rule}`))));
        for (const i of th.indicators) {
          rows.push(h('tr', {}, h('td', {}, i.label), h('td', {}, `${i.raw} ${i.unit}`), h('td', {}, i.year),
            h('td', {}, i.normalised.toFixed(2)), h('td', { class: 'muted' }, `${i.source.title} (${i.source.publisher}, ${i.source.edition}; ${i.source.licence})`)));
        }
      }
      details.replaceChildren(h('h3', {}, `${risk.country.name} (${risk.country.iso2})`), h('p', {}, t('risk.indicators')),
        table(['col.indicator', 'col.value2', 'col.year', 'col.score', 'col.source'], rows));
    } catch (error) { details.replaceChildren(errorBox(error)); }
  };
  show(h('h2', {}, t('risk.title')),
    h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); update(); } },
      h('div', {}, h('label', { for: 'theme' }, t('risk.theme')), theme),
      h('div', {}, h('label', { for: 'country' }, t('risk.country')), country),
      h('div', {}, h('button', { class: 'primary', type: 'submit' }, t('risk.show')))),
    map, details);
  update();
}

async function viewWhatIf() {
  const show = shower();
  if (!state.token) { show(h('h2', {}, t('whatif.title')), h('p', {}, t('contracts.none'))); return; }
  const page = await api('/v1/contracts?limit=200');
  const contracts = page.items || page.contracts || [];
  const { sectors } = await api('/v1/risk/sectors');
  const contract = h('select', { id: 'wi-contract' }, contracts.map((c) => h('option', { value: c.id }, `${c.id} — ${c.title}`)));
  const site = h('select', { id: 'wi-site' });
  const country = h('input', { id: 'wi-country', size: 6 });
  const sector = h('select', { id: 'wi-sector' }, h('option', { value: '' }, '–'), sectors.map((s) => h('option', { value: s.id }, s.name)));
  const result = h('div', { 'aria-live': 'polite' });
  let sites = [];
  const loadSites = async () => {
    const a = await api(`/v1/contracts/${encodeURIComponent(contract.value)}/assessment`);
    sites = a.sites;
    site.replaceChildren(...sites.map((s) => h('option', { value: s.site_id }, `T${s.tier} ${s.name}`)));
    fill();
  };
  const fill = () => {
    const s = sites.find((x) => x.site_id === site.value);
    if (!s) return;
    country.value = s.country;
    sector.value = s.sector || '';
  };
  contract.addEventListener('change', loadSites);
  site.addEventListener('change', fill);
  const compare = async (event) => {
    event.preventDefault();
    const s = sites.find((x) => x.site_id === site.value);
    const before = { country: s.country, region: s.region || undefined, sector: s.sector || undefined, name: s.name };
    const after = { country: country.value.trim(), sector: sector.value || undefined, name: s.name,
      region: country.value.trim() === s.country ? s.region || undefined : undefined };
    try {
      const { results: [x, y] } = await api('/v1/risk/sites', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sites: [before, after] }) });
      const rows = x.themes.map((tx, i) => {
        const ty = y.themes[i];
        const changed = tx.flagged !== ty.flagged;
        return h('tr', { class: changed ? 'changed' : '' }, h('td', {}, themeName(tx.theme)),
          h('td', {}, scoreBadge(tx.score), tx.flagged ? h('span', { class: 'flag' }, ` ${t('whatif.flagged')}`) : ''),
          h('td', {}, scoreBadge(ty.score), ty.flagged ? h('span', { class: 'flag' }, ` ${t('whatif.flagged')}`) : ''),
          h('td', { class: 'muted' }, ty.explanation));
      });
      result.replaceChildren(table(['col.theme', 'whatif.before', 'whatif.after', 'col.why'], rows));
    } catch (error) { result.replaceChildren(errorBox(error)); }
  };
  show(h('h2', {}, t('whatif.title')),
    h('form', { onsubmit: compare },
      h('div', { class: 'row' },
        h('div', {}, h('label', { for: 'wi-contract' }, t('whatif.contract')), contract),
        h('div', {}, h('label', { for: 'wi-site' }, t('whatif.site')), site)),
      h('div', { class: 'row' },
        h('div', {}, h('label', { for: 'wi-country' }, t('whatif.country')), country),
        h('div', {}, h('label', { for: 'wi-sector' }, t('whatif.sector')), sector),
        h('div', {}, h('button', { class: 'primary', type: 'submit', id: 'wi-run' }, t('whatif.run'))))),
    result);
  if (contracts.length) await loadSites();
}

// ---- shell ---------------------------------------------------------------------------------

function translateStatic() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  const button = document.getElementById('language');
  button.textContent = state.lang === 'en' ? 'NL' : 'EN';
  button.setAttribute('aria-label', state.lang === 'en' ? 'Nederlands' : 'English');
}

function renderSession() {
  const who = document.getElementById('who');
  who.replaceChildren(state.organisation
    ? h('span', {}, `${t('home.signed')} ${state.organisation} · `, h('a', { href: '#/' }, t('home.signout')))
    : h('a', { href: '#/' }, t('home.signin')));
}

async function route() {
  const [path, query] = location.hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  const parts = (path || '/').split('/').filter(Boolean);
  document.querySelectorAll('nav a').forEach((a) => a.toggleAttribute('aria-current', a.getAttribute('href') === `#/${parts[0] || ''}`));
  document.querySelectorAll('nav a[aria-current]').forEach((a) => a.setAttribute('aria-current', 'page'));
  state.routeSeq += 1;
  const seq = state.routeSeq;
  try {
    if (SIGNED_IN_VIEWS.has(parts[0]) && !state.token) {
      // A shared link opened signed out: sign in first, then go there.
      state.next = location.hash;
      await viewHome(parts[0] === 'contract' ? t('home.signin.for').replace('{what}', decodeURIComponent(parts[1] || '')) : t('contracts.none'));
    } else if (parts[0] === 'tender') await viewTender(params);
    else if (parts[0] === 'contracts') await viewContracts(params);
    else if (parts[0] === 'contract' && parts[2] === 'report') await viewReport(decodeURIComponent(parts[1]));
    else if (parts[0] === 'contract') await viewContract(decodeURIComponent(parts[1]));
    else if (parts[0] === 'audits') await viewAudits(params);
    else if (parts[0] === 'risk') await viewRisk(params);
    else if (parts[0] === 'whatif') await viewWhatIf();
    else await viewHome();
  } catch (error) { if (seq === state.routeSeq) show(errorBox(error)); }
  document.getElementById('main').focus({ preventScroll: true });
}

async function start() {
  const [themes, version, layers] = await Promise.all([api('/v1/risk/themes'), api('/v1/version'), api('/v1/risk/layers')]);
  state.themes = themes.themes;
  state.layers = layers.layers;
  state.flagThreshold = version.flag_threshold;
  state.version = version;
  if (state.token) {
    try { state.organisation = (await api('/v1/audit-groups')).organisation; } catch { state.token = ''; }
  }
  document.getElementById('language').addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'nl' : 'en';
    localStorage.setItem('isvgraph.lang', state.lang);
    translateStatic();
    renderSession();
    route();
  });
  window.addEventListener('hashchange', route);
  translateStatic();
  renderSession();
  route();
}

start();
