// The suite, as one vitest call per connector.
export { describeConnector } from './describe-connector.js';
export type { ConformanceOptions, FaultExpectations } from './describe-connector.js';

// One harness per connector, made in its test/harness.ts and used by every tool test.
export { connectorHarness } from './connector-harness.js';
export type { ConnectorHarness, ConnectorHarnessOptions, HarnessRuntimeOptions, ResultExpectations } from './connector-harness.js';
// The layout every connector keeps: a test file, a reference-page row and valid examples per tool.
export { checkStructure, toolTestFile } from './structure.js';
export type { StructureOptions } from './structure.js';

// The pieces the harness is made of, for tests that need one on its own.
export { createTestRuntime, callTool, expectOk, expectError, TestRuntime } from './harness.js';
export type { OutputRecord, RecordedRequest, TestRuntimeOptions } from './harness.js';
export { resolveTestEnv, canaryValue } from './env.js';
export type { TestEnv } from './env.js';
export { mountReplies, repliesFor } from './vendor.js';
export type { MountOptions, ToolFixture, VendorAnswer, VendorMethod, VendorReply } from './vendor.js';
export { fakeVendor, useFakeVendor } from './fake-vendor.js';
export { mcpUpstreamReplies, MCP_DISCOVER_RESULT } from './mcp-upstream.js';
export type { McpToolCall } from './mcp-upstream.js';
export { loginThroughBrowser } from './login.js';
export type { BrowserLogin } from './login.js';
export type { FakeVendor, SentRequest } from './fake-vendor.js';
export { expectOkResult, expectErrorResult } from './tool-result.js';
export type { ToolResultExpectations } from './tool-result.js';

// The package as users get it, and its README: one call each per connector.
export {
  describePackedConnector,
  packConnector,
  runPacked,
  checkPackedFiles,
  checkPackedHelp,
  checkPublishDryRun,
  checkPackedConfigure,
  checkPackedVersion,
  checkPackedAlone,
  checkPackedLibrary,
  checkPackedTools,
  checkPackedHealth,
  checkPackedStdio,
} from './packed.js';
export type { CommandResult, PackageManifest, PackedConnector, PackedConnectorOptions, PackedLaunch, PackOptions } from './packed.js';
export { describeReadme, checkReadme, checkReadmeToolTable, checkReadmeVariables, checkReadmeClientSnippet, checkReadmeJsonBlocks } from './readme.js';
export type { DescribeReadmeOptions, ReadmeCheckOptions } from './readme.js';

// Each check on its own: they return problems (empty = pass) instead of failing a test.
export { toolCases, healthData, suiteInput } from './calls.js';
export type { ToolCase } from './calls.js';
export {
  checkToolNames,
  checkToolDescriptors,
  checkHealthTool,
  findUnboundedInputs,
  checkInputLimits,
  measureToolsList,
  checkToolsListSize,
  DEFAULT_TOOLS_LIST_BUDGET,
} from './checks/listing.js';
export type { ToolsListSize } from './checks/listing.js';
export { checkEnvelope } from './checks/envelope.js';
export type { EnvelopeCheckOptions } from './checks/envelope.js';
export { checkExamples } from './checks/examples.js';
export { checkFault, FAULTS, RETRY_AFTER_SECONDS, vendorErrorBody } from './checks/faults.js';
export { checkUnknownOutcome, UNKNOWN_OUTCOME_FAULTS } from './checks/unknown-outcome.js';
export type { FaultCheckOptions, FaultName, FaultSpec } from './checks/faults.js';
export { checkInvalidInput, invalidInputCases } from './checks/invalid-input.js';
export { checkGating, checkNotConfigured } from './checks/setup.js';
export { checkReplay } from './checks/replay.js';
export type { InvalidInputCase, InvalidInputCheckOptions } from './checks/invalid-input.js';
export { checkSecretCanary, checkCanaryValues, findSecretLeaks } from './checks/canary.js';
export type { CanaryCheckOptions } from './checks/canary.js';
export { checkBinStdio, checkBinWithClient, GARBAGE_LINES } from './checks/bin.js';
export type { BinOptions, BinRun } from './checks/bin.js';
