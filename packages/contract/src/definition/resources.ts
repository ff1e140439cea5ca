// Resources: vendor objects an MCP client can read (and, later, subscribe to) by URI, declared next
// to the tools. Each resource is a view of one of the connector's read tools: `jira://issue/{issueKey}`
// reads through `get_issue` with `{ issueKey }`. So a resource is validated, gated, timed out,
// normalised, redacted and size-capped exactly like that tool, and costs no second implementation.

/** A resource a connector declares: a URI template and the read tool that answers it. */
export interface ResourceDefinition {
  /**
   * `<scheme>://...` with `{name}` variables, each a whole path segment (RFC 6570 level 1:
   * `jira://issue/{issueKey}`, `jira://search/{jql}`); no variable makes it a fixed resource,
   * listed by resources/list. A variable's value is percent-decoded and becomes the tool's
   * argument of that name.
   */
  uri: string;
  /** snake_case, unique in the connector. */
  name: string;
  title: string;
  /** What a client reads there, in a sentence. */
  description: string;
  /** The read tool (its action) whose result is the resource's content. */
  tool: string;
  /**
   * Fixed arguments added to the variables (e.g. `{ limit: 20 }`), or a function from the
   * variables to the tool's whole arguments, for a variable that is not an input as it is
   * (`{folderId}` → `{ q: "'<id>' in parents" }`; check the value there, the URI is the client's).
   */
  args?: Record<string, unknown> | ((values: Record<string, string>) => Record<string, unknown>);
  /**
   * For subscriptions: a cheaper read tool, and its arguments, whose result changes whenever this
   * resource does, polled instead of the resource itself (Jira: the search row, whose
   * `updated` moves with every change, instead of the whole issue and its description).
   */
  watch?: { tool: string; args: (values: Record<string, string>) => Record<string, unknown> };
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const VARIABLE = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** A resource with its template taken apart, ready to match URIs. */
export interface CompiledResource {
  definition: ResourceDefinition;
  /** The variables, in order. */
  variables: string[];
  match(uri: string): Record<string, string> | undefined;
}

/** Takes a template apart; throws on one that cannot be matched unambiguously. */
export function compileResource(definition: ResourceDefinition): CompiledResource {
  const { uri } = definition;
  const scheme = SCHEME.exec(uri)?.[0];
  if (!scheme) throw new Error(`Resource "${definition.name}" URI "${uri}" must start with a scheme, e.g. "jira://".`);
  const segments = uri.slice(scheme.length).split('/');
  const variables: string[] = [];
  const parts = segments.map((segment) => {
    const variable = VARIABLE.exec(segment)?.[1];
    if (variable) {
      if (variables.includes(variable)) throw new Error(`Resource "${definition.name}" names {${variable}} twice.`);
      variables.push(variable);
      return undefined;
    }
    if (/[{}]/.test(segment)) throw new Error(`Resource "${definition.name}" URI "${uri}": a variable must be a whole path segment, like {id}.`);
    return segment;
  });
  return {
    definition,
    variables,
    match(candidate) {
      if (!candidate.startsWith(scheme)) return undefined;
      const given = candidate.slice(scheme.length).split('/');
      if (given.length !== parts.length) return undefined;
      const values: Record<string, string> = {};
      let next = 0;
      for (const [i, part] of parts.entries()) {
        if (part !== undefined) {
          if (given[i] !== part) return undefined;
          continue;
        }
        let value: string;
        try {
          value = decodeURIComponent(given[i]!);
        } catch {
          return undefined;
        }
        if (value === '') return undefined;
        values[variables[next++]!] = value;
      }
      return values;
    },
  };
}

/** The URI of a resource for these values (each percent-encoded): what a client subscribes to. */
export function resourceUri(definition: Pick<ResourceDefinition, 'uri'>, values: Record<string, string>): string {
  return definition.uri.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${definition.uri}.`);
    return encodeURIComponent(value);
  });
}

/** The read tool's arguments for a matched URI. */
export function resourceArgs(definition: ResourceDefinition, values: Record<string, string>): Record<string, unknown> {
  return typeof definition.args === 'function' ? definition.args(values) : { ...definition.args, ...values };
}
