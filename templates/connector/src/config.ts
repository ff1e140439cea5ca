import { envVar } from '@connectors/contract';

export const config = {
  STARTER_API_TOKEN: envVar.secret('API token from Settings → API tokens in Starter.', { required: true, example: 'stk_live_...' }),
  STARTER_API_URL: envVar.url('Base URL of the Starter API (override for tests or self-hosting).', {
    default: 'https://api.starter.example',
  }),
};
