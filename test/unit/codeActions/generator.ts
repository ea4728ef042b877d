/**
 * Seeded random IAM policies for the quick-fix property test: random statement shapes, string or
 * array values, odd spacing, CRLF, tabs, comments, account-level and scoped SES actions, typos,
 * duplicate actions and Sids, missing or wrong Version (a number too). Deterministic: one seed, one document.
 */

/** mulberry32: a tiny, well-mixed 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A string, an object, an array, or a value written as is (`2012` for a Version of the wrong type). */
type Value = { readonly s: string } | { readonly raw: string } | { readonly members: readonly (readonly [string, Value])[] } | { readonly items: readonly Value[] };

const SCOPED = ['ses:SendRawEmail', 'ses:SendEmail', 'ses:CreateEmailIdentity', 'ses:DeleteEmailIdentity', 'ses:GetEmailIdentity'];
const ACCOUNT = ['ses:GetAccount', 'ses:ListEmailIdentities', 'ses:GetSendQuota', 'ses:ListIdentities'];
const WILDCARDS = ['ses:GetAcc*', 'ses:Get*', 'ses:List*'];
const MISCASED = ['SES:getaccount', 'ses:sendrawemail', 'Ses:ListEmailIdentities'];
const TYPOS = ['ses:SendRawEmal', 'ses:GetAcount', 'sesv:SendRawEmail', 'ses:ListEmailIdentites'];
const OTHERS = ['s3:GetObject', 'sqs:SendMessage'];
const RESOURCES = [
  '*',
  'arn:aws:ses:eu-west-2:123456789012:identity/example.com',
  'arn:aws:ses:eu-west-2:123456789012:identity/*',
  'arn:aws:ses:YOUR_REGION_HERE:YOUR_ACCOUNT_NUMBER_HERE:identity/*',
  'arn:aws:ses:${Region}:${Account}:configuration-set/main',
  'arn:aws:s3:::my-bucket',
  'arn:aws:sqs:eu-west-2:123456789012:queue',
];
const KEY_TYPOS: Record<string, string> = { effect: 'Effect', Efect: 'Effect', action: 'Action', Actoin: 'Action', resource: 'Resource', Resorce: 'Resource' };
const EFFECTS = ['Allow', 'Allow', 'Allow', 'Allow', 'Deny', 'Deny', 'allow', 'Alow', 'deny'];
const SIDS = ['Main', 'Send', 'AccountLevel', 'A1'];
const CONDITIONS: Value[] = [
  { members: [['StringEquals', { members: [['aws:RequestedRegion', { s: 'eu-west-2' }]] }]] },
  { members: [['Bool', { members: [['aws:SecureTransport', { s: 'true' }]] }]] },
];

export interface Generated {
  readonly text: string;
  /** Every comment written, each unique, so the test can check none is lost. */
  readonly comments: readonly string[];
  readonly eol: '\n' | '\r\n';
  readonly indent: string | undefined;
}

export function generatePolicy(seed: number): Generated {
  const random = mulberry32(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => pick(items));

  const action = (clean: boolean) => {
    const r = random();
    if (r < 0.35) return pick(SCOPED);
    if (r < 0.7) return pick(ACCOUNT);
    if (r < 0.8 || clean) return pick(WILDCARDS);
    if (r < 0.87) return pick(MISCASED);
    if (r < 0.95) return pick(TYPOS);
    return pick(OTHERS);
  };
  const strings = (values: string[], asArray: boolean): Value => (values.length === 1 && !asArray ? { s: values[0]! } : { items: values.map((s) => ({ s })) });

  const statement = (): Value => {
    // A key typed in the wrong case is fixed by fix-all, so its value is kept valid: renaming must not reveal an error.
    const keyTypo = chance(0.1) ? pick(Object.keys(KEY_TYPOS)) : undefined;
    const key = (name: string) => (keyTypo !== undefined && KEY_TYPOS[keyTypo] === name ? keyTypo : name);
    const clean = (name: string) => key(name) !== name && key(name).toLowerCase() === name.toLowerCase();
    const members: [string, Value][] = [];
    if (chance(0.6)) members.push(['Sid', { s: pick(SIDS) }]);
    members.push([key('Effect'), { s: clean('Effect') ? pick(['Allow', 'Deny']) : pick(EFFECTS) }]);
    if (chance(0.05)) members.push(['Principal', { members: [['AWS', { s: 'arn:aws:iam::123456789012:root' }]] }]);
    const actions = some([0], 1, 5).map(() => action(clean('Action')));
    members.push([key('Action'), strings(actions, chance(0.5))]);
    const resources = some(RESOURCES, 1, 3);
    members.push([key('Resource'), strings(resources, chance(0.3))]);
    if (chance(0.2)) members.push(['Condition', pick(CONDITIONS)]);
    if (chance(0.2)) members.sort(() => random() - 0.5);
    return { members };
  };

  const statements = some([0], 1, 4).map(statement);
  const root: [string, Value][] = [];
  const version = random();
  const statementValue: Value = statements.length === 1 && chance(0.2) ? statements[0]! : { items: statements };
  if (version < 0.65) root.push(['Version', { s: '2012-10-17' }]);
  else if (version < 0.75) root.push(['Version', { s: '2012-10-18' }]);
  else if (version < 0.8) root.push(['version', { s: '2012-10-17' }]);
  root.push(['Statement', statementValue]);
  if (version >= 0.85 && version < 0.95) root.push(['Version', { s: '2012-10-17' }]);
  // Drawn from the same number, so adding it left every other case as it was.
  if (version >= 0.97) root.push(['Version', { raw: '2012' }]);

  return print({ members: root }, random);
}

/** Writes a value with a randomly chosen but mostly consistent layout. */
function print(root: Value, random: () => number): Generated {
  const chance = (p: number) => random() < p;
  const eol = chance(0.3) ? '\r\n' : '\n';
  const layout = random();
  const indent = layout < 0.2 ? undefined : layout < 0.4 ? '\t' : layout < 0.7 ? '    ' : '  ';
  const odd = chance(0.25);
  const commentRate = chance(0.4) ? 0.15 : 0;
  const comments: string[] = [];
  const colon = () => (odd ? [':', ' : ', ':  ', ': '][Math.floor(random() * 4)]! : indent === undefined && chance(0.5) ? ':' : ': ');
  const comma = () => (odd ? [',', ' , ', ', ', ',  '][Math.floor(random() * 4)]! : indent === undefined ? ',' : ', ');
  const block = () => {
    if (!chance(commentRate)) return '';
    const comment = `/*c${comments.length}*/`;
    comments.push(comment);
    return `${comment} `;
  };
  const line = () => {
    if (indent === undefined || !chance(commentRate)) return '';
    const comment = `// c${comments.length}`;
    comments.push(comment);
    return ` ${comment}`;
  };
  const write = (value: Value, depth: number): string => {
    if ('s' in value) return JSON.stringify(value.s);
    if ('raw' in value) return value.raw;
    const [open, close, parts] =
      'members' in value
        ? ['{', '}', value.members.map(([k, v]) => `${block()}${JSON.stringify(k)}${colon()}${write(v, depth + 1)}`)]
        : ['[', ']', value.items.map((v) => `${block()}${write(v, depth + 1)}`)];
    const inline = indent === undefined || ('items' in value && chance(0.4)) || parts.length === 0;
    if (inline) return `${open}${odd && chance(0.5) ? ' ' : ''}${parts.join(comma())}${close}`;
    const lead = (d: number) => eol + indent.repeat(d);
    return `${open}${parts.map((p, i) => `${lead(depth + 1)}${p}${i < parts.length - 1 ? ',' : ''}${line()}`).join('')}${lead(depth)}${close}`;
  };
  return { text: write(root, 0) + (chance(0.5) ? eol : ''), comments, eol, indent };
}
