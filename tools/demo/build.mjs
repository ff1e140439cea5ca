#!/usr/bin/env node
// `pnpm demo` builds first: `turbo run build`, which takes a couple of minutes on a fresh clone.
// Instead of its full logs (or nothing at all), one line per package as it is built, a line every
// 15 s while nothing finishes, and the full log of a package whose build failed.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { pathToFileURL } from 'node:url';

const HEARTBEAT_MS = 15_000;
// One build per core: builds are CPU-bound, so more at once only delays the first to finish.
const CONCURRENCY = Math.max(2, os.availableParallelism?.() ?? os.cpus().length);
const write = (line) => process.stdout.write(`${line}\n`);
const seconds = (ms) => `${Math.round(ms / 1000)} s`;

/** How many build tasks turbo will run (0 if it cannot say). */
function countBuilds() {
  const dry = spawnSync('turbo', ['run', 'build', '--dry=json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (dry.status !== 0) return 0;
  return JSON.parse(dry.stdout).tasks.filter((t) => t.task === 'build' && t.command !== '<NONEXISTENT>').length;
}

/**
 * Follows turbo's grouped output (a task's lines arrive together when it ends): calls
 * `onTask({ name, lines })` for each finished task. Lines without a task prefix are turbo's own.
 */
export function createGroupReader(onTask) {
  let current;
  let pending = '';
  const finish = () => {
    if (current) onTask(current);
    current = undefined;
  };
  const line = (text) => {
    const match = /^(\S+?):build:(?: (.*))?$/.exec(text);
    if (!match) return;
    if (current?.name !== match[1]) {
      finish();
      current = { name: match[1], lines: [] };
    }
    current.lines.push(match[2] ?? '');
  };
  return {
    write(chunk) {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(line);
    },
    end() {
      if (pending) line(pending);
      pending = '';
      finish();
    },
  };
}

async function build() {
  const total = countBuilds();
  const started = Date.now();
  write(`Building ${total ? `${total} packages` : 'the packages'} first (turbo run build): about two minutes on a fresh clone, seconds once built.`);
  const failed = new Set();
  const logs = new Map();
  let done = 0;
  let cached = 0;
  let lastNews = Date.now();
  const reader = createGroupReader(({ name, lines }) => {
    done += 1;
    lastNews = Date.now();
    logs.set(name, lines);
    const hit = lines.some((l) => l.startsWith('cache hit'));
    if (hit) cached += 1;
    const status = failed.has(name) ? 'FAILED' : 'built';
    write(`  ${status} ${name} (${done}${total ? ` of ${total}` : ''}${hit ? ', from cache' : ''}, ${seconds(Date.now() - started)})`);
  });
  const heartbeat = setInterval(() => {
    if (Date.now() - lastNews >= HEARTBEAT_MS) {
      write(`  still building (${done}${total ? ` of ${total}` : ''} done, ${seconds(Date.now() - started)})...`);
      lastNews = Date.now();
    }
  }, 1000);
  const child = spawn('turbo', ['run', 'build', '--output-logs=full', '--log-order=grouped', '--log-prefix=task', `--concurrency=${CONCURRENCY}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
  });
  let stderr = '';
  child.stdout.on('data', (chunk) => reader.write(chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk.toString();
    for (const [, name] of stderr.matchAll(/^(\S+?)#build:\s+(?:WARNING|ERROR)\s+command/gm)) failed.add(name);
  });
  const code = await new Promise((resolve) => {
    child.on('error', (error) => {
      write(`turbo: ${error.message}`);
      resolve(1);
    });
    child.on('close', (status) => resolve(status ?? 1));
  });
  clearInterval(heartbeat);
  reader.end();
  if (code === 0) {
    write(`Built ${done} packages in ${seconds(Date.now() - started)}${cached ? ` (${cached} from cache)` : ''}.\n`);
    return 0;
  }
  for (const name of failed) {
    write(`\n${name}: the build failed:`);
    for (const line of logs.get(name) ?? []) write(`  ${line}`);
  }
  process.stderr.write(stderr.replace(/^.*No locally installed `turbo`.*\n/m, ''));
  write(`\nThe build failed${failed.size ? ` (${[...failed].join(', ')})` : ''}: the demo needs every package built.`);
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await build();
