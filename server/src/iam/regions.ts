import type { IamDataSource } from './dataSource';

/** AWS partitions and their regions, from the partitions data AWS ships with its JavaScript SDK. */
export interface AwsRegion {
  readonly id: string;
  readonly description: string;
  readonly partition: string;
}

export class RegionCatalog {
  private regions: Map<string, AwsRegion> | undefined;

  constructor(private readonly source: IamDataSource) {}

  all(): AwsRegion[] {
    return [...this.load().values()];
  }

  find(id: string): AwsRegion | undefined {
    return this.load().get(id);
  }

  private load(): Map<string, AwsRegion> {
    if (!this.regions) {
      this.regions = new Map();
      const raw = this.source.readJson('partitions.json');
      for (const partition of Array.isArray(raw) ? raw : []) {
        const regions: unknown = partition?.regions;
        for (const region of Array.isArray(regions) ? regions : []) {
          const id = String(region?.id ?? '');
          this.regions.set(id, { id, description: String(region?.description ?? ''), partition: String(partition.id) });
        }
      }
    }
    return this.regions;
  }
}
