import type { ResourceDefinition } from '@connectors/contract';

/** What a client can read (and, with subscriptions, watch) by URI: views of the read tools. */
export const resources: ResourceDefinition[] = [
  {
    uri: 'salesforce://record/{object}/{id}',
    name: 'record',
    title: 'Salesforce record',
    description: 'One record of an object (Account, Contact, Opportunity, ...) by id, as salesforce_get_record reads it.',
    tool: 'get_record',
  },
];
