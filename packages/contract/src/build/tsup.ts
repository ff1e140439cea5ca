// `@connectors/contract/build`: the tsup configuration every connector builds with, so a
// connector's tsup.config.ts is one line. Two outputs from one package:
//
// - dist/index.js, the library (`import { connector } from '@connectors/<id>'`): the connector's
//   own code and its third-party libraries; @connectors/contract stays external, a peer the
//   composing server installs once for all its connectors.
// - dist/bin.js, what `npx -y @connectors/<id>` runs: everything in one minified ESM file (the
//   contract, the MCP SDK, zod), so npx fetches a single package with no dependencies. What only
//   some commands use (configure, auth login, the HTTP front door, a library loaded on first use)
//   is split into dist/bin/ chunks that load when needed. ioredis (Redis state) stays external:
//   install it next to the package to use CONNECTORS_STATE_URL.
// - dist/tool-schemas.json: every tool's tools/list schemas, computed once here so the bin does not
//   convert zod to JSON Schema at start (see tool-schemas.ts).
//
// Nothing here imports tsup or esbuild: this module only describes the build.
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Options } from 'tsup';
import { TOOL_SCHEMAS_FILE } from '../runtime/tool-schemas.js';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/** CommonJS libraries inside an ESM bundle call require() for Node built-ins; give them one. */
const REQUIRE_SHIM = "import { createRequire as __connectorsCreateRequire } from 'node:module'; const require = __connectorsCreateRequire(import.meta.url);";

/** Optional peers of the contract that the bin leaves to be installed beside it. */
const BIN_EXTERNAL = ['ioredis'];

/**
 * zod exports every locale (about 250 kB minified, a quarter of a bin) through `z.locales` and
 * `z.core.locales`, and a namespace export keeps them all alive. The runtime uses English, which zod
 * configures itself; this leaves `z.locales` with `en` only.
 */
const englishOnlyZod: Plugin = {
  name: 'connectors-zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'connectors-zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'connectors-zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * The MCP SDKs pick their JSON Schema validator (the server's for elicitation results, the
 * client's, used by bridges, for tool output) through `@modelcontextprotocol/<server|client>/_shims`;
 * on Node that is Ajv (about 150 kB minified). The bin uses the SDKs' own lighter validator
 * (`validators/cf-worker`, the one they ship for Cloudflare Workers) instead.
 */
const lightSchemaValidator: Plugin = {
  name: 'connectors-light-schema-validator',
  setup(build) {
    build.onResolve({ filter: /^@modelcontextprotocol\/(server|client)\/_shims$/ }, (args) => ({
      path: args.importer,
      namespace: 'connectors-sdk-shims',
      pluginData: args.path.split('/')[1],
    }));
    build.onLoad({ filter: /.*/, namespace: 'connectors-sdk-shims' }, (args) => ({
      contents: [
        `export { CfWorkerJsonSchemaValidator as DefaultJsonSchemaValidator } from '@modelcontextprotocol/${args.pluginData as string}/validators/cf-worker';`,
        // The rest of each shim as it is on Node.
        args.pluginData === 'server' ? "export { default as process } from 'node:process';" : 'export const CORS_IS_POSSIBLE = false;',
      ].join('\n'),
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** Removes the previous bin and its chunks before a build (the library build keeps its hands off them). */
function cleanBin(outDir: string): Plugin {
  return {
    name: 'connectors-clean-bin',
    setup(build) {
      build.onStart(() => {
        rmSync(join(outDir, 'bin'), { recursive: true, force: true });
        for (const file of safeReaddir(outDir)) if (/^bin\.js(\.map)?$/.test(file)) rmSync(join(outDir, file), { force: true });
      });
    },
  };
}

/**
 * Drops the chunks nothing loads. esbuild makes a chunk for every `import()` it finds, even in code
 * tree shaking then removes: a connector that never bridges would otherwise ship the MCP client SDK.
 */
const pruneUnreachableChunks: Plugin = {
  name: 'connectors-prune-unreachable-chunks',
  setup(build) {
    build.initialOptions.metafile = true;
    build.onEnd((result) => {
      const outputs = result.metafile?.outputs;
      if (!outputs || !result.outputFiles) return;
      const reachable = new Set<string>();
      const visit = (path: string) => {
        if (reachable.has(path) || !outputs[path]) return;
        reachable.add(path);
        for (const { path: imported } of outputs[path].imports) visit(imported);
      };
      // The configured entries only: esbuild marks each import() target an entry point too.
      const given = build.initialOptions.entryPoints;
      const entries = new Set(
        (Array.isArray(given) ? given : Object.values(given ?? {})).map((entry) => resolve(typeof entry === 'string' ? entry : entry.in)),
      );
      for (const [path, output] of Object.entries(outputs)) if (output.entryPoint && entries.has(resolve(output.entryPoint))) visit(path);
      const keep = new Set([...reachable].flatMap((path) => [resolve(path), resolve(`${path}.map`)]));
      // tsup writes what is left in outputFiles after the plugins ran.
      for (let i = result.outputFiles.length - 1; i >= 0; i--) if (!keep.has(result.outputFiles[i]!.path)) result.outputFiles.splice(i, 1);
    });
  },
};

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export interface ConnectorBuildOptions {
  /** The library entry (default `src/index.ts`). */
  index?: string;
  /** The bin entry (default `src/bin.ts`). */
  bin?: string;
  /** Output folder (default `dist`). */
  outDir?: string;
  /** Type declarations for the library entry (default true; needs TypeScript). */
  dts?: boolean;
}

/**
 * After the library is built: its connector's tools/list schemas into dist/tool-schemas.json,
 * stamped with this build's id, which the bin of the same build reads instead of converting.
 */
async function writeToolSchemas(outDir: string, buildId: string): Promise<void> {
  const library = (await import(`${pathToFileURL(resolve(outDir, 'index.js')).href}?build=${buildId}-${Date.now()}`)) as {
    default?: unknown;
    connector?: unknown;
  };
  const connector = (library.default ?? library.connector) as Parameters<typeof import('../runtime/schema-manifest.js').toolSchemaManifest>[0] | undefined;
  if (!connector?.tools) throw new Error(`${outDir}/index.js must export its connector (as default or as \`connector\`) for the tool schema manifest.`);
  const { toolSchemaManifest } = await import('../runtime/schema-manifest.js');
  writeFileSync(resolve(outDir, TOOL_SCHEMAS_FILE), JSON.stringify(await toolSchemaManifest(connector, buildId)));
}

/** The tsup configuration of a connector package: `export default connectorBuild();` in tsup.config.ts. */
export function connectorBuild(options: ConnectorBuildOptions = {}): Options[] {
  const outDir = options.outDir ?? 'dist';
  const buildId = randomUUID();
  const common = { format: ['esm'], platform: 'node', target: 'node20', outDir, banner: { js: REQUIRE_SHIM } } satisfies Options;
  return [
    {
      ...common,
      entry: { index: options.index ?? 'src/index.ts' },
      dts: options.dts === false ? false : { entry: { index: options.index ?? 'src/index.ts' } },
      // Peers (the contract) stay external; tsup bundles devDependencies.
      clean: ['!bin.js', '!bin.js.map', '!bin/**'],
      onSuccess: () => writeToolSchemas(outDir, buildId),
    },
    {
      ...common,
      entry: { bin: options.bin ?? 'src/bin.ts' },
      noExternal: [new RegExp(`^(?!(${BIN_EXTERNAL.join('|')})(/|$))`)],
      external: BIN_EXTERNAL,
      splitting: true,
      minify: true,
      clean: false,
      define: { __CONNECTORS_BUILD_ID__: JSON.stringify(buildId) },
      esbuildOptions(esbuild) {
        esbuild.chunkNames = 'bin/[name]-[hash]';
        // The contract's chunks import each other for order only; it has no side effects to keep.
        esbuild.logOverride = { ...esbuild.logOverride, 'ignored-bare-import': 'silent' };
      },
      esbuildPlugins: [cleanBin(outDir), englishOnlyZod, lightSchemaValidator, pruneUnreachableChunks],
    },
  ];
}
