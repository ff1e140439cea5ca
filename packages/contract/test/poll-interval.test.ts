// Held-out finding: the interval subscribed resources are polled at could not be tuned (Jira's 60 s
// was fixed). It is an option of every connector (`--poll-interval`, `<ID>_POLL_INTERVAL`), down to
// a floor the connector sets from its vendor's rate limits.
import { describe, expect, it } from 'vitest';
import { parseCliOptions, UsageError } from '../src/cli/options.js';
import { defineConnector, runCli } from '../src/index.js';
import { ConnectorRuntime } from '../src/server.js';
import { notesConnector } from './support/notes-connector.js';

const watched = defineConnector({
  ...notesConnector,
  resources: [{ uri: 'notes://note/{id}', name: 'note', title: 'Note', description: 'One note.', tool: 'get_note' }],
  pollIntervalMs: 60_000,
  minPollIntervalMs: 15_000,
});

describe('the poll interval', () => {
  it('is read from --poll-interval or <ID>_POLL_INTERVAL in seconds, the flag winning', () => {
    expect(parseCliOptions('notes', ['--poll-interval', '20'], {}).pollIntervalMs).toBe(20_000);
    expect(parseCliOptions('notes', [], { NOTES_POLL_INTERVAL: '2.5' }).pollIntervalMs).toBe(2_500);
    expect(parseCliOptions('notes', ['--poll-interval', '30'], { NOTES_POLL_INTERVAL: '90' }).pollIntervalMs).toBe(30_000);
    expect(parseCliOptions('notes', [], {}).pollIntervalMs).toBeUndefined();
    expect(() => parseCliOptions('notes', ['--poll-interval', 'soon'], {})).toThrow(UsageError);
    expect(() => parseCliOptions('notes', ['--poll-interval', '0'], {})).toThrow(/Invalid poll interval "0"/);
  });

  it('drives the watcher, and cannot go under the connector floor', async () => {
    const runtime = new ConnectorRuntime(watched, { env: { NOTES_API_TOKEN: 'x' }, pollIntervalMs: 20_000, logLevel: 'silent' });
    expect(runtime.resourceWatcher.intervalMs).toBe(20_000);
    expect(() => new ConnectorRuntime(watched, { env: { NOTES_API_TOKEN: 'x' }, pollIntervalMs: 5_000, logLevel: 'silent' })).toThrow(
      /poll interval of notes is at least 15 s/,
    );
    const err: string[] = [];
    const code = await runCli(watched, { argv: ['tools', '--poll-interval', '5'], env: {}, out: () => undefined, err: (t) => err.push(t) });
    expect(code).not.toBe(0);
    expect(err.join('')).toMatch(/at least 15 s/);
    // configure refuses it too, rather than writing an entry the server will not start with.
    const refused = await runCli(watched, {
      argv: ['configure', 'cursor', '--dry-run', '--poll-interval', '5'],
      env: {},
      out: () => undefined,
      err: (t) => err.push(t),
    });
    expect(refused).toBe(2);
  });

  it('is listed by --help for connectors with resources, with its default', async () => {
    const out: string[] = [];
    await runCli(watched, { argv: ['--help'], env: {}, out: (t) => out.push(t) });
    expect(out.join('')).toMatch(/--poll-interval SECONDS\s+How often subscribed resources are read \(default 60\)\s+env NOTES_POLL_INTERVAL/);
  });

  it('is checked when the connector is defined: a floor above the default is a mistake', () => {
    expect(() => defineConnector({ ...watched, minPollIntervalMs: 120_000 })).toThrow(
      /minPollIntervalMs must be a whole number of ms from 100 to its pollIntervalMs/,
    );
  });
});
