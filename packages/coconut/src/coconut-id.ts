import { ConnectorError, isConnectorError, z, type BridgeContext } from '@connectors/contract';

/** `coconutId` on every tool that acts on one Coconut: its id, or its name (resolved through coconuts_list). */
export const coconutId = () => z.string().min(1).max(200).describe('The Coconut to act on: its id (from coconut_coconuts_list), or its exact name.');

const coconutsList = z.object({ coconuts: z.array(z.looseObject({ id: z.string(), name: z.string().optional() })) });

/** How long a resolved list of Coconuts is reused: names rarely change, and each resolution would cost a call. */
const CACHE_MS = 60_000;
const cache = new WeakMap<BridgeContext, { at: number; list: Promise<z.infer<typeof coconutsList>['coconuts']> }>();

/**
 * The id of the Coconut a `coconutId` argument names. An id passes as is; otherwise the name must
 * match exactly one Coconut (case-insensitively), as the `nut coconut --name` CLI resolves it.
 * Without the scope to list Coconuts, the value is sent as an id.
 */
export async function resolveCoconutId(value: string, ctx: BridgeContext): Promise<string> {
  let list;
  try {
    list = await coconuts(ctx);
  } catch (error) {
    // A login without coconuts:read cannot look names up: the value goes as the id it may well be.
    if (isConnectorError(error) && error.code === 'forbidden') return value;
    throw error;
  }
  if (list.some((c) => c.id === value)) return value;
  const wanted = value.trim().toLowerCase();
  const matches = list.filter((c) => c.name?.trim().toLowerCase() === wanted);
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0) {
    throw new ConnectorError('not_found', `No Coconut has the id or name "${value}".`, {
      hint: 'List the Coconuts you can see with coconut_coconuts_list and pass one of their ids.',
    });
  }
  throw new ConnectorError('invalid_input', `"${value}" names ${matches.length} Coconuts: ${matches.map((c) => c.id).join(', ')}.`, {
    hint: 'Pass the id of the one you mean as coconutId.',
  });
}

async function coconuts(ctx: BridgeContext) {
  const hit = cache.get(ctx);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.list;
  const list = ctx.read('coconuts_list').then((data) => {
    const parsed = coconutsList.safeParse(data);
    if (!parsed.success)
      throw new ConnectorError('upstream_error', 'Coconut answered coconuts_list in an unexpected shape, so the name could not be resolved.', {
        hint: 'Pass the Coconut id instead of its name.',
      });
    return parsed.data.coconuts;
  });
  cache.set(ctx, { at: Date.now(), list });
  list.catch(() => cache.delete(ctx));
  return list;
}

/** The upstream arguments of a tool on one Coconut: the input, with its coconutId resolved. */
export async function onCoconut(input: Record<string, unknown>, ctx: BridgeContext): Promise<Record<string, unknown>> {
  return { ...input, coconutId: await resolveCoconutId(String(input.coconutId), ctx) };
}
