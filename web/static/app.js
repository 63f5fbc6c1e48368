// mtkfw web: the page. Plain JavaScript, no framework, nothing fetched from elsewhere. Every
// answer shown here is the CLI's --json for the same job (GET/POST /api/v1/...); device jobs
// report their progress as Server-Sent Events (/api/v1/events).
'use strict';

const $ = (id) => document.getElementById(id);

// An element with text children only (never HTML from a file or a phone).
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) {
    if (k === null || k === undefined || k === false) continue;
    e.append(k instanceof Node ? k : String(k));
  }
  return e;
}

// DOM's append and replaceChildren write null as the text "null": these leave it out, so an
// optional part (a remedy's button, an identity banner) can be written inline.
const present = (kids) => kids.filter((k) => k !== null && k !== undefined && k !== false);
const add = (node, ...kids) => node.append(...present(kids));
const show = (node, ...kids) => node.replaceChildren(...present(kids));

// ---- the API --------------------------------------------------------------------------------

async function api(method, path, body) {
  const opt = { method, headers: {}, credentials: 'same-origin' };
  if (typeof body === 'string') {
    opt.body = body;
    opt.headers['Content-Type'] = 'text/plain; charset=utf-8';
  } else if (body !== undefined) {
    opt.body = JSON.stringify(body);
    opt.headers['Content-Type'] = 'application/json';
  }
  let r;
  try {
    r = await fetch('/api/v1/' + path, opt);
  } catch (e) {
    return { status: 0, exit: null, json: { error: { code: 'IO', message: 'mtkfw web does not answer: is it still running?' } } };
  }
  let json = null;
  try { json = await r.json(); } catch (e) { json = { error: { code: 'IO', message: 'HTTP ' + r.status } }; }
  return { status: r.status, exit: r.headers.get('X-Mtkfw-Exit'), json };
}

const query = (o) => Object.entries(o).map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
const val = (id) => $(id).value.trim();
const onlyErrorObject = (j) => j && j.error && Object.keys(j).length === 1;

// ---- the log --------------------------------------------------------------------------------

function log(message, level) {
  const ol = $('log');
  ol.append(el('li', { class: level || '' }, new Date().toLocaleTimeString() + '  ' + message));
  while (ol.children.length > 500) ol.firstChild.remove();
  ol.scrollTop = ol.scrollHeight;
}

// ---- rendering --------------------------------------------------------------------------------

const human = (n) => {
  if (typeof n !== 'number') return String(n);
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0, v = n;
  while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
  return i ? v.toFixed(v < 10 ? 2 : 1) + ' ' + u[i] : n + ' B';
};
const scalar = (v) => v === null ? '—' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'object' ? JSON.stringify(v) : String(v);

function banner(kind, title, ...lines) {
  return el('div', { class: 'banner ' + kind, role: kind === 'bad' ? 'alert' : null }, el('strong', {}, title), ...lines.map((l) => el('div', {}, l)));
}

function errorBanner(j) {
  const e = (j && j.error) || { message: 'no answer' };
  return banner('bad', 'Failed' + (e.code ? ' (' + e.code + ')' : ''), e.message || '');
}

function rawJSON(j) {
  return el('details', {}, el('summary', {}, 'JSON (as mtkfw --json prints it)'), el('pre', { class: 'json' }, JSON.stringify(j, null, 2)));
}

function kvTable(o) {
  const rows = Object.entries(o).filter(([, v]) => v === null || typeof v !== 'object');
  if (!rows.length) return null;
  return el('div', { class: 'table' }, el('table', {}, el('tbody', {},
    rows.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, scalar(v)))))));
}

function arrayTable(arr, empty) {
  if (!arr.length) return el('p', { class: 'hint' }, empty || 'none');
  if (typeof arr[0] !== 'object' || arr[0] === null) return el('p', {}, arr.map(scalar).join(', '));
  const keys = [];
  for (const r of arr) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  return el('div', { class: 'table' }, el('table', {},
    el('thead', {}, el('tr', {}, keys.map((k) => el('th', { scope: 'col' }, k)))),
    el('tbody', {}, arr.map((r) => el('tr', {}, keys.map((k) => {
      const v = r[k];
      if (k === 'severity' || k === 'level') return el('td', {}, el('span', { class: 'sev sev-' + v }, v));
      // A short word (a code, a level, a name) stays on one line.
      const word = typeof v === 'string' && v.length <= 16 && !v.includes(' ');
      return el('td', { class: typeof v === 'number' ? 'num' : word ? 'word' : null }, scalar(v));
    }))))));
}

// Any report: its plain fields, then each list and object under its own heading, then the JSON.
function renderAny(j, title) {
  if (onlyErrorObject(j)) return el('div', {}, errorBanner(j));
  const box = el('div', {}, title ? el('h2', {}, title) : null, kvTable(j));
  for (const [k, v] of Object.entries(j)) {
    if (Array.isArray(v)) box.append(el('h3', {}, k), arrayTable(v));
    else if (v && typeof v === 'object') box.append(el('h3', {}, k), kvTable(v) || rawJSON(v));
  }
  box.append(rawJSON(j));
  return box;
}

function renderFindings(j, what) {
  if (onlyErrorObject(j)) return el('div', {}, errorBanner(j));
  const f = j.findings || [];
  const errors = f.filter((x) => x.severity === 'error').length;
  return el('div', {},
    banner(errors ? 'bad' : 'good', errors ? what + ': NOT ready (' + errors + ' error' + (errors > 1 ? 's' : '') + ')' : what + ': ok'),
    arrayTable(f, 'no findings'), rawJSON(j));
}

// ---- pages ----------------------------------------------------------------------------------

function showPage() {
  const name = (location.hash || '#phone').slice(1);
  let found = false;
  for (const s of document.querySelectorAll('main > section[id^="page-"]')) {
    s.hidden = s.id !== 'page-' + name;
    if (!s.hidden) { found = true; document.title = 'mtkfw · ' + s.dataset.title; }
  }
  if (!found) { location.hash = '#phone'; return; }
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.page === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

// The connection settings, kept in this browser.
const SESSION = ['s-port', 's-da', 's-preloader'];
function session() {
  const o = {};
  if (val('s-port')) o.port = val('s-port');
  if (val('s-da')) o.da = val('s-da');
  if (val('s-preloader')) o.preloader = val('s-preloader');
  return o;
}

// ---- jobs and their progress -----------------------------------------------------------------

const views = new Map();   // job id -> its view on the page
const early = new Map();   // job id -> events that came before the POST answered

function bar(label) {
  const p = el('progress', { max: 100, value: 0, 'aria-label': label });
  const name = el('span', {}, label);
  const pct = el('span', { class: 'pct' }, '0%');
  return { row: el('div', { class: 'bar' }, name, p, pct), p, name, pct };
}

function setBar(b, done, total) {
  const v = total ? Math.min(100, Math.floor(done * 100 / total)) : 0;
  b.p.value = v;
  b.pct.textContent = v + '%';
}

function makeView(container, kind, overall, phone) {
  container.replaceChildren();
  const v = { container, kind, steps: el('ol', { class: 'steps' }), stepItems: new Map(), done: false };
  v.step = bar(phone ? 'waiting for the phone' : 'starting');
  container.append(el('h3', {}, kind));
  if (overall) { v.overall = bar('overall'); container.append(v.overall.row); }
  container.append(v.step.row, v.steps);
  return v;
}

// A job with a plan (a flash) shows every step of it as a table from the start, each row
// going from waiting to running to done as the job's step events say.
function planTable(v, steps) {
  v.plan = new Map();
  const body = el('tbody');
  for (const s of steps) {
    const row = el('tr', { 'data-index': s.index }, el('td', {}, s.index + 1), el('td', {}, s.kind),
      el('td', {}, s.name), el('td', { class: 'num' }, s.kind === 'write' ? human(s.payload) : ''), el('td', { class: 'state' }));
    stepState(row, s.state === 'verified' ? 'done' : 'wait');
    v.plan.set(s.index, row);
    body.append(row);
  }
  v.steps.replaceWith(el('div', { class: 'table planrun' }, el('table', { class: 'steptable' },
    el('thead', {}, el('tr', {}, ...['#', 'step', 'partition', 'size', 'state'].map((h) => el('th', { scope: 'col' }, h)))), body)));
}

function stepState(row, state) {
  row.className = state;
  row.lastChild.textContent = { wait: 'waiting', run: 'running', done: 'done' }[state];
  // The running row stays in sight inside the table's own scroll box; the page itself stays put.
  const box = row.closest('.planrun');
  if (state === 'run' && box) {
    const b = box.getBoundingClientRect(), r = row.getBoundingClientRect();
    if (r.top < b.top || r.bottom > b.bottom) box.scrollTop += r.top - b.top - (b.height - r.height) / 2;
  }
}

function onEvent(type, d) {
  const id = type === 'job' ? d.id : d.job;
  const v = views.get(id);
  if (!v) {
    if (!early.has(id)) early.set(id, []);
    early.get(id).push([type, d]);
    if (early.size > 50) early.delete(early.keys().next().value);
    return;
  }
  if (type === 'event' && d.kind === 'plan' && d.steps) {
    planTable(v, d.steps);
  } else if (type === 'event' && v.plan && (d.kind === 'step-started' || d.kind === 'step-finished')) {
    const row = v.plan.get(d.index);
    if (row) stepState(row, d.kind === 'step-finished' ? 'done' : 'run');
  } else if (type === 'step') {
    // Without a plan (a backup, a read-back) the stages themselves are the list.
    if (v.plan) return;
    let li = v.stepItems.get(d.stage);
    if (!li) { li = el('li', {}, d.stage); v.stepItems.set(d.stage, li); v.steps.append(li); }
    li.className = d.state === 'finished' ? 'done' : 'run';
    if (d.state === 'started') li.scrollIntoView({ block: 'nearest' });
  } else if (type === 'progress') {
    v.step.name.textContent = d.stage;
    setBar(v.step, d.done, d.total);
    if (v.overall && d.overall) setBar(v.overall, d.overall.done, d.overall.total);
  } else if (type === 'job' && d.state === 'done') {
    finishJob(v, d);
  }
}

function finishJob(v, d) {
  if (v.done) return;
  v.done = true;
  $('jobstate').textContent = v.kind + ': ' + (d.exit === 0 ? 'done' : 'ended (exit ' + d.exit + ')');
  log(v.kind + ' ended, exit ' + d.exit, d.exit === 0 ? '' : 'warning');
  if (d.exit === 0) setBar(v.step, 1, 1);
  v.onDone(d.result || { error: { code: 'IO', message: 'the job gave no report' } }, d.exit);
}

// Start a job; `onDone(result, exit)` renders its report. `overall` (bytes to write) adds an
// overall bar.
async function startJob(path, body, container, kind, onDone, overall) {
  const v = makeView(container, kind, overall, path.startsWith('device/') || path === 'library/match');
  v.onDone = onDone;
  if (overall) body.overall_bytes = overall;
  const r = await api('POST', path, body);
  if (r.status !== 202) {
    container.replaceChildren(errorBanner(r.json));
    log(kind + ': ' + ((r.json && r.json.error && r.json.error.message) || 'refused'), 'error');
    return;
  }
  const id = r.json.job;
  views.set(id, v);
  $('jobstate').textContent = kind + ': running';
  log(kind + ' started (job ' + id + ')');
  for (const [t, d] of early.get(id) || []) onEvent(t, d);
  early.delete(id);
  // Should the event stream break, the job's state is still asked for now and then.
  const poll = async () => {
    if (v.done) return;
    const s = await api('GET', 'jobs/' + id);
    if (s.status === 200 && s.json.state === 'done') finishJob(v, s.json);
    else setTimeout(poll, 3000);
  };
  setTimeout(poll, 3000);
}

function listen() {
  const es = new EventSource('/api/v1/events');
  for (const t of ['job', 'step', 'progress', 'event']) {
    es.addEventListener(t, (e) => onEvent(t, JSON.parse(e.data)));
  }
  es.addEventListener('log', (e) => {
    const d = JSON.parse(e.data);
    log(d.message, d.level);
  });
  es.onerror = () => $('jobstate').textContent = 'reconnecting…';
  es.onopen = () => { if ($('jobstate').textContent === 'reconnecting…') $('jobstate').textContent = 'idle'; };
}

// ---- the file picker ------------------------------------------------------------------------

const picker = { target: null, dirs: false, dir: null };

async function pickerShow(dir) {
  const r = await api('GET', 'files' + (dir ? '?' + query({ dir }) : ''));
  const list = $('picker-list');
  list.replaceChildren();
  if (r.status !== 200) { list.append(el('li', {}, errorBanner(r.json))); return; }
  const j = r.json;
  picker.dir = j.dir || null;
  $('picker-dir').textContent = j.dir || 'Folders this server may use';
  $('picker-here').hidden = !(picker.dirs && j.dir);
  if (j.roots) {
    for (const root of j.roots) list.append(el('li', {}, el('button', { type: 'button', class: 'dir', onclick: () => pickerShow(root) }, root + '/')));
  } else {
    list.append(el('li', {}, el('button', { type: 'button', class: 'dir', onclick: () => pickerShow(j.parent || '') }, '⬑ up')));
    for (const e of j.entries) {
      const full = j.dir.replace(/\/$/, '') + '/' + e.name;
      list.append(el('li', {}, e.dir
        ? el('button', { type: 'button', class: 'dir', onclick: () => pickerShow(full) }, e.name + '/')
        : el('button', { type: 'button', onclick: () => pickerChoose(full) }, e.name + '  (' + human(e.size) + ')')));
    }
  }
  const first = list.querySelector('button');
  if (first) first.focus();
}

function pickerChoose(path) {
  const input = $(picker.target);
  input.value = path;
  input.dispatchEvent(new Event('change'));
  $('picker').close();
  input.focus();
}

function pickerOpen(btn) {
  picker.target = btn.dataset.browse;
  picker.dirs = !!btn.dataset.dirs;
  $('picker-title').textContent = picker.dirs ? 'Choose a folder or a file' : 'Choose a file';
  $('picker').showModal();
  const cur = val(picker.target);
  pickerShow(cur ? cur.replace(/\/[^/]*$/, '') || '' : '');
}

// ---- Phone ----------------------------------------------------------------------------------

function fact(name, value) { return el('div', { class: 'fact' }, el('b', {}, name), el('span', {}, scalar(value))); }

function phoneFacts(j, exit) {
  const box = $('phone-facts');
  if (onlyErrorObject(j)) { box.replaceChildren(errorBanner(j)); return; }
  const e = j.emmc || {};
  box.replaceChildren(
    fact('chip', j.chip), fact('mode', j.mode), fact('hw_code', j.hw_code), fact('port', j.port),
    fact('eMMC', e.maker ? e.maker + ' ' + e.product : null), fact('eMMC CID', e.cid || null),
    fact('user area', e.user_size ? human(e.user_size) : null), fact('RAM', j.ram_size ? human(j.ram_size) : null));
  $('phone-job').append(rawJSON(j));
}

function phonePages() {
  $('phone-detect').onclick = () => startJob('device/detect', { port: session().port, wait_ms: 60000 }, $('phone-job'), 'detect', phoneFacts);
  $('phone-info').onclick = () => startJob('device/info', session(), $('phone-job'), 'info', phoneFacts);
  $('phone-backup').onclick = () => startJob('device/backup', Object.assign(session(), val('phone-backup-dir') ? { out: val('phone-backup-dir') } : {}),
    $('phone-job'), 'backup', (j) => $('phone-job').append(renderAny(j, 'Identity backup')));
  $('phone-restore').onclick = () => {
    if (!val('phone-backup-dir')) { $('phone-job').replaceChildren(banner('warn', 'Which backup?', 'Choose the backup folder to restore first.')); return; }
    startJob('device/restore', Object.assign(session(), { subject: val('phone-backup-dir') }), $('phone-job'), 'restore',
      (j) => add($('phone-job'), identityBanner(j), renderAny(j, 'Restore')));
  };
  $('phone-readback').onclick = () => {
    const parts = val('phone-readback-parts');
    const body = Object.assign(session(), { out: val('phone-readback-dir') });
    if (parts) body.partitions = parts.split(/[\s,]+/).filter(Boolean); else body.all = true;
    startJob('device/readback', body, $('phone-job'), 'readback', (j) => $('phone-job').append(renderAny(j, 'Read back')));
  };
  $('phone-erase').onclick = eraseAsk;
  $('phone-reboot').onclick = () => startJob('device/reboot', session(), $('phone-job'), 'reboot', (j, exit) =>
    $('phone-job').append(exit === 0 ? banner('good', 'The phone reboots', 'The session ended; the phone starts as usual.') : errorBanner(j)));
}

// Erase asks first, on the page: what goes, and that the identity is saved before it does.
// Cancel has the focus, so Enter alone erases nothing.
function eraseAsk() {
  const part = val('phone-erase-part'), box = $('phone-erase-confirm');
  if (!part) { box.replaceChildren(banner('warn', 'Which partition?', 'Type the partition to erase first.')); return; }
  const cancel = el('button', { type: 'button', onclick: () => { box.replaceChildren(); $('phone-erase').focus(); } }, 'Cancel');
  const yes = el('button', { id: 'phone-erase-yes', type: 'button', class: 'danger', onclick: () => {
    box.replaceChildren();
    startJob('device/erase', Object.assign(session(), { partition: part }), $('phone-job'), 'erase ' + part, (j) =>
      onlyErrorObject(j) ? $('phone-job').append(errorBanner(j)) : add($('phone-job'), identityBanner(j), renderAny(j, 'Erase')));
  } }, 'Erase ' + part);
  box.replaceChildren(banner('warn', 'Erase ' + part + ' on the phone?',
    'What it holds is gone for good. mtkfw first backs up the identity (NVRAM, PRO_INFO, PROTECT_F/S, SECCFG) into its backups folder.'),
  el('div', { class: 'actions' }, yes, cancel));
  cancel.focus();
}

// ---- Flash ----------------------------------------------------------------------------------

// What the page knows of the package's partitions: rows from the plans, and the unticked names.
const flash = { rows: new Map(), skip: new Set(), plan: null, stale: true };

function identityBanner(j) {
  const id = j.identity;
  if (!id) return null;
  return id.intact
    ? banner('good', 'identity intact', 'NVRAM, PRO_INFO, PROTECT_F/S read back after the write: the same bytes as before.')
    : banner('bad', 'identity CHANGED', 'Restore the identity backup (' + (j.backup || 'see the JSON') + ') with the Phone page.');
}

function remedyAction(plan) {
  const r = plan.refusal;
  if (!r) return null;
  const parts = r.partitions || [];
  if (r.remedy === 'skip' || r.remedy === 'skip-or-port') {
    return el('button', { type: 'button', onclick: () => { parts.forEach((p) => flash.skip.add(p)); planFlash(); } }, 'Untick ' + parts.join(', ') + ' and check again');
  }
  if (r.remedy === 'mode-upgrade') {
    return el('button', { type: 'button', onclick: () => { $('flash-mode').value = 'upgrade'; planFlash(); } }, 'Switch to upgrade mode and check again');
  }
  if (r.remedy === 'write-too') {
    return el('button', { type: 'button', onclick: () => { parts.forEach((p) => flash.skip.delete(p)); planFlash(); } }, 'Tick ' + parts.join(', ') + ' and check again');
  }
  return null;
}

function renderVerdict(plan) {
  const box = $('flash-verdict');
  if (onlyErrorObject(plan)) { box.replaceChildren(errorBanner(plan)); return; }
  const errs = plan.findings.filter((f) => f.severity === 'error');
  const head = plan.refused
    ? banner('bad', 'Refused: this flash would harm the phone', ...errs.map((f) => f.message),
      plan.remedy ? 'What changes the decision: ' + plan.remedy : 'No option changes it.')
    : banner('good', 'Pre-flight passed', plan.steps.filter((s) => s.kind === 'write').length + ' partitions to write, ' + human(plan.total_bytes) + ' in ' + plan.mode + ' mode.');
  const act = plan.refused ? remedyAction(plan) : null;
  show(box, head, act ? el('div', { class: 'actions' }, act) : null, el('h2', {}, 'Pre-flight'), arrayTable(plan.findings.map((f) => ({ severity: f.severity, code: f.code, partition: f.partition, message: f.message }))));
}

function renderPlanTable() {
  const tbody = el('tbody', {});
  for (const [name, r] of flash.rows) {
    const id = 'cb-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
    const cb = el('input', { type: 'checkbox', id, checked: !flash.skip.has(name), 'data-part': name });
    cb.addEventListener('change', () => {
      if (cb.checked) flash.skip.delete(name); else flash.skip.add(name);
      flash.stale = true;
      $('flash-run').disabled = true;
      $('flash-run').title = 'check again with the phone first';
      log('partition choice changed: run the pre-flight again before flashing');
    });
    tbody.append(el('tr', {}, el('td', {}, cb), el('td', {}, el('label', { for: id }, name)),
      el('td', {}, r.area), el('td', { class: 'num' }, r.offset === undefined ? '—' : '0x' + r.offset.toString(16)),
      el('td', { class: 'num' }, human(r.payload)), el('td', {}, r.erase ? 'erase, write' : 'write'),
      el('td', { class: 'mono' }, r.file ? r.file.replace(/^.*\//, '') : '—')));
  }
  $('flash-table').replaceChildren(el('h2', {}, 'Partitions'), el('div', { class: 'table' }, el('table', {},
    el('thead', {}, el('tr', {}, ['write', 'name', 'area', 'offset', 'size', 'action', 'file'].map((h) => el('th', { scope: 'col' }, h)))), tbody)));
}

function onPlan(plan, exit) {
  flash.plan = plan;
  renderVerdict(plan);
  if (onlyErrorObject(plan)) return;
  const erased = new Set(plan.steps.filter((s) => s.kind === 'erase').map((s) => s.name));
  for (const s of plan.steps) {
    if (s.kind !== 'write') continue;
    flash.rows.set(s.name, { area: s.area, offset: s.offset, payload: s.payload, file: s.file, erase: erased.has(s.name) });
  }
  renderPlanTable();
  flash.stale = false;
  $('flash-run').disabled = !!plan.refused;
  $('flash-run').title = plan.refused ? 'the pre-flight refused this flash' : '';
}

function flashBody(dry) {
  const body = Object.assign(session(), { subject: val('flash-pkg'), mode: $('flash-mode').value });
  if (flash.skip.size) body.skip = [...flash.skip];
  if (dry) body.dry_run = true;
  return body;
}

function planFlash() {
  if (!val('flash-pkg')) { $('flash-verdict').replaceChildren(banner('warn', 'Which package?', 'Choose a package folder or scatter first.')); return; }
  $('flash-run').disabled = true;
  $('flash-result').replaceChildren();
  $('flash-verdict').replaceChildren(el('p', { class: 'hint' }, 'Checking the package against the phone…'));
  startJob('device/flash', flashBody(true), $('flash-job'), 'pre-flight', onPlan);
}

function runFlash(resume) {
  const plan = flash.plan;
  if (!plan || plan.refused || (flash.stale && !resume)) return;
  const bytes = plan.steps.filter((s) => s.kind === 'write').reduce((a, s) => a + s.payload, 0);
  const body = flashBody(false);
  if (resume === true) body.resume = true;
  $('flash-run').disabled = true;
  startJob('device/flash', body, $('flash-job'), resume === true ? 'flash (resumed)' : 'flash', (j, exit) => {
    const res = $('flash-result');
    if (onlyErrorObject(j)) { res.replaceChildren(errorBanner(j)); return; }
    const ok = j.result === 'flashed';
    show(res,
      ok ? banner('good', 'Flashed and verified', 'Every partition was read back and compared (SHA-256).')
        : j.result === 'refused' ? banner('bad', 'Refused', j.remedy ? 'What changes the decision: ' + j.remedy : '')
          : banner('bad', 'The flash did not finish (' + (j.result || 'failed') + ')', (j.error && j.error.message) || '',
            'Its journal remembers what was written: resume it to finish.'),
      ok || j.result === 'refused' ? null : el('div', { class: 'actions' },
        el('button', { id: 'flash-resume', type: 'button', onclick: () => runFlash(true) }, 'Resume the flash')),
      identityBanner(j), renderAny(j, 'Report'));
  }, bytes);
}

function flashPage() {
  $('flash-check').onclick = async () => {
    if (!val('flash-pkg')) return;
    const r = await api('GET', 'check?' + query({ path: val('flash-pkg') }));
    $('flash-check-out').replaceChildren(renderFindings(r.json, 'check'));
  };
  $('flash-plan').onclick = planFlash;
  $('flash-run').onclick = () => runFlash(false);
  $('flash-mode').onchange = () => { flash.stale = true; $('flash-run').disabled = true; };
  $('flash-pkg').addEventListener('change', () => { flash.rows.clear(); flash.skip.clear(); flash.stale = true; $('flash-run').disabled = true; });
}

// ---- Library, Port, Package ------------------------------------------------------------------

// A match: the candidates best first, each with its verdict, reasons and the risks compat
// found, and a way to take it to the Flash page.
// A button that takes a library package to the Flash page (an archive's member: the archive).
function useOnFlash(path) {
  return el('button', { type: 'button', onclick: () => {
    $('flash-pkg').value = path.replace(/!.*$/, '');
    $('flash-pkg').dispatchEvent(new Event('change'));
    location.hash = '#flash';
  } }, 'Use on the Flash page');
}

// list, search: the packages as a table, each with its way to the Flash page.
function renderPackages(j, title) {
  if (!j || !Array.isArray(j.packages)) return renderAny(j, title);
  const rows = j.packages.map((p) => el('tr', {},
    el('td', { class: 'num' }, p.id), el('td', {}, p.path),
    el('td', {}, [p.platform, p.project].filter((x) => x).join(' ')), el('td', { class: 'word' }, p.kind),
    el('td', {}, p.error ? el('span', { class: 'bad' }, p.state + ': ' + p.error) : p.state),
    el('td', {}, (p.labels || []).join(', ')),
    el('td', {}, p.state === 'ok' && p.kind === 'package' ? useOnFlash(p.path) : null)));
  return el('div', {}, el('h2', {}, title),
    el('p', { class: 'hint' }, j.packages.length + ' package' + (j.packages.length === 1 ? '' : 's')),
    j.packages.length ? el('div', { class: 'table' }, el('table', {},
      el('thead', {}, el('tr', {}, ['id', 'path', 'board', 'kind', 'state', 'labels', ''].map((k) => el('th', { scope: 'col' }, k)))),
      el('tbody', {}, rows))) : null,
    rawJSON(j));
}

function renderCandidates(j) {
  if (!j || !Array.isArray(j.candidates)) return renderAny(j, 'Candidates');
  const box = el('div', {}, el('h2', {}, 'Candidates'),
    el('p', { class: 'hint' }, j.candidates.length + ' of ' + (j.judged ?? '?') + ' packages judged (' + (j.library ?? '?') + ' in the library)'));
  for (const c of j.candidates) {
    const kind = c.verdict === 'safe' ? 'good' : c.verdict === 'unsafe' ? 'bad' : 'warn';
    box.append(el('div', { class: 'banner ' + kind },
      el('strong', {}, '#' + c.rank + '  ' + c.path),
      el('div', {}, 'verdict ' + c.verdict + ', score ' + c.score + (c.keep_preloader ? ', keep the phone\'s preloader' : '') +
        (c.successes || c.failures ? ', reports: ' + c.successes + ' booted, ' + c.failures + ' failed' : '')),
      ...(c.gates_failed || []).map((g) => el('div', {}, '✗ ' + g)),
      ...(c.reasons || []).map((r) => el('div', {}, '• ' + r)),
      el('div', { class: 'actions' }, useOnFlash(c.path)),
      candidateNotes(c, j.target || {})));
  }
  box.append(rawJSON(j));
  return box;
}

// What the bench learns about a candidate goes back into the library: a label read off the
// board (library label) and what the package did to a phone (library report), the phone as
// matched (its readback or backup, its eMMC CID). The answer is the package as it now stands.
function candidateNotes(c, target) {
  const id = 'cand-' + c.id;
  const out = el('div', { id: id + '-out', 'aria-live': 'polite' });
  const field = (label, input) => el('label', {}, label, input);
  const text = el('input', { id: id + '-label', autocomplete: 'off', placeholder: 'e.g. ZH-A516-MB-V1.0' });
  const phone = el('input', { id: id + '-phone', autocomplete: 'off', placeholder: 'a readback or backup of the phone' });
  phone.value = val('lib-target');
  const cid = el('input', { id: id + '-cid', autocomplete: 'off', placeholder: '32 hex digits (optional)' });
  cid.value = target.cid || '';
  const result = el('select', { id: id + '-result' },
    ...['booted', 'display-dead', 'no-radio', 'bootloop', 'dead'].map((r) => el('option', { value: r }, r)));
  const note = el('input', { id: id + '-note', autocomplete: 'off', placeholder: 'what happened (optional)' });
  const send = async (path, body) => {
    const r = await api('POST', path, body);
    if (r.status !== 200) { out.replaceChildren(errorBanner(r.json)); return; }
    const p = r.json;
    const last = (p.outcomes || []).slice(-1)[0];
    out.replaceChildren(banner('good', path === 'library/label' ? 'Label recorded' : 'Outcome recorded',
      'labels: ' + ((p.labels || []).join(', ') || 'none'),
      (p.outcomes || []).length + ' outcome' + ((p.outcomes || []).length === 1 ? '' : 's') +
        (last ? ', the last: ' + last.result + (last.phone_cid ? ' on eMMC ' + last.phone_cid : '') : '')));
  };
  return el('details', { class: 'notes' }, el('summary', {}, 'Label, or report what it did to a phone'),
    el('div', { class: 'row' }, field('Board label', text),
      el('button', { type: 'button', id: id + '-label-add', onclick: () => val(id + '-label') && send('library/label', { id: c.id, text: val(id + '-label') }) }, 'Add label')),
    el('div', { class: 'row' }, field('Result', result), field('Phone', phone), field('eMMC CID', cid), field('Note', note),
      el('button', { type: 'button', id: id + '-report', onclick: () => {
        const body = { id: c.id, phone: val(id + '-phone'), result: result.value };
        if (val(id + '-cid')) body.cid = val(id + '-cid');
        if (val(id + '-note')) body.note = val(id + '-note');
        send('library/report', body);
      } }, 'Record the outcome')),
    out);
}

// compat: the verdict first, in the colour of its worst risk, then the risks row by row.
function renderCompat(j) {
  if (onlyErrorObject(j) || !Array.isArray(j.risks)) return renderAny(j, 'Compat');
  const kind = j.verdict === 'safe' ? 'good' : j.verdict === 'unsafe' ? 'bad' : 'warn';
  return el('div', {},
    banner(kind, 'compat: ' + j.verdict, j.firmware + ' on ' + j.target),
    renderAny(j, 'Compat'));
}

// explain: each meaning of a code as a card (what it is, why, what it means, what to do); a
// log's errors each with its line, then its meaning.
function explainCard(m, head) {
  const kind = m.severity === 'error' ? 'bad' : m.severity === 'warning' ? 'warn' : 'good';
  const part = (name, text) => text ? el('div', {}, el('b', {}, name + ': '), text) : null;
  return el('div', { class: 'banner ' + kind },
    head ? el('div', { class: 'hint' }, head) : null,
    el('strong', {}, m.symbol + ' (' + m.code_text + ')'),
    el('div', { class: 'hint' }, m.tool),
    el('div', {}, m.text), part('Cause', m.cause), part('What it means', m.meaning), part('Fix', m.fix));
}

function renderExplain(j) {
  if (onlyErrorObject(j)) return el('div', {}, errorBanner(j));
  const box = el('div', {}, el('h2', {}, 'Explain'));
  if (Array.isArray(j.matches)) {
    if (!j.matches.length) box.append(el('p', { class: 'hint' }, 'nothing known matches ' + j.query));
    for (const m of j.matches) box.append(explainCard(m));
  } else if (Array.isArray(j.errors)) {
    box.append(el('p', { class: 'hint' }, j.errors.length + ' known error' + (j.errors.length === 1 ? '' : 's') +
      ' in ' + j.lines + ' lines' + (j.truncated ? ' (the log was cut: only its start was read)' : '')));
    for (const e of j.errors) {
      box.append(explainCard(e.match, 'line ' + e.line + (e.count > 1 ? ' (and ' + (e.count - 1) + ' more)' : '') + ': ' + e.text));
    }
  } else {
    return renderAny(j, 'Explain');
  }
  box.append(rawJSON(j));
  return box;
}

function libraryPage() {
  const out = $('lib-out');
  $('lib-search-form').onsubmit = async (e) => {
    e.preventDefault();
    if (!val('lib-q')) return;
    const r = await api('GET', 'library/search?' + query({ q: val('lib-q') }));
    out.replaceChildren(renderPackages(r.json, 'Search'));
  };
  $('lib-match').onclick = async () => {
    if (!val('lib-target')) return;
    const r = await api('GET', 'library/match?' + query({ target: val('lib-target') }));
    out.replaceChildren(renderCandidates(r.json));
  };
  $('lib-match-phone').onclick = () => startJob('library/match', session(), $('lib-job'), 'match the phone',
    (j) => out.replaceChildren(renderCandidates(j)));
  $('lib-add').onclick = () => startJob('library/add', { subject: val('lib-add-dir') }, $('lib-job'), 'library add',
    (j) => out.replaceChildren(renderAny(j, 'Added')));
}

// A port's plan: where each partition, system path and the boot image come from and why; after
// a build, its proof (check and compat of the new package against the phone) row by row.
const srcCell = (v) => el('td', {}, el('span', { class: 'src src-' + v }, v));

function portRows(arr, first) {
  return el('div', { class: 'table' }, el('table', {},
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, first), el('th', { scope: 'col' }, 'from'),
      first === 'partition' ? el('th', { scope: 'col' }, 'file') : null, el('th', { scope: 'col' }, 'why'))),
    el('tbody', {}, arr.map((r) => el('tr', {}, el('td', { class: 'mono' + (r.partition ? ' word' : '') }, r.partition || r.path),
      srcCell(r.source), first === 'partition' ? el('td', { class: 'mono' }, scalar(r.file)) : null, el('td', {}, r.reason))))));
}

function renderPort(j, exit) {
  if (onlyErrorObject(j) || !Array.isArray(j.parts)) {
    const box = el('div', {}, errorBanner(j));
    const m = (j && j.error && j.error.message) || '';
    if (exit === 3) box.prepend(banner('bad', 'Refused: nothing was written', m.includes('--force')
      ? 'What changes the decision: tick "Replace the new package\'s folder" (--force) under "What to take from the phone", or choose a new folder.' : ''));
    return box;
  }
  const box = el('div', {});
  const pr = j.proof;
  if (pr) {
    box.append(pr.ok
      ? banner('good', 'Port proven', 'check found no error; compat of ' + j.out + ' with the phone: ' + pr.compat.verdict + '.', 'The package flashes in download mode, with no Format All.')
      : banner('bad', 'Built, NOT proven: do not flash it unmodified', 'rows not ok: ' + (pr.failed.join(', ') || 'none') + (pr.check.ok ? '' : '; check found errors'), 'The package is kept at ' + j.out + ' for a look.'));
  } else {
    box.append(banner('good', 'Plan made: nothing written', 'Build writes it to the new package folder.'));
  }
  const b = j.boot || {};
  box.append(el('div', {}, el('h2', {}, 'Plan'), el('div', { class: 'facts' },
    fact('base', j.base), fact('phone', j.phone), fact('layout', j.layout), fact('scatter', j.scatter),
    fact('boot image', b.source + ' (kernel: ' + b.kernel + ', ramdisk: ' + b.ramdisk + ')'),
    fact('Android', (b.phone_android || '?') + ' on the phone, ' + (b.base_android || '?') + ' in the base'),
    b.board ? fact('board', b.board) : null),
  b.board_files && b.board_files.length ? el('p', {}, 'The phone\'s board files in the ramdisk: ' + b.board_files.join(', ')) : null,
  b.dropped && b.dropped.length ? el('p', {}, 'Left out of the ramdisk: ' + b.dropped.join(', ')) : null,
  el('h3', {}, 'Partitions'), portRows(j.parts, 'partition'),
  el('h3', {}, 'System'), portRows(j.system || [], 'path')));
  if (pr) {
    box.append(el('h2', {}, 'Proof'), el('h3', {}, 'check'), arrayTable(pr.check.findings || [], 'no findings'),
      el('h3', {}, 'compat: ' + pr.compat.verdict), arrayTable(pr.compat.risks || [], 'no risks'));
  }
  box.append(rawJSON(j));
  return box;
}

function portPage() {
  const entries = (id) => val(id) ? val(id).split(',').map((x) => x.trim()).filter((x) => x) : undefined;
  const body = (dry) => {
    const b = { subject: val('port-base'), phone: val('port-phone'), keep: entries('port-keep'), take: entries('port-take') };
    if (val('port-list')) b.list = val('port-list');
    if (dry) b.dry_run = true;
    else { b.out = val('port-out'); b.force = $('port-force').checked; }
    return b;
  };
  let built = null; // the folder of the last proven package, as the job wrote it
  const run = (dry) => {
    $('port-flash').hidden = true;
    built = null;
    startJob('port', body(dry), $('port-job'), dry ? 'port plan' : 'port build', (j, exit) => {
      $('port-out-view').replaceChildren(renderPort(j, exit));
      // A proven package goes to the Flash page, where its own pre-flight runs on the phone.
      built = j && j.proof && j.proof.ok ? j.out : null;
      $('port-flash').hidden = !built;
    });
  };
  $('port-plan').onclick = () => run(true);
  $('port-build').onclick = () => run(false);
  $('port-flash').onclick = () => {
    if (!built) return;
    $('flash-pkg').value = built;
    $('flash-pkg').dispatchEvent(new Event('change'));
    location.hash = '#flash';
  };
}

function packagePage() {
  const out = $('pkg-out');
  const show = async (path, title, render) => {
    const r = await api('GET', path);
    out.replaceChildren(render ? render(r.json) : renderAny(r.json, title));
    log(title + ': exit ' + r.exit);
  };
  // A logo's images as pictures under its info.
  const pictures = async (path) => {
    const r = await api('GET', 'logo?' + query({ path }));
    if (r.status !== 200) { out.append(errorBanner(r.json)); return; }
    const box = el('div', { class: 'logos' }, el('h3', {}, 'Pictures' + (r.json.truncated ? ' (the first ' + r.json.images.length + ')' : '')));
    for (const i of r.json.images) {
      box.append(el('img', { class: 'logo', src: i.png, alt: 'image ' + i.index + ', ' + i.width + '×' + i.height, title: i.index + ': ' + i.width + '×' + i.height }));
    }
    out.append(box);
  };
  $('pkg-info').onclick = () => val('pkg-path') && show('info?' + query({ path: val('pkg-path') }), 'Info', (j) => {
    const box = renderAny(j, 'Info');
    if (j.type === 'logo') setTimeout(() => pictures(val('pkg-path')), 0);
    return box;
  });
  $('pkg-profile').onclick = () => val('pkg-path') && show('profile?' + query({ path: val('pkg-path') }), 'Profile');
  $('pkg-check').onclick = () => val('pkg-path') && show('check?' + query({ path: val('pkg-path') }), 'Check', (j) => renderFindings(j, 'check'));
  $('pkg-compat').onclick = () => val('pkg-path') && val('pkg-target') &&
    show('compat?' + query({ firmware: val('pkg-path'), target: val('pkg-target') }), 'Compat', renderCompat);
  $('explain-form').onsubmit = (e) => { e.preventDefault(); if (val('explain-code')) show('explain?' + query({ code: val('explain-code') }), 'Explain', renderExplain); };
  const explainText = async (text) => {
    const r = await api('POST', 'explain', text);
    out.replaceChildren(renderExplain(r.json));
    log('Explain the log: exit ' + r.exit);
  };
  $('explain-paste').onclick = () => $('explain-log').value.trim() && explainText($('explain-log').value);
  $('explain-file').onchange = (e) => {
    const f = e.target.files[0];
    if (f) f.text().then(explainText);
  };
}

// ---- start ----------------------------------------------------------------------------------

function init() {
  for (const id of SESSION) {
    const saved = localStorage.getItem('mtkfw.' + id);
    if (saved) $(id).value = saved;
    $(id).addEventListener('change', () => localStorage.setItem('mtkfw.' + id, $(id).value));
  }
  for (const b of document.querySelectorAll('button[data-browse]')) b.addEventListener('click', () => pickerOpen(b));
  $('picker-cancel').onclick = () => $('picker').close();
  $('picker-here').onclick = () => picker.dir && pickerChoose(picker.dir);
  phonePages();
  flashPage();
  libraryPage();
  portPage();
  packagePage();
  window.addEventListener('hashchange', showPage);
  showPage();
  listen();
  document.body.dataset.ready = '1';
}

init();
