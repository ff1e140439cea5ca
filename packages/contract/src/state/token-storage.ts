import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../core/atomic-file.js';

/** Where one connector's OAuth tokens are kept: a 0600 file by default, Redis for replicas. */
export interface TokenStorage {
  /** Where they are, for messages; never holds a secret. */
  readonly location: string;
  /** The saved text, or undefined when there is none. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
  remove(): Promise<void>;
  /** The saved text read without waiting, where the storage can (a file): lets a server start register only the tools its login may call. */
  readSync?(): string | undefined;
  /** The same kind of storage for one account's login (`auth login --account`); without it, accounts are refused. */
  forAccount?(account: string): TokenStorage;
}

/** A file written atomically with mode 0600 in a 0700 directory. */
export class FileTokenStorage implements TokenStorage {
  constructor(readonly location: string) {}

  async read(): Promise<string | undefined> {
    try {
      return await readFile(this.location, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  readSync(): string | undefined {
    try {
      return readFileSync(this.location, 'utf8');
    } catch {
      return undefined;
    }
  }

  async write(text: string): Promise<void> {
    await writeFileAtomic(this.location, text, { mode: 0o600, dirMode: 0o700 });
  }

  async remove(): Promise<void> {
    await rm(this.location, { force: true });
  }
}
