#!/usr/bin/env node
// pnpm bench [--quick] [--only a,b] [--no-install]: measures every connector against a bare MCP
// server and writes the table to stdout, docs/benchmarks.md and docs/benchmarks.json. Ends with one
// line: budgets held or not (checked by the bench's tests), targets met (reported only).
// --render <results.json>: measures nothing, renders the report of saved results again (after a
// change to the report's layout: `node tools/bench/run.mjs --render docs/benchmarks.json`).
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureCompactness, measureConcurrency, measureFirstCall, measureOverhead } from './src/calls.mjs';
import { measureWrites } from './src/writes.mjs';
import { measureStartup } from './src/cold-start.mjs';
import { contextCost, contextOfBin } from './src/context.mjs';
import { measureInstall } from './src/install.mjs';
import { renderReport, summaryLine } from './src/report.mjs';
import { baselineBin, findConnectors, loadConnector, loadFixture, root } from './src/targets.mjs';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    only: { type: 'string' },
    'no-install': { type: 'boolean' },
    'no-write': { type: 'boolean' },
    render: { type: 'string' },
  },
  strict: true,
});
const notes = readFileSync(new URL('./notes.md', import.meta.url), 'utf8');
const log = (line) => process.stderr.write(`${line}\n`);

if (values.render) {
  const results = JSON.parse(readFileSync(resolve(values.render), 'utf8'));
  const report = renderReport(results, [], notes);
  if (values['no-write']) process.stdout.write(report);
  else {
    writeFileSync(join(root, 'docs', 'benchmarks.md'), report);
    log(`bench: rendered docs/benchmarks.md from ${values.render}`);
  }
  process.stdout.write(`\n${summaryLine(results.connectors)}\n`);
  process.exit(0);
}

const quick = values.quick ?? false;
const runs = quick ? 5 : 11;
const iterations = quick ? 300 : 2000;
const concurrentCalls = 200;

const targets = findConnectors(values.only?.split(','));
if (targets.length === 0) throw new Error('No built connector found: run the build first.');
log(`bench: ${targets.map((t) => t.id).join(', ')} against the baseline, ${runs} runs each${quick ? ' (quick)' : ''}`);

const startup = await measureStartup([{ id: 'baseline', bin: baselineBin }, ...targets], runs);
const baseline = { ...startup.get('baseline'), context: await contextOfBin(baselineBin) };
const connectors = [];
for (const target of targets) {
  const connector = await loadConnector(target);
  const fixture = await loadFixture(target);
  const s = startup.get(target.id);
  const entry = {
    id: target.id,
    name: target.name,
    coldStartMs: s.coldStartMs,
    coldStartRatio: s.coldStartMs / baseline.coldStartMs,
    rssMb: s.rssMb,
    rssRatio: s.rssMb / baseline.rssMb,
    context: contextCost(connector),
    readOnly: contextCost(connector, { readOnly: true }),
  };
  if (!values['no-install']) {
    log(`bench: installing ${target.name} from packed tarballs`);
    entry.install = await measureInstall(target);
  }
  if (fixture) {
    entry.compactness = await measureCompactness(connector, fixture);
    entry.overhead = await measureOverhead(connector, fixture, iterations);
    entry.concurrency = await measureConcurrency(target, connector, fixture, concurrentCalls);
    entry.firstCall = await measureFirstCall(target, connector, fixture);
  }
  connectors.push(entry);
}

log('bench: writes against reads under load');
const writes = await measureWrites(quick ? 300 : 1000);

const results = {
  mode: quick ? 'quick' : 'full',
  node: process.version,
  cores: os.cpus().length,
  platform: `${os.platform()} ${os.arch()}`,
  baseline,
  connectors,
  writes,
};
const report = renderReport(results, targets, notes);
process.stdout.write(report);
if (!values['no-write']) {
  writeFileSync(join(root, 'docs', 'benchmarks.md'), report);
  writeFileSync(join(root, 'docs', 'benchmarks.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('bench: wrote docs/benchmarks.md and docs/benchmarks.json');
}
process.stdout.write(`\n${summaryLine(connectors)}\n`);
