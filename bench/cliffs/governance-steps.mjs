// node bench/cliffs/governance-steps.mjs ROOT RUN_DIR OUT (after npm run build): bt governance's steps one by one, with rss / heap /
// arrayBuffers after each (no forced gc; the notifications file goes to OUT.jsonl): where its peak comes from (bench/RESULTS.md, scale).
const [root, dir, outDir] = process.argv.slice(2);
const { readGovernanceInput } = await import(root + '/dist/engine/io/read-governance-input.js');
const { governanceStatesAt, decisionTimes } = await import(root + '/dist/engine/governance/governance-state.js');
const { governanceFiles } = await import(root + '/dist/engine/governance/governance-files.js');
const { buildNotifications, notificationsJsonl } = await import(root + '/dist/engine/governance/notifications.js');
const { writeFilesUnder } = await import(root + '/dist/engine/io/write-files-under.js');
const fs = await import('node:fs');
const mb = (x) => Math.round(x / 1048576);
let peak = 0;
const show = (label) => { const a = process.memoryUsage(); peak = Math.max(peak, a.rss); console.log(label.padEnd(14), `rss ${mb(a.rss)} heap ${mb(a.heapUsed)}/${mb(a.heapTotal)} ab ${mb(a.arrayBuffers)}`); };
show('start');
const { input } = await readGovernanceInput(dir, { bases: [] });
show('input');
const [now] = governanceStatesAt(input, [input.endMs]);
show('states');
const files = governanceFiles(input, now, Number.NEGATIVE_INFINITY);
show('files');
const ns = buildNotifications(input);
show('notifications');
const text = notificationsJsonl(ns);
show('jsonl');
fs.writeFileSync(outDir + '.jsonl', text);
show('written');
