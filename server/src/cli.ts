import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectFiles, type FileTarget } from './cli/files';
import { fixFile, WriteError } from './cli/fixFiles';
import { format, type FileReport, type Format } from './cli/formatters';
import { checkFile, checkRegionAccount, formatReadiness, isReady, profileValues, type ReadinessFileReport } from './cli/readiness';
import { createFileKnowledge, getLanguageService, type LanguageService } from './service/languageService';
import { findProfile, type ProfileValues, type ReadinessProfile } from './service/readiness/profiles';
import { isRuleCode } from './service/rules';
import { DEFAULT_SETTINGS, normalizeSettings, type PolicySettings } from './service/settings';

/**
 * iam-policy-lint: the same language service as the editor, over files. Exit 0 when no errors,
 * 1 when errors were found, 2 for usage or I/O problems.
 */
const VERSION = '0.1.0';
const USAGE = `Usage: iam-policy-lint [--fix] [--format text|json|sarif] [--rule code=severity ...]
                       [--region REGION] [--account ID] [paths...]
       iam-policy-lint --profile NAME [--profiles FILE] [--identity ID ...] [--region REGION] [--account ID]
                       [--format text|json] [paths...]

Checks AWS IAM policy JSON files. Folders are searched for .json files; files that are not
IAM policies (no "Statement") are skipped there. With no path, the current folder is searched.
  --fix        apply the safe quick fixes to the files (atomically), then report what is left
  --format     text (default), json or sarif (SARIF 2.1.0 for code scanning)
  --rule       override a rule's severity: off, error, warning, information or hint
  --region, --account
               the default Region and 12-digit account ID (as iamPolicy.defaultRegion and
               iamPolicy.defaultAccountId): --fix fills ARN placeholders with them
  --profile    readiness check instead: does each policy grant every permission the application
               needs? Built in: wp-offload-ses. --identity (repeatable), --region and --account
               name the SES identities it sends from (unnamed parts are read from the policy, or
               mean "any"); each identity is checked, one row per action and identity.
  --profiles   your own profiles, as in the iamPolicy.profiles setting: a JSON file holding that
               object, or a .vscode/settings.json (its "iamPolicy.profiles" is used)
Exit codes: 0 no errors (with --profile: nothing missing), 1 errors found (with --profile: a
permission is missing), 2 usage or I/O problem.`;

function main(argv: readonly string[]): number {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        fix: { type: 'boolean', default: false },
        rule: { type: 'string', multiple: true, default: [] },
        profile: { type: 'string' },
        profiles: { type: 'string' },
        identity: { type: 'string', multiple: true },
        region: { type: 'string' },
        account: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const kind = values.format;
  if (kind !== 'text' && kind !== 'json' && kind !== 'sarif') {
    process.stderr.write(`Unknown format "${kind}".\n\n${USAGE}\n`);
    return 2;
  }
  const rules = parseRules(values.rule ?? []);
  if (!rules) return 2;
  const knownRegion = (id: string) => createFileKnowledge().regions.find(id) !== undefined;
  const defaults = checkRegionAccount(values, knownRegion);
  if (defaults) {
    process.stderr.write(`${defaults}\n\n${USAGE}\n`);
    return 2;
  }
  const withDefaults = normalizeSettings({ ...rules, ...(values.region !== undefined ? { defaultRegion: values.region } : {}), ...(values.account !== undefined ? { defaultAccountId: values.account } : {}) });
  const settings = values.profiles === undefined ? withDefaults : readProfiles(values.profiles, withDefaults);
  if (typeof settings === 'string') {
    process.stderr.write(`iam-policy-lint: ${settings}\n`);
    return 2;
  }
  const readiness = parseProfile(values, settings);
  if (typeof readiness === 'string') {
    process.stderr.write(`${readiness}\n\n${USAGE}\n`);
    return 2;
  }

  let targets: FileTarget[];
  try {
    targets = collectFiles(positionals.length ? positionals : ['.']);
  } catch (error) {
    process.stderr.write(`iam-policy-lint: ${(error as Error).message}\n`);
    return 2;
  }
  const service = getLanguageService(createFileKnowledge());
  if (readiness) return runReadiness(service, targets, settings, readiness, kind === 'json' ? 'json' : 'text');
  const reports: FileReport[] = [];
  let ioProblem = false;
  for (const target of targets) {
    try {
      const report = lintFile(service, target, settings, values.fix === true);
      if (report) reports.push(report);
    } catch (error) {
      const verb = error instanceof WriteError ? 'cannot write' : 'cannot read';
      process.stderr.write(`iam-policy-lint: ${verb} ${target.path}: ${(error instanceof WriteError ? error.cause : error as Error).message}\n`);
      ioProblem = true;
    }
  }
  process.stdout.write(`${format(reports, kind as Format, VERSION)}\n`);
  if (ioProblem) return 2;
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

interface ReadinessOptions {
  readonly profile: ReadinessProfile;
  readonly values: ProfileValues;
}

/** Undefined without --profile; a message for a usage error. */
function parseProfile(values: Record<string, unknown>, settings: PolicySettings): ReadinessOptions | string | undefined {
  const flag = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const name = flag('profile');
  const identity = Array.isArray(values.identity) ? values.identity.filter((i): i is string => typeof i === 'string') : [];
  const region = flag('region');
  const account = flag('account');
  if (name === undefined) {
    return identity.length > 0 || flag('profiles') !== undefined ? '--identity and --profiles go with --profile.' : undefined;
  }
  const profile = findProfile(settings.profiles, name);
  if (!profile) {
    const known = settings.profiles.map((p) => p.name).join(', ');
    return `Unknown profile "${name}". Profiles: ${known}${values.profiles === undefined ? '; add your own with --profiles FILE' : ''}.`;
  }
  if (values.fix === true) return '--fix does not go with --profile: the readiness check only reports.';
  if (values.format === 'sarif') return '--format sarif does not go with --profile: use text or json.';
  const knowledge = createFileKnowledge();
  const parsed = profileValues({ identity, region, account }, (id) => knowledge.regions.find(id) !== undefined);
  return typeof parsed === 'string' ? parsed : { profile, values: parsed };
}

function runReadiness(service: LanguageService, targets: readonly FileTarget[], settings: PolicySettings, options: ReadinessOptions, kind: 'text' | 'json'): number {
  const reports: ReadinessFileReport[] = [];
  let ioProblem = false;
  for (const target of targets) {
    try {
      const text = readPolicyText(target.path);
      if (!target.explicit && !service.isPolicy(service.parse(text), target.path, { ...settings, files: [] })) continue;
      reports.push(checkFile(service, target.path, text, options.profile, options.values));
    } catch (error) {
      process.stderr.write(`iam-policy-lint: cannot read ${target.path}: ${(error as Error).message}\n`);
      ioProblem = true;
    }
  }
  process.stdout.write(`${formatReadiness(reports, kind)}\n`);
  if (ioProblem) return 2;
  return reports.every(isReady) ? 0 : 1;
}

function lintFile(service: LanguageService, target: FileTarget, settings: PolicySettings, fix: boolean): FileReport | undefined {
  let parsed = service.parse(readPolicyText(target.path));
  // Files found in folders must look like policies; files named on the command line are linted as asked.
  if (!target.explicit && !service.isPolicy(parsed, target.path, { ...settings, files: [] })) return undefined;
  if (fix) {
    const outcome = fixFile(target.path, service, settings);
    if (outcome.skipped) process.stderr.write(`${target.path}: not fixed: ${outcome.skipped}\n`);
    if (outcome.fixed.length > 0) {
      process.stderr.write(`${target.path}: fixed ${outcome.fixed.length}: ${outcome.fixed.map((f) => f.title).join('; ')}\n`);
      parsed = service.parse(readPolicyText(target.path));
    }
  }
  const text = parsed.text;
  const document = TextDocument.create(target.path, 'json', 1, text);
  const diagnostics = service.doValidation(parsed, settings).map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: { start: document.positionAt(d.range.start), end: document.positionAt(d.range.end) },
  }));
  return { file: target.path, diagnostics };
}

/** Editors do not show a byte-order mark, so positions are counted without it. */
function readPolicyText(path: string): string {
  const text = readFileSync(path, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The settings with the user's profiles from `file`: the `iamPolicy.profiles` object itself, or a
 * settings file (JSON with comments, as VS Code writes it) that holds it. A message when it cannot be used.
 */
function readProfiles(file: string, settings: PolicySettings): PolicySettings | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return `cannot read --profiles ${file}: ${(error as Error).message}`;
  }
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const first = errors[0]!;
    const line = text.slice(0, first.offset).split('\n').length;
    return `--profiles ${file} is not valid JSON (${printParseErrorCode(first.error)} on line ${line}).`;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return `--profiles ${file} must hold a JSON object of profiles.`;
  const record = raw as Record<string, unknown>;
  const nested = record.iamPolicy;
  const profiles =
    'iamPolicy.profiles' in record
      ? record['iamPolicy.profiles']
      : typeof nested === 'object' && nested !== null && 'profiles' in nested
        ? (nested as Record<string, unknown>).profiles
        : record;
  return normalizeSettings({ ...settings, profiles });
}

function parseRules(rules: readonly string[]): PolicySettings | undefined {
  const overrides: Record<string, string> = {};
  for (const rule of rules) {
    const [code, level] = rule.split('=');
    if (code && !isRuleCode(code)) {
      process.stderr.write(`Unknown rule "${code}" in --rule "${rule}". The rules are listed in docs/rules.md.\n`);
      return undefined;
    }
    if (!code || !level || !['off', 'error', 'warning', 'information', 'hint'].includes(level)) {
      process.stderr.write(`Invalid --rule "${rule}": expected code=off|error|warning|information|hint.\n`);
      return undefined;
    }
    overrides[code] = level;
  }
  return normalizeSettings({ ...DEFAULT_SETTINGS, rules: overrides });
}

process.exitCode = main(process.argv.slice(2));
