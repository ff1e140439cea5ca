#!/usr/bin/env node
// `pnpm demo [connector-id]`: runs a connector's built bin over MCP stdio against a fake vendor
// API described by `<package>/demo/scenario.json`, and prints what happened at each step.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fillTemplate, startFakeVendor } from './fake-vendor.mjs';
import { checkOutcome, DemoError, loadScenario, unfilled } from './scenario.mjs';
import { openSession } from './session.mjs';
import { createTranscript, describeEnv, describeRequest, redact } from './transcript.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCENARIO = join('demo', 'scenario.json');

/** Connectors that ship a scenario: `starter` (the template) and every packages/<id>. */
export function listDemos(root = ROOT) {
  const demos = [];
  if (existsSync(join(root, 'templates/connector', SCENARIO))) demos.push({ id: 'starter', dir: join(root, 'templates/connector') });
  const packages = join(root, 'packages');
  for (const name of existsSync(packages) ? readdirSync(packages).sort() : []) {
    if (existsSync(join(packages, name, SCENARIO))) demos.push({ id: name, dir: join(packages, name) });
  }
  return demos;
}

/** The package directory, scenario and built bin for a connector id. */
export function resolveDemo(id, root = ROOT) {
  const demos = listDemos(root);
  const available = demos.map((d) => d.id).join(', ') || 'none';
  const dir = id === 'starter' ? join(root, 'templates/connector') : join(root, 'packages', id);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || !existsSync(join(dir, 'package.json'))) {
    throw new DemoError(`No connector "${id}". Available demos: ${available}.`);
  }
  if (!existsSync(join(dir, SCENARIO))) {
    throw new DemoError(`${relative(root, dir)} has no ${SCENARIO}; copy templates/connector/${SCENARIO} and adapt it. Available demos: ${available}.`);
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const binEntry = typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin ?? {})[0];
  if (!binEntry) throw new DemoError(`${pkg.name} declares no bin in its package.json.`);
  const bin = join(dir, binEntry);
  if (!existsSync(bin)) throw new DemoError(`${relative(root, bin)} is missing; build first (pnpm demo builds everything).`);
  return { id, dir, pkg, bin, scenarioPath: join(dir, SCENARIO) };
}

/** Names of the connector's secret variables, read from its built definition. */
async function secretNames(demo, env) {
  try {
    const entry = demo.pkg.exports?.['.']?.default ?? demo.pkg.main;
    const mod = await import(pathToFileURL(join(demo.dir, entry)).href);
    const config = (mod.connector ?? mod.default)?.config;
    if (config) return Object.keys(config).filter((name) => config[name].secret);
  } catch {
    // Fall back to names that look secret.
  }
  return Object.keys(env).filter((name) => /TOKEN|SECRET|PASSWORD|KEY/i.test(name));
}

function accessOf(annotations = {}) {
  return annotations.readOnlyHint ? 'read' : annotations.destructiveHint ? 'destructive' : 'write';
}

export { DemoError };

/** Runs one connector's demo; resolves to the process exit code. */
export async function runDemo(id, { root = ROOT, write, writeError = (text) => process.stderr.write(text) } = {}) {
  const demo = resolveDemo(id, root);
  const scenario = loadScenario(demo.scenarioPath);
  const vendor = await startFakeVendor(scenario);
  let session;
  const failures = [];
  try {
    const env = fillTemplate(scenario.env ?? {}, { baseUrl: vendor.baseUrl });
    const secrets = await secretNames(demo, env);
    const secretValues = secrets.map((name) => env[name]).filter(Boolean);
    const t = createTranscript({ write, secrets: secretValues });

    t.title(`Demo: ${demo.pkg.name} ${demo.pkg.version} against a fake ${scenario.title ?? 'vendor API'}`);
    t.line(`vendor   ${vendor.baseUrl} (${scenario.routes.length} routes from ${relative(root, demo.scenarioPath)})`);
    t.line(`env      ${describeEnv(env, secrets).join('  ') || '(none)'}`);
    t.line(`server   node ${relative(root, demo.bin)} (stdio)`);

    session = await openSession({ bin: demo.bin, env, cwd: demo.dir }).catch((error) => {
      throw new DemoError(redact(`${relative(root, demo.bin)} did not start an MCP session: ${error.message}`, secretValues));
    });
    t.heading('initialize');
    t.line(`   server ${session.server?.name} ${session.server?.version}, protocol ${session.protocolVersion}`);

    const tools = await session.listTools();
    const names = tools.map((tool) => tool.name);
    const health = names.find((name) => /[_.]health$/.test(name));
    const prefix = health ? health.slice(0, -'health'.length) : '';
    t.heading(`tools/list: ${tools.length} tools`);
    const width = Math.max(...names.map((name) => name.length));
    for (const tool of tools) t.line(`   ${tool.name.padEnd(width)}  ${accessOf(tool.annotations).padEnd(11)} ${tool.title ?? ''}`);

    let previous;
    for (const [i, step] of scenario.steps.entries()) {
      const name = names.includes(step.tool) ? step.tool : prefix + step.tool;
      const label = `step ${i + 1} "${step.title ?? step.tool}"`;
      t.heading(`${i + 1}. ${step.title ?? step.tool}`);
      const vars = { baseUrl: vendor.baseUrl, nextCursor: previous?.nextCursor, previous };
      const missing = unfilled(step.arguments, vars);
      const problems = [];
      if (!names.includes(name)) problems.push(`the server has no tool ${name}`);
      if (missing.length) problems.push(`nothing to fill ${missing.map((m) => `{{${m}}}`).join(', ')} (the previous step returned none)`);
      if (problems.length) {
        for (const problem of problems) t.line(`   ✗ ${problem}`);
        failures.push(`${label}: ${problems.join('; ')}`);
        previous = undefined;
        continue;
      }

      const args = fillTemplate(step.arguments ?? {}, vars);
      t.json(`call    ${name}`, args);
      const seen = vendor.requests.length;
      let envelope;
      try {
        const result = await session.callTool(name, args);
        envelope = result.structuredContent ?? JSON.parse(result.content?.[0]?.text ?? '{}');
      } catch (error) {
        // Not a connector envelope: the MCP client itself refused (e.g. the result broke its outputSchema).
        envelope = { ok: false, error: { code: 'mcp_client_error', message: error.message } };
      }
      const made = vendor.requests.slice(seen);
      if (made.length === 0) t.line('   vendor  (no request)');
      for (const request of made) t.line(`   vendor  ${describeRequest(request)}`);
      t.json('result', envelope);

      const outcome = checkOutcome(step.expect, envelope, made.length);
      if (outcome.length === 0) t.line(`   ✓ as expected${describeExpect(step.expect)}`);
      for (const problem of outcome) t.line(`   ✗ ${problem}`);
      if (outcome.length) failures.push(`${label}: ${outcome.join('; ')}`);
      previous = envelope;
    }

    t.heading(`the fake vendor saw ${vendor.requests.length} requests`);
    for (const [request, count] of countRequests(vendor.requests)) t.line(`   ${String(count).padStart(2)} × ${request}`);

    if (failures.length === 0) {
      t.line(`\n✓ ${scenario.steps.length} steps, all as expected.`);
      return 0;
    }
    const log = createTranscript({ write: writeError, secrets: secretValues });
    log.line(`\n✗ ${failures.length} of ${scenario.steps.length} steps of the ${id} demo were not as expected:`);
    for (const failure of failures) log.line(`  - ${failure}`);
    const stderr = session.stderr().trim().split('\n').slice(-15).join('\n');
    if (stderr) log.line(`\nLast lines the server wrote to stderr:\n${stderr}`);
    return 1;
  } finally {
    await session?.close().catch(() => {});
    await vendor.close();
  }
}

function describeExpect(expect = { ok: true }) {
  const parts = Object.entries(expect).map(([key, value]) => (typeof value === 'object' ? key : `${key}: ${value}`));
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function countRequests(requests) {
  const counts = new Map();
  for (const { method, path } of requests) counts.set(`${method} ${path}`, (counts.get(`${method} ${path}`) ?? 0) + 1);
  return counts;
}

async function main(argv) {
  const [id = 'starter', ...extra] = argv;
  if (id === '--help' || id === '-h' || extra.length) {
    const demos = listDemos()
      .map((d) => d.id)
      .join(', ');
    process.stdout.write(`Usage: pnpm demo [connector-id]   (default: starter; available: ${demos})\n`);
    return extra.length ? 2 : 0;
  }
  try {
    return await runDemo(id);
  } catch (error) {
    if (!(error instanceof DemoError)) throw error;
    process.stderr.write(`demo: ${error.message}\n`);
    return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
