// Bench fixture for `pnpm bench`: 50 workspaces as Coder's GET /api/v2/workspaces returns them
// (each with its latest build, resources, agent and apps), listed with coder_list_workspaces.
import { readFileSync } from 'node:fs';

const ITEMS = 50;
const workspace = JSON.parse(readFileSync(new URL('../test/fixtures/api-workspace.json', import.meta.url), 'utf8'));

function rawWorkspace(i) {
  const id = `1f2e3d4c-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    ...structuredClone(workspace),
    id,
    name: `ws-${i}`,
    latest_build: { ...structuredClone(workspace.latest_build), workspace_id: id, workspace_name: `ws-${i}` },
  };
}

export default {
  action: 'list_workspaces',
  args: { limit: ITEMS },
  items: ITEMS,
  env: (baseUrl) => ({ CODER_URL: baseUrl, CODER_SESSION_TOKEN: 'bench-token-not-secret', CODER_CONFIG_DIR: '/nonexistent/coderv2' }),
  rawBody: { workspaces: Array.from({ length: ITEMS }, (_, i) => rawWorkspace(i)), count: ITEMS },
};
