import { parseArn } from '../../iam/arn';
import type { PolicyDiagnostic } from '../diagnostics';
import type { PolicySettings } from '../settings';
import { quickFix, stringAt, type Fix, type FixContext } from './codeAction';
import { replace } from './textEdits';

/** The configured default region, when it looks like one (it is written into a JSON string). */
export function defaultRegion(settings: PolicySettings): string | undefined {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(settings.defaultRegion) ? settings.defaultRegion : undefined;
}

export function defaultAccountId(settings: PolicySettings): string | undefined {
  return /^\d{12}$/.test(settings.defaultAccountId) ? settings.defaultAccountId : undefined;
}

/**
 * `arn-placeholder`: fill a region or account placeholder from `iamPolicy.defaultRegion` /
 * `iamPolicy.defaultAccountId`. Without a setting there is nothing to fill in but a guess, so no fix.
 */
export function fillPlaceholder(ctx: FixContext, diagnostic: PolicyDiagnostic): Fix | undefined {
  const placeholder = diagnostic.data?.placeholder;
  const segment = diagnostic.data?.segment;
  if (typeof placeholder !== 'string' || (segment !== 'region' && segment !== 'account')) return undefined;
  const value = segment === 'region' ? defaultRegion(ctx.settings) : defaultAccountId(ctx.settings);
  if (!value) return undefined;
  const title = segment === 'region' ? `Use the default region "${value}"` : `Use the default account ID "${value}"`;
  const { start, end } = diagnostic.range;
  if (ctx.text.slice(start, end) === placeholder) return { action: quickFix(title, [diagnostic], [replace(diagnostic.range, value)], true), safe: true };

  // The ARN holds JSON escapes, so the diagnostic covers the whole string: rewrite its value.
  const arn = stringAt(ctx.text, start, end);
  const parsed = arn === undefined ? undefined : parseArn(arn);
  if (arn === undefined || !parsed) return undefined;
  const part = segment === 'region' ? parsed.region : parsed.account;
  if (!part.text.includes(placeholder)) return undefined;
  const filled = arn.slice(0, part.start) + part.text.replace(placeholder, value) + arn.slice(part.end);
  return { action: quickFix(title, [diagnostic], [replace(diagnostic.range, JSON.stringify(filled))], true), safe: true };
}
