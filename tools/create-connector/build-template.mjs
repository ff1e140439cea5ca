#!/usr/bin/env node
// The published package carries the template: copies templates/connector to template/ (without
// installs or build output) with .template.json, the versions and compiler options a standalone
// project needs (see template-source.mjs). Runs as this package's build, before every pack.
import { statSync } from 'node:fs';
import { cp, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isSkipped, PACKED_TEMPLATE_DIR, REPO_ROOT, repositoryMeta, TEMPLATE_META } from './template-source.mjs';

const from = join(REPO_ROOT, 'templates', 'connector');
await rm(PACKED_TEMPLATE_DIR, { recursive: true, force: true });
await cp(from, PACKED_TEMPLATE_DIR, {
  recursive: true,
  filter: (source) => source === from || !isSkipped(basename(source), statSync(source).isDirectory()),
});
await writeFile(join(PACKED_TEMPLATE_DIR, TEMPLATE_META), `${JSON.stringify(repositoryMeta(REPO_ROOT), null, 2)}\n`);
