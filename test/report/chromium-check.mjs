#!/usr/bin/env node
// Opens bt report HTML files in headless Chromium (Debian's chromium package) and fails unless
// every page loads with no console errors, no uncaught exceptions, no network request (only
// file:/data:/about: URLs), and every chart rendered an SVG or canvas of non-zero size.
// Talks the DevTools protocol over --remote-debugging-pipe (fd 3 in, fd 4 out): no npm deps.
// Usage: node test/report/chromium-check.mjs [--if-present] REPORT.html...   (exit 0 ok, 1 failed, 2 usage/no chromium)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const ifPresent = args.includes('--if-present');
const files = args.filter((a) => a !== '--if-present');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = 30_000;

if (files.length === 0) {
  process.stderr.write('usage: node test/report/chromium-check.mjs [--if-present] REPORT.html...\n');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  process.stderr.write(`chromium-check: ${CHROMIUM} not found${ifPresent ? '; skipped' : ''}\n`);
  process.exit(ifPresent ? 0 : 2);
}

/** A minimal CDP client over the pipe: send(method, params, sessionId) → result; on(event, fn). */
function cdpClient(child) {
  const out = child.stdio[3];
  const inp = child.stdio[4];
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  let buf = Buffer.alloc(0);
  inp.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    let end;
    while ((end = buf.indexOf(0)) >= 0) {
      const msg = JSON.parse(buf.subarray(0, end).toString('utf8'));
      buf = buf.subarray(end + 1);
      if (msg.id !== undefined && pending.has(msg.id)) {
        const { ok, fail } = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) fail(new Error(`${msg.error.message} (${msg.error.code})`));
        else ok(msg.result);
      } else if (msg.method) {
        for (const l of listeners) l(msg);
      }
    }
  });
  return {
    send(method, params = {}, sessionId) {
      const id = nextId++;
      const msg = { id, method, params, ...(sessionId ? { sessionId } : {}) };
      out.write(`${JSON.stringify(msg)}\0`);
      return new Promise((ok, fail) => pending.set(id, { ok, fail }));
    },
    on(fn) {
      listeners.push(fn);
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function checkPage(cdp, file) {
  const problems = [];
  const url = pathToFileURL(resolve(file)).href;
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  cdp.on((m) => {
    if (m.sessionId !== sessionId) return;
    if (m.method === 'Runtime.consoleAPICalled' && (m.params.type === 'error' || m.params.type === 'assert')) {
      problems.push(`console.${m.params.type}: ${m.params.args.map((a) => a.value ?? a.description ?? '').join(' ')}`);
    } else if (m.method === 'Runtime.exceptionThrown') {
      const d = m.params.exceptionDetails;
      problems.push(`uncaught exception: ${d.exception?.description ?? d.text}`);
    } else if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error') {
      problems.push(`log error: ${m.params.entry.text} ${m.params.entry.url ?? ''}`.trim());
    } else if (m.method === 'Network.requestWillBeSent' && !/^(file|data|about|blob):/.test(m.params.request.url)) {
      problems.push(`network request: ${m.params.request.url}`);
    }
  });
  for (const d of ['Runtime.enable', 'Log.enable', 'Page.enable', 'Network.enable']) await cdp.send(d, {}, sessionId);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
  await cdp.send('Page.navigate', { url }, sessionId);
  const deadline = Date.now() + TIMEOUT_MS;
  let state = null;
  const probe = `(() => {
    const charts = [...document.querySelectorAll('.vega-chart')];
    return JSON.stringify({ ready: document.readyState, charts: charts.map((el) => {
      const g = el.querySelector('svg, canvas');
      const r = g ? g.getBoundingClientRect() : { width: 0, height: 0 };
      return { id: el.id, rendered: el.getAttribute('data-rendered'), kind: g ? g.tagName.toLowerCase() : null, width: r.width, height: r.height };
    }) });
  })()`;
  while (Date.now() < deadline) {
    const r = await cdp.send('Runtime.evaluate', { expression: probe, returnByValue: true }, sessionId);
    state = JSON.parse(r.result.value);
    if (state.ready === 'complete' && state.charts.length > 0 && state.charts.every((c) => c.rendered !== null)) break;
    if (state.ready === 'complete' && problems.length > 0) break; // an error already fails the page
    await sleep(100);
  }
  await sleep(200); // late console errors
  if (state === null || state.charts.length === 0) problems.push('no .vega-chart element on the page');
  for (const c of state?.charts ?? []) {
    if (c.rendered !== 'true') problems.push(`${c.id}: not rendered (${c.rendered ?? 'timed out'})`);
    else if (c.kind === null || !(c.width > 0 && c.height > 0)) problems.push(`${c.id}: ${c.kind ?? 'no svg/canvas'} of size ${c.width}x${c.height}`);
  }
  await cdp.send('Target.closeTarget', { targetId });
  return { charts: state?.charts ?? [], problems };
}

const profile = mkdtempSync(join(tmpdir(), 'bt-chromium-'));
const child = spawn(
  CHROMIUM,
  ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'],
  { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
);
let stderr = '';
child.stderr.on('data', (d) => (stderr += d));
let failed = false;
try {
  const cdp = cdpClient(child);
  for (const f of files) {
    if (!existsSync(f)) {
      process.stdout.write(`FAIL ${f}: no such file\n`);
      failed = true;
      continue;
    }
    const { charts, problems } = await checkPage(cdp, f);
    const sizes = charts.map((c) => `${c.id.replace(/^chart-/, '')} ${Math.round(c.width)}x${Math.round(c.height)}`).join(', ');
    if (problems.length > 0) {
      failed = true;
      process.stdout.write(`FAIL ${f}\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    } else process.stdout.write(`ok   ${f}: ${charts.length} charts rendered (${sizes})\n`);
  }
  await cdp.send('Browser.close').catch(() => undefined);
} catch (err) {
  failed = true;
  process.stdout.write(`FAIL chromium: ${err instanceof Error ? err.message : String(err)}\n${stderr.slice(-2000)}\n`);
} finally {
  const exited = new Promise((r) => child.once('exit', r));
  if (child.exitCode === null) await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null) {
    child.kill();
    await Promise.race([exited, sleep(2000)]);
  }
  rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
process.exit(failed ? 1 : 0);
