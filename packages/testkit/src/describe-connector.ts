import { packageNameOf, toolNameOf, type ConnectorDefinition, type ErrorCode } from '@connectors/contract';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetNock, toolCases, unknownFixtureKeys, type ToolCase } from './calls.js';
import { checkBinStdio, checkBinWithClient, normalizeBin, type BinOptions } from './checks/bin.js';
import { checkSecretCanary } from './checks/canary.js';
import { checkExamples } from './checks/examples.js';
import { checkFault, FAULTS, type FaultName, type FaultSpec } from './checks/faults.js';
import { checkInvalidInput } from './checks/invalid-input.js';
import { checkReplay } from './checks/replay.js';
import { checkGating, checkNotConfigured, needsConfiguration } from './checks/setup.js';
import { checkUnknownOutcome, UNKNOWN_OUTCOME_FAULTS } from './checks/unknown-outcome.js';
import {
  checkHealthTool,
  checkInputLimits,
  checkToolDescriptors,
  checkToolNames,
  checkToolsListSize,
  DEFAULT_TOOLS_LIST_BUDGET,
  formatBytes,
  measureToolsList,
} from './checks/listing.js';
import { createTestRuntime } from './harness.js';
import { repliesFor, type ToolFixture } from './vendor.js';

/** Per fault: the code to expect instead of the default, or `false` to skip it. */
export type FaultExpectations = Partial<Record<FaultName, ErrorCode | false>>;

export interface ConformanceOptions {
  /**
   * Configuration for the runtime and the bin. Secret variables you leave out get a unique
   * canary value; set one to `undefined` to keep it unset. `process.env` is never read.
   */
  env?: Record<string, string | undefined>;
  /** The vendor URL the connector calls with this `env`; fixture paths and faults are served on its origin. */
  baseUrl: string;
  /** Per tool (by action, e.g. `list_tasks`, or full name; `health` for `<id>_health`): the vendor's answers to its examples. */
  fixtures: Record<string, ToolFixture>;
  /** Deviations from the fault matrix, for every tool and per tool. */
  faults?: {
    expect?: FaultExpectations;
    tools?: Record<string, FaultExpectations>;
  };
  /** More argument sets per tool that must be rejected as invalid_input without a request. */
  invalidInputs?: Record<string, unknown[]>;
  /** Budget for the JSON text of tools/list, in bytes (default 40,000, about 10k tokens). */
  maxToolsListBytes?: number;
  /**
   * Per-request timeout of the connector's HTTP client for the timeout fault (default 300 ms): the
   * hung vendor is waited for this long per attempt. Every other check runs with a generous
   * timeout (10 s), so a busy CI machine cannot turn a slow answer into a false failure.
   */
  timeoutMs?: number;
  /** More values that must never appear in output, e.g. access tokens your fixtures hand out. */
  canaries?: Record<string, string>;
  /** The built bin to spawn over stdio, e.g. `new URL('../dist/bin.js', import.meta.url)`. */
  bin?: string | URL | BinOptions;
}

/**
 * Registers the conformance suite of a connector as vitest tests: tools/list (names, schemas,
 * limits, health, size), every example against its fixture, the fault matrix for every tool,
 * unknown write outcomes, not_configured and gating, invalid input, the built bin over stdio,
 * and a secret canary across all of it.
 */
export function describeConnector(connector: ConnectorDefinition, options: ConformanceOptions): void {
  const timeoutMs = options.timeoutMs ?? 300;
  const kit = createTestRuntime(connector, { env: options.env ?? {}, canaries: options.canaries ?? {}, timeoutMs: 10_000 });
  // The timeout fault alone gets a short timeout; its output joins the main kit's for the canary check.
  const timeoutKit = createTestRuntime(connector, { env: options.env ?? {}, canaries: options.canaries ?? {}, timeoutMs });
  const tools = kit.listTools();
  const cases = toolCases(kit, options.fixtures);
  const baseUrl = options.baseUrl;
  const healthName = toolNameOf(connector, 'health');
  const budget = options.maxToolsListBytes ?? DEFAULT_TOOLS_LIST_BUDGET;
  const size = measureToolsList(tools);
  const expectNone = (problems: string[]) => expect(problems).toEqual([]);

  describe.sequential(`${packageNameOf(connector)} conformance`, () => {
    beforeAll(() => nock.disableNetConnect());
    afterEach(() => resetNock());
    afterAll(() => {
      resetNock();
      nock.enableNetConnect();
    });

    describe('tools/list', () => {
      it('tool names match ^[a-zA-Z0-9_-]{1,64}$ and are unique', () => expectNone(checkToolNames(tools)));
      it('every tool has a description, an input schema and an output schema', () => expectNone(checkToolDescriptors(tools)));
      it('every string, array and number input has a limit', () => expectNone(checkInputLimits(tools)));
      it(`${healthName} is registered`, () => expectNone(checkHealthTool(tools, connector.id)));
      it(`tools/list is ${formatBytes(size.bytes)} for ${tools.length} tools (budget ${formatBytes(budget)})`, () =>
        expectNone(checkToolsListSize(tools, budget)));
    });

    describe('examples give a valid success envelope', () => {
      it('every fixture names an advertised tool', () =>
        expectNone(unknownFixtureKeys(cases, options.fixtures, connector.id).map((key) => `fixtures.${key} matches no tool in tools/list.`)));
      for (const tool of cases) {
        const count = tool.examples.length;
        it(`${tool.name} (${count} example${count === 1 ? '' : 's'})`, async () => expectNone(await checkExamples(kit, tool, baseUrl)));
      }
    });

    describe('fault matrix', () => {
      for (const tool of cases) {
        describe(tool.name, () => {
          if (!tool.fixture) {
            it.skip('no fixture (see the examples test)', () => undefined);
            return;
          }
          if (repliesFor(tool.fixture, tool.examples[0] ?? {}, 0).length === 0) {
            it.skip('sends no request', () => undefined);
            return;
          }
          for (const fault of FAULTS) {
            const expected = faultExpectation(options.faults, tool, fault);
            if (expected === false) {
              it.skip(`${fault.title} (skipped by options)`, () => undefined);
              continue;
            }
            it(`${fault.title} → ${expected}`, { timeout: 20_000 }, async () => {
              if (fault.name !== 'timeout') return expectNone(await checkFault(kit, tool, fault, { baseUrl, expect: expected }));
              try {
                expectNone(await checkFault(timeoutKit, tool, fault, { baseUrl, expect: expected, timeoutMs }));
              } finally {
                kit.output.push(...timeoutKit.output.splice(0));
              }
            });
          }
        });
      }
    });

    const writers = cases.filter(
      (tool) => tool.fixture && tool.definition && tool.definition.access !== 'read' && 'idempotencyKey' in tool.definition.input.shape,
    );
    describe('a repeat with the same idempotencyKey replays instead of writing', () => {
      if (writers.length === 0) it.skip('no write tool takes an idempotencyKey', () => undefined);
      for (const tool of writers) it(tool.name, async () => expectNone(await checkReplay(kit, tool, { baseUrl })));
    });

    describe('writes with an unknown outcome are never made twice', () => {
      if (writers.length === 0) it.skip('no write tool takes an idempotencyKey', () => undefined);
      for (const tool of writers) {
        for (const fault of UNKNOWN_OUTCOME_FAULTS) {
          const runtime = fault === 'timeout' ? timeoutKit : kit;
          it(`${tool.name}: ${fault}, then the same idempotencyKey`, { timeout: 20_000 }, async () => {
            try {
              expectNone(await checkUnknownOutcome(runtime, tool, fault, { baseUrl, ...(fault === 'timeout' ? { timeoutMs } : {}) }));
            } finally {
              if (runtime === timeoutKit) kit.output.push(...timeoutKit.output.splice(0));
            }
          });
        }
      }
    });

    describe('configuration and gating', () => {
      if (needsConfiguration(connector)) {
        it('with nothing set, every tool answers not_configured naming what to set, and health says so, without a request', async () =>
          expectNone(await checkNotConfigured(connector, cases)));
      } else it.skip('the connector needs no configuration', () => undefined);
      it('--read-only registers only reads, and each toolset only its own tools', async () => expectNone(await checkGating(connector)));
    });

    describe('invalid input is rejected before any request', () => {
      for (const tool of cases) {
        const extra = options.invalidInputs?.[tool.action] ?? options.invalidInputs?.[tool.name];
        it(tool.name, async () => expectNone(await checkInvalidInput(kit, tool, { baseUrl, ...(extra ? { extra } : {}) })));
      }
    });

    if (options.bin) {
      const bin = normalizeBin(options.bin);
      const names = tools.map((tool) => tool.name);
      describe('built bin over stdio', () => {
        it('prints only JSON-RPC on stdout, survives garbage and malformed JSON-RPC, still answers tools/list', { timeout: 30_000 }, async () => {
          const run = await checkBinStdio(bin, kit.env, names);
          kit.record('bin stdout', run.stdout);
          kit.record('bin stderr', run.stderr);
          expectNone(run.problems);
        });
        it(`answers the official MCP client: tools/list and ${healthName}`, { timeout: 30_000 }, async () => {
          const run = await checkBinWithClient(bin, kit.env, names, healthName, tools);
          kit.record('bin stderr (MCP client run)', run.stderr);
          for (const result of run.results) kit.record('bin result (MCP client run)', JSON.stringify(result));
          expectNone(run.problems);
        });
      });
    }

    describe('secret canary', () => {
      const secrets = Object.keys(kit.canaries);
      const title = secrets.length
        ? `no secret (${secrets.join(', ')}) appears in tools/list, results, errors, logs${options.bin ? ' or bin output' : ''}`
        : 'the connector declares no secret variables';
      it(title, { timeout: 60_000 }, async () => expectNone(await checkSecretCanary(kit, cases, { baseUrl })));
    });
  });
}

/** The code a fault must give for a tool: per-tool option, then connector-wide option, then the default. */
export function faultExpectation(faults: ConformanceOptions['faults'], tool: Pick<ToolCase, 'action' | 'name'>, fault: FaultSpec): ErrorCode | false {
  return faults?.tools?.[tool.action]?.[fault.name] ?? faults?.tools?.[tool.name]?.[fault.name] ?? faults?.expect?.[fault.name] ?? fault.expect;
}

export type { BinOptions };
