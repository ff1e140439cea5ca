import { toolNameOf, type ConnectorDefinition, type EnvVarSpec, type Envelope } from '@connectors/contract';
import type { ToolCase } from '../calls.js';
import { TestRuntime } from '../harness.js';

interface HealthData {
  status?: string;
  missing?: string[];
  problems?: string[];
  gating?: { readOnly?: boolean; tools?: string[] };
}

/** Whether the connector can be left unconfigured at all (some need no variables). */
export function needsConfiguration(connector: ConnectorDefinition): boolean {
  return Boolean(connector.requires || connector.oauth || Object.values<EnvVarSpec>(connector.config).some((variable) => variable.required));
}

/** Every variable unset, canaries included: the runtime a user gets before setting anything. */
function unconfigured(connector: ConnectorDefinition, gating?: { readOnly?: boolean; toolsets?: string[] }): TestRuntime {
  const env = Object.fromEntries(Object.keys(connector.config).map((name) => [name, undefined]));
  return new TestRuntime(connector, { env, logLevel: 'silent', ...(gating ? { gating } : {}) });
}

/**
 * With nothing set: tools/list still lists every tool, health answers ok with status
 * not_configured naming what to set (variables in `missing`, sentences in `problems`), and every
 * other tool answers not_configured naming those variables, all without a vendor request.
 */
export async function checkNotConfigured(connector: ConnectorDefinition, cases: readonly ToolCase[]): Promise<string[]> {
  const problems: string[] = [];
  const kit = unconfigured(connector);
  const listed = kit.listTools().map((tool) => tool.name);
  const expected = cases.map((tool) => tool.name);
  if (listed.join() !== expected.join()) problems.push(`tools/list while not configured has ${listed.join(', ')}; expected ${expected.join(', ')}.`);

  const health = (await kit.callTool('health')) as Envelope<HealthData>;
  const data = health.ok ? health.data : undefined;
  if (!data) problems.push(`health answered an error while not configured: ${JSON.stringify(health).slice(0, 200)}.`);
  else if (data.status !== 'not_configured') problems.push(`health says ${JSON.stringify(data.status)} with nothing set; expected "not_configured".`);
  else if (!data.missing?.length && !data.problems?.length)
    problems.push('health says not_configured but names nothing to set (missing and problems are empty).');
  const declared = Object.keys(connector.config);
  for (const name of data?.missing ?? [])
    if (!declared.includes(name)) problems.push(`health names ${JSON.stringify(name)} as missing, which is not a declared variable.`);

  for (const tool of cases) {
    if (tool.isHealth) continue;
    const envelope = await kit.callTool(tool.name, tool.examples[0] ?? {});
    if (envelope.ok) {
      problems.push(`${tool.name} answered ok while not configured.`);
      continue;
    }
    if (envelope.error.code !== 'not_configured') problems.push(`${tool.name} answered ${envelope.error.code} while not configured; expected not_configured.`);
    for (const name of data?.missing ?? []) {
      if (!envelope.error.message.includes(name)) problems.push(`The not_configured error of ${tool.name} does not name ${name}.`);
    }
  }
  if (kit.requests.length) problems.push(`Requests were sent while not configured: ${kit.requests.map((r) => `${r.method} ${r.url}`).join('; ')}.`);
  return problems;
}

/**
 * Gating: `readOnly` registers only read tools (a write called anyway is not_permitted, naming why)
 * and health reports it; each toolset alone registers its own tools and health.
 */
export async function checkGating(connector: ConnectorDefinition): Promise<string[]> {
  const problems: string[] = [];
  const health = toolNameOf(connector, 'health');
  const named = connector.tools.map((tool) => ({ ...tool, name: toolNameOf(connector, tool.action) }));

  const readOnly = unconfigured(connector, { readOnly: true });
  const reads = [health, ...named.filter((tool) => tool.access === 'read').map((tool) => tool.name)];
  const registered = readOnly.runtime.toolNames();
  if (registered.join() !== reads.join()) problems.push(`--read-only registers ${registered.join(', ')}; expected ${reads.join(', ')}.`);
  const write = named.find((tool) => tool.access !== 'read');
  if (write) {
    const envelope = await readOnly.callTool(write.name, write.examples[0]);
    if (envelope.ok || envelope.error.code !== 'not_permitted' || !/read-only/i.test(envelope.error.message)) {
      problems.push(`${write.name} called under --read-only answered ${JSON.stringify(envelope).slice(0, 200)}; expected not_permitted saying read-only.`);
    }
  }
  const report = (await readOnly.callTool('health')) as Envelope<HealthData>;
  if (!report.ok || report.data.gating?.readOnly !== true || report.data.gating.tools?.join() !== reads.join()) {
    problems.push(
      `health under --read-only reports gating ${JSON.stringify(report.ok ? report.data.gating : report.error)}; expected readOnly true and ${reads.join(', ')}.`,
    );
  }

  for (const toolset of Object.keys(connector.toolsets)) {
    const only = unconfigured(connector, { toolsets: [toolset] }).runtime.toolNames();
    const want = [health, ...named.filter((tool) => tool.toolset === toolset).map((tool) => tool.name)];
    if (only.join() !== want.join()) problems.push(`--toolsets ${toolset} registers ${only.join(', ')}; expected ${want.join(', ')}.`);
  }
  return problems;
}
