import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/service/codeActions';
import { detectIndentUnit, detectLineEnding, insert, remove, replace } from '../../../server/src/service/codeActions/textEdits';

describe('text edits', () => {
  it('applies edits given against the original text, in any order', () => {
    const text = '["a", "b", "c"]';
    assert.equal(applyEdits(text, [remove(9, 14), replace({ start: 1, end: 4 }, '"A"'), insert(14, ', "d"')]), '["A", "b", "d"]');
  });

  it('keeps the order of inserts at one offset', () => {
    assert.equal(applyEdits('[]', [insert(1, '1'), insert(1, ',2')]), '[1,2]');
  });

  it('refuses overlapping edits', () => {
    assert.throws(() => applyEdits('abcdef', [remove(1, 4), remove(3, 5)]), /Overlapping/);
  });

  it('detects the line ending and indentation of a document', () => {
    assert.equal(detectLineEnding('{\r\n  "a": 1\r\n}'), '\r\n');
    assert.equal(detectLineEnding('{\n  "a": 1\n}'), '\n');
    assert.equal(detectLineEnding('{}'), '\n');
    assert.equal(detectIndentUnit('{\n\t"a": {\n\t\t"b": 1\n\t}\n}'), '\t');
    assert.equal(detectIndentUnit('{\n  "a": {\n    "b": 1\n  }\n}'), '  ');
    assert.equal(detectIndentUnit('{\n    "a": [\n        1\n    ]\n}'), '    ');
  });
});
