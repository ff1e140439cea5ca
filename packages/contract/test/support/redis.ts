import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real redis-server on 127.0.0.1 for one test file, keeping its data in an append-only file unless told not to. */
export interface TestRedis {
  url: string;
  /** Kills the server (SIGKILL, as a crash) and starts it again on the same port and data folder. */
  crashAndRestart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts redis-server (the Debian package; `pnpm test` installs it when it can). Without it the
 * test fails with what to install, rather than passing without having run.
 */
export async function startRedis(options: { persistent?: boolean } = {}): Promise<TestRedis> {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      'redis-server is not installed, so the Redis and replica tests cannot run: `apt-get install redis-server` (pnpm test does this when it runs as root).',
    );
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'connectors-redis-'));
  const persistence = options.persistent === false ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'everysec'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...persistence];
  let child = await spawnRedis(args);
  const exited = (process: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (process.exitCode !== null || process.signalCode !== null) return resolve();
      process.once('exit', () => resolve());
    });
  return {
    url: `redis://127.0.0.1:${port}/0`,
    crashAndRestart: async () => {
      const gone = exited(child);
      child.kill('SIGKILL');
      await gone;
      child = await spawnRedis(args);
    },
    stop: async () => {
      const gone = exited(child);
      child.kill('SIGTERM');
      await gone;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function spawnRedis(args: string[]): Promise<ChildProcess> {
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output.slice(-500)}`)), timeLimit(10_000));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)));
  });
  return child;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
