import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the catalog reads its JSON from. Reads are synchronous because every language feature is a
 * pure function of (document, position); the files are small and each is read once, then cached.
 */
export interface IamDataSource {
  /** The parsed file, or undefined when it does not exist. */
  readJson(relativePath: string): unknown;
}

export function fileDataSource(directory: string): IamDataSource {
  return {
    readJson(relativePath) {
      let text: string;
      try {
        text = readFileSync(join(directory, relativePath), 'utf8');
      } catch {
        return undefined;
      }
      return JSON.parse(text) as unknown;
    },
  };
}

/** The bundles (dist/server.js, dist/cli.js) sit next to dist/data. */
export function bundledDataDirectory(): string {
  return join(__dirname, 'data');
}
