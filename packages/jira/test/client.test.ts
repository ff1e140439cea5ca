import { describe, expect, it } from 'vitest';
import { classifyJiraError, parseJiraRateLimit } from '../src/client.js';

const response = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, body, headers: new Headers(headers) });

describe('classifyJiraError', () => {
  it('joins errorMessages and field errors into one message naming the fields', () => {
    expect(
      classifyJiraError(
        response(400, {
          errorMessages: ['Issue could not be created'],
          errors: { summary: 'You must specify a summary of the issue.', priority: 'Priority name "Urgent" is not valid' },
        }),
      ),
    ).toEqual({
      message: 'Issue could not be created. summary: You must specify a summary of the issue. priority: Priority name "Urgent" is not valid.',
      vendorCode: 'field_errors:summary,priority',
      hint: expect.stringContaining('jira_get_create_fields'),
    });
  });

  it('passes a single message through unchanged', () => {
    expect(classifyJiraError(response(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }))).toEqual({
      message: 'Issue does not exist or you do not have permission to see it.',
    });
  });

  it('reads the gateway’s { code, message } body and recognises a scope mismatch', () => {
    expect(classifyJiraError(response(401, { code: 401, message: 'Unauthorized; scope does not match' }))).toMatchObject({
      message: 'Unauthorized; scope does not match',
      vendorCode: 'scope_mismatch',
      hint: expect.stringContaining('scope'),
    });
  });

  it('uses a short plain-text body, but never an HTML page', () => {
    expect(classifyJiraError(response(400, 'Bad request: malformed JSON'))).toEqual({ message: 'Bad request: malformed JSON' });
    expect(classifyJiraError(response(500, '<!DOCTYPE html><html><body>Oops</body></html>'))).toBeUndefined();
  });

  it('names the rate-limit reason on 429', () => {
    expect(classifyJiraError(response(429, undefined, { 'ratelimit-reason': 'jira-burst-based' }))).toEqual({
      message: 'rate limited (jira-burst-based)',
      vendorCode: 'jira-burst-based',
    });
    expect(classifyJiraError(response(429, undefined))).toEqual({ message: 'rate limited' });
  });

  it('tells apart a bad token, a CAPTCHA lock-out and a JQL error', () => {
    expect(classifyJiraError(response(401, undefined, { 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' }))).toMatchObject({
      vendorCode: 'authenticated_failed',
    });
    expect(classifyJiraError(response(403, undefined, { 'x-seraph-loginreason': 'AUTHENTICATION_DENIED' }))).toMatchObject({
      code: 'unauthorized',
      vendorCode: 'captcha_required',
    });
    expect(
      classifyJiraError(response(400, { errorMessages: ["Field 'sprint' does not exist or you do not have permission to view it."], errors: {} })),
    ).toEqual({
      message: "Field 'sprint' does not exist or you do not have permission to view it.",
    });
    expect(
      classifyJiraError(response(400, { errorMessages: ["Error in the JQL Query: The character '%' is a reserved JQL character."], errors: {} })),
    ).toMatchObject({ vendorCode: 'jql_invalid' });
  });
});

describe('parseJiraRateLimit', () => {
  it('reads X-RateLimit-* with an ISO reset time', () => {
    expect(
      parseJiraRateLimit(response(200, {}, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '2025-11-21T10:05:00Z' })),
    ).toEqual({
      limit: 100,
      remaining: 12,
      resetAt: '2025-11-21T10:05:00.000Z',
    });
  });

  it('reads RateLimit-* with a reset in seconds, and epoch seconds', () => {
    const now = Date.now();
    const parsed = parseJiraRateLimit(response(200, {}, { 'ratelimit-limit': '40', 'ratelimit-remaining': '39', 'ratelimit-reset': '30' }))!;
    expect(parsed).toMatchObject({ limit: 40, remaining: 39 });
    expect(Date.parse(parsed.resetAt!) - now).toBeGreaterThanOrEqual(29_000);
    expect(parseJiraRateLimit(response(200, {}, { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '1763719500' }))).toEqual({
      remaining: 5,
      resetAt: '2025-11-21T10:05:00.000Z',
    });
  });

  it('reads the structured RateLimit and RateLimit-Policy headers', () => {
    expect(parseJiraRateLimit(response(200, {}, { ratelimit: '"jira-quota";r=50;t=0', 'ratelimit-policy': '"jira-quota";q=100;w=60' }))).toMatchObject({
      limit: 100,
      remaining: 50,
    });
  });

  it('says nothing when there are no rate-limit headers, except on a 429', () => {
    expect(parseJiraRateLimit(response(200, {}))).toBeUndefined();
    expect(parseJiraRateLimit(response(429, {}, { 'retry-after': '10' }))).toMatchObject({ remaining: 0, resetAt: expect.any(String) });
  });
});
