import { readFileSync } from 'node:fs';

/** An AWS Region with its name and the ARN partition it belongs to. */
export interface Region {
  readonly id: string;
  readonly name: string;
  readonly partition: string;
}

/**
 * The regions AWS's JavaScript SDK knows, as copied into dist/data/partitions.json at build time (the
 * same file the server reads), so the list is maintained data, not a hand-typed one.
 */
export function readRegions(partitionsFile: string): Region[] {
  const raw: unknown = JSON.parse(readFileSync(partitionsFile, 'utf8'));
  const regions: Region[] = [];
  for (const partition of Array.isArray(raw) ? raw : []) {
    const list: unknown = partition?.regions;
    for (const region of Array.isArray(list) ? list : []) {
      regions.push({ id: String(region?.id ?? ''), name: String(region?.description ?? ''), partition: String(partition?.id ?? 'aws') });
    }
  }
  return regions.filter((r) => r.id);
}

/** Commercial regions first (where almost every SES user is), the preferred one at the very top. */
export function orderRegions(regions: readonly Region[], preferred: string): Region[] {
  const rank = (r: Region): number => (r.id === preferred ? 0 : r.partition === 'aws' ? 1 : 2);
  return [...regions].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}
