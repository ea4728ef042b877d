import { doComplete } from '../../../server/src/service/completion/completion';
import { doHover } from '../../../server/src/service/hover/hover';
import { example, service } from '../service';
import { NO_DEFAULTS } from './helpers';

/**
 * Rough figures, printed and never asserted: a timed assertion fails on a busy machine and proves
 * nothing on a fast one.
 */
function time(run: () => unknown, times = 50): string {
  run(); // the first run loads the service's data; the editor pays that once
  const start = process.hrtime.bigint();
  for (let i = 0; i < times; i++) run();
  return `${(Number(process.hrtime.bigint() - start) / 1e6 / times).toFixed(2)} ms`;
}

function largePolicy(statements: number): string {
  const body = Array.from({ length: statements }, (_, i) =>
    JSON.stringify({ Sid: `S${i}`, Effect: 'Allow', Action: ['ses:SendRawEmail', 'ses:SendEmail'], Resource: `arn:aws:ses:eu-west-2:123456789012:identity/d${i}.example.com` }, null, 2),
  );
  return `{\n"Version": "2012-10-17",\n"Statement": [\n${body.join(',\n')}\n]\n}`;
}

describe('completion and hover timing (printed, not asserted)', () => {
  it('prints rough timings', () => {
    const cases: [string, string][] = [
      ['restricted example', example('wp-offload-ses-restricted.json')],
      ['2000-statement policy', largePolicy(2000)],
    ];
    for (const [name, text] of cases) {
      const document = service.parse(text);
      const action = text.lastIndexOf('"ses:SendRawEmail"') + 5;
      const resource = text.lastIndexOf('"arn:aws:ses:') + 1;
      const options = { snippetSupport: true };
      const lines = [
        `parse ${time(() => service.parse(text), 5)}`,
        `actions ${time(() => doComplete(document, action, NO_DEFAULTS, service.knowledge, options))}`,
        `resources ${time(() => doComplete(document, resource, NO_DEFAULTS, service.knowledge, options))}`,
        `hover action ${time(() => doHover(document, action, service.knowledge))}`,
        `hover ARN ${time(() => doHover(document, resource + 3, service.knowledge))}`,
      ];
      console.log(`      ${name} (${text.length} chars): ${lines.join(', ')}`);
    }
  });
});
