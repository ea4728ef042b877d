import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/service/codeActions';
import { detectIndentUnit, detectLineEnding, insert, minimalTextEdit, narrowEdit, remove, replace } from '../../../server/src/service/codeActions/textEdits';

describe('text edits', () => {
  it('cuts a minimal edit between characters, never inside a surrogate pair', () => {
    // 😀 and 😃 share their high surrogate; the edit must replace the whole character.
    assert.deepEqual(minimalTextEdit('"a😀b"', '"a😃b"'), { range: { start: 2, end: 4 }, newText: '😃' });
    assert.deepEqual(minimalTextEdit('x\ude00', 'y\ude00'), { range: { start: 0, end: 1 }, newText: 'y' });
    assert.deepEqual(narrowEdit('["😀"]', { range: { start: 1, end: 5 }, newText: '"😃"' }), { range: { start: 2, end: 4 }, newText: '😃' });
    assert.deepEqual(minimalTextEdit('same', 'same'), { range: { start: 4, end: 4 }, newText: '' });
  });

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

  it('narrows a replacement to the characters that change, never splitting a surrogate pair', () => {
    const text = '["SES:getaccount"]';
    assert.deepEqual(narrowEdit(text, replace({ start: 1, end: 17 }, '"ses:GetAccount"')), replace({ start: 2, end: 10 }, 'ses:GetA'));
    assert.deepEqual(narrowEdit('"2012-10-18"', replace({ start: 0, end: 12 }, '"2012-10-17"')), replace({ start: 10, end: 11 }, '7'));
    assert.deepEqual(narrowEdit('"x"', replace({ start: 0, end: 3 }, '"x", "y"')), insert(3, ', "y"'));
    const emoji = '"\u{1F600}"';
    assert.deepEqual(narrowEdit(emoji, replace({ start: 0, end: 4 }, '"\u{1F601}"')), replace({ start: 1, end: 3 }, '\u{1F601}'));
    const edit = remove(1, 4);
    assert.equal(narrowEdit('abcdef', edit), edit);
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
