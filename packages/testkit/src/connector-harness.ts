import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  toolNameOf,
  type ConnectorDefinition,
  type EnvVarSpec,
  type ErrorCode,
  type ErrorInfo,
  type SuccessEnvelope,
  type ToolCallResult,
} from '@connectors/contract';
import { fakeVendor, type FakeVendor } from './fake-vendor.js';
import { TestRuntime, type TestRuntimeOptions } from './harness.js';
import { expectErrorResult, expectOkResult } from './tool-result.js';

/** Shorter secret values (`'r'`, `'x'` in a configuration test) would match any text; they are not looked for. */
const MIN_CANARY_LENGTH = 8;

export interface ConnectorHarnessOptions {
  /** The vendor's base URL (or origin): where `vendor()` answers unless given another. Omit it when nothing is faked with nock. */
  origin?: string | URL;
  /**
   * The configuration every runtime starts from. Secret variables left out get a unique canary;
   * set one to `undefined` to keep it unset (another auth mode's secrets). `process.env` is never read.
   */
  env?: Record<string, string | undefined>;
  /** More values no result may contain: tokens the fixtures hand out, credentials as sent (a Basic header). */
  secrets?: readonly string[];
  /** The connector's folder: fixtures are read from its `test/fixtures/`. Default: the directory vitest runs in. */
  packageDir?: string | URL;
  /** Runtime options every runtime gets (gating, `timeoutMs`, `logLevel`…); a runtime's own options win. */
  runtime?: Omit<TestRuntimeOptions, 'env'>;
}

export interface HarnessRuntimeOptions extends TestRuntimeOptions {
  /** `env` is merged over the harness's configuration; with `replaceEnv` it is the whole configuration, and secrets it leaves out stay unset. */
  replaceEnv?: boolean;
}

export interface ResultExpectations {
  /** Values this result must not contain, on top of the harness's secrets. */
  secrets?: readonly string[];
}

/** What a connector's tool tests need, bound to one connector: see `connectorHarness`. */
export interface ConnectorHarness {
  readonly connector: ConnectorDefinition;
  /** A runtime wired for tests (see `TestRuntime`), on the harness's configuration plus `options.env`. */
  createRuntime(options?: HarnessRuntimeOptions): TestRuntime;
  /** Calls a tool by action (`search_issues`) or full name on a fresh runtime, and returns the whole result. */
  call(action: string, args?: unknown, options?: HarnessRuntimeOptions): Promise<ToolCallResult>;
  /** The name a tool is served under, with the connector's namespaces: `search_messages` → `gmail_search_messages`. */
  tool(action: string): string;
  /** The fake vendor (a nock scope and the requests it answered) on `origin`, or on another origin (a token host). */
  vendor(origin?: string | URL): FakeVendor;
  /** A fresh copy of `test/fixtures/<name>.json`, so a test that edits it cannot leak into another. */
  fixture<T = any>(name: string): NoInfer<T>;
  /** The bytes of `test/fixtures/<fileName>` (an attachment, a spreadsheet), for fixtures that are not JSON. */
  fixtureFile(fileName: string): Buffer;
  /** Asserts a whole result is a success (see `expectOkResult`) with no secret anywhere, and returns its envelope. */
  expectOk<T = any>(result: ToolCallResult, options?: ResultExpectations): SuccessEnvelope<T>;
  /** Asserts a whole result is an error with `code` (see `expectErrorResult`) with no secret anywhere, and returns its error. */
  expectError(result: ToolCallResult, code: ErrorCode, options?: ResultExpectations): ErrorInfo;
  /** Every value results are checked against: `options.secrets`, and the secrets (of 8+ characters) of every runtime made so far. */
  secrets(): string[];
}

/**
 * The test harness of one connector, made once in its `test/harness.ts` and used by every tool
 * test: runtimes configured from `env` only (secrets as canaries, an instant retry sleep, a short
 * timeout, every request recorded), `call(action, args)`, the fake vendor on the connector's
 * origin, the fixture loader and the envelope expectations that also look for leaked secrets.
 * What is particular to the vendor (its headers, its error bodies, a second host) stays next to
 * it, built on these.
 *
 * ```ts
 * export const { call, createRuntime, expectError, expectOk, fixture, tool, vendor } = connectorHarness(connector, {
 *   packageDir: new URL('..', import.meta.url),
 *   origin: 'https://api.starter.example',
 *   env: { STARTER_API_TOKEN: 'stk_live_canary_7d41f0c9e2' },
 * });
 * ```
 * Each method is bound, so the harness can be destructured.
 */
export function connectorHarness(connector: ConnectorDefinition, options: ConnectorHarnessOptions = {}): ConnectorHarness {
  const fixturesDir = join(directoryOf(options.packageDir ?? process.cwd()), 'test', 'fixtures');
  const secretNames = Object.entries<EnvVarSpec>(connector.config)
    .filter(([, variable]) => variable.secret)
    .map(([name]) => name);
  const known = new Set((options.secrets ?? []).filter(Boolean));
  const texts = new Map<string, string>();

  const createRuntime = (runtimeOptions: HarnessRuntimeOptions = {}): TestRuntime => {
    const { env, replaceEnv, ...rest } = runtimeOptions;
    const configuration = replaceEnv ? { ...Object.fromEntries(secretNames.map((name) => [name, undefined])), ...env } : { ...options.env, ...env };
    const runtime = new TestRuntime(connector, { ...options.runtime, ...rest, env: configuration });
    // As the conformance suite's canaries: a value under 8 characters is too common to look for.
    for (const value of Object.values(runtime.canaries)) if (value.length >= MIN_CANARY_LENGTH) known.add(value);
    return runtime;
  };
  const secrets = (extra: readonly string[] = []) => [...known, ...extra];
  const fixtureText = (name: string) => {
    let text = texts.get(name);
    if (text === undefined) {
      const path = join(fixturesDir, `${name}.json`);
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        throw new Error(`No fixture ${name}: ${path} does not exist.`);
      }
      texts.set(name, text);
    }
    return text;
  };

  return {
    connector,
    createRuntime,
    call: (action, args = {}, runtimeOptions) => createRuntime(runtimeOptions).call(action, args),
    tool: (action) => toolNameOf(connector, action),
    vendor: (origin = options.origin) => {
      if (origin === undefined) throw new Error('vendor() needs an origin: pass one, or set `origin` in connectorHarness options.');
      return fakeVendor(origin);
    },
    fixture: (name) => JSON.parse(fixtureText(name)),
    fixtureFile: (fileName) => readFileSync(join(fixturesDir, fileName)),
    expectOk: (result, expectations = {}) => expectOkResult(result, { secrets: secrets(expectations.secrets) }),
    expectError: (result, code, expectations = {}) => expectErrorResult(result, code, { secrets: secrets(expectations.secrets) }),
    secrets: () => secrets(),
  };
}

/** A folder given as a path or a `file:` URL (`new URL('..', import.meta.url)`). */
export function directoryOf(dir: string | URL): string {
  return dir instanceof URL || dir.startsWith('file:') ? fileURLToPath(dir) : dir;
}
