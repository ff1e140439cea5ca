import { isDeepStrictEqual } from 'node:util';
import { envelopeSchema, z, type ToolCallResult } from '@connectors/contract';
import type { ToolDescriptor } from '@connectors/contract/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';

export interface EnvelopeCheckOptions {
  /** The advertised tool: structuredContent must validate against its outputSchema, as clients check. */
  descriptor?: Pick<ToolDescriptor, 'name' | 'outputSchema'>;
  /** The tool's zod output schema, for `data` of a success envelope. */
  data?: z.ZodType;
}

const validators = new WeakMap<object, (value: unknown) => { valid: boolean; errorMessage?: string | undefined }>();
let ajv: AjvJsonSchemaValidator | undefined;

/**
 * A tools/call result is a valid envelope: structuredContent matches the contract's envelope
 * schema (with the tool's data schema) and the advertised outputSchema, the text block mirrors it,
 * and `isError` is set exactly for errors.
 */
export function checkEnvelope(result: ToolCallResult, options: EnvelopeCheckOptions = {}): string[] {
  const problems: string[] = [];
  const envelope = result.structuredContent as unknown;
  if (typeof envelope !== 'object' || envelope === null) return ['The result has no structuredContent envelope.'];
  const ok = (envelope as { ok?: unknown }).ok;

  const parsed = envelopeSchema(ok === true && options.data ? options.data : z.unknown()).safeParse(envelope);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(envelope)'}: ${issue.message}`);
    problems.push(`The envelope does not match the contract${ok === true && options.data ? ' and the tool output schema' : ''}: ${issues.join('; ')}.`);
  }
  if (options.descriptor) {
    const validate = validatorFor(options.descriptor.outputSchema);
    const verdict = validate(envelope);
    if (!verdict.valid)
      problems.push(
        `structuredContent does not validate against the advertised outputSchema of ${options.descriptor.name} (clients reject it): ${verdict.errorMessage}.`,
      );
  }
  const text = result.content?.[0];
  if (text?.type !== 'text') {
    problems.push('The result has no text block mirroring the envelope (older clients read only content).');
  } else {
    let mirrored: unknown;
    try {
      mirrored = JSON.parse(text.text);
    } catch {
      problems.push('The text block is not the envelope as JSON.');
    }
    if (mirrored !== undefined && !isDeepStrictEqual(mirrored, envelope)) problems.push('The text block differs from structuredContent.');
  }
  if (ok === false && result.isError !== true) problems.push('An error envelope without isError: true.');
  if (ok === true && result.isError) problems.push('A success envelope marked isError.');
  return problems;
}

function validatorFor(schema: Record<string, unknown>) {
  let validate = validators.get(schema);
  if (!validate) {
    ajv ??= new AjvJsonSchemaValidator();
    validate = ajv.getValidator(schema as never);
    validators.set(schema, validate);
  }
  return validate;
}
