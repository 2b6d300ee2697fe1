import { describe, expect, it } from 'vitest';
import { keyToCommand, type KeyContext } from '../../../renderer/journal/keyboard';

const ctx: KeyContext = { attendanceCodes: ['н', 'б', 'у', 'оп'], buffer: '' };

describe('keyToCommand', () => {
  it('maps marks, movement and editing keys', () => {
    expect(keyToCommand({ key: '5' }, ctx).command).toEqual({ kind: 'addMark', value: '5' });
    expect(keyToCommand({ key: 'Enter' }, ctx).command).toEqual({ kind: 'move', dRow: 1, dCol: 0 });
    // The grid is one tab stop: Tab keeps its default and leaves it.
    expect(keyToCommand({ key: 'Tab', shiftKey: true }, ctx).command).toBeNull();
    expect(keyToCommand({ key: 'Tab' }, ctx).command).toBeNull();
    expect(keyToCommand({ key: 'Home' }, ctx).command).toEqual({ kind: 'jump', col: 'first' });
    expect(keyToCommand({ key: 'End' }, ctx).command).toEqual({ kind: 'jump', col: 'last' });
    expect(keyToCommand({ key: 'Home', ctrlKey: true }, ctx).command).toEqual({
      kind: 'jump',
      row: 'first',
      col: 'first',
    });
    expect(keyToCommand({ key: 'End', ctrlKey: true }, ctx).command).toEqual({
      kind: 'jump',
      row: 'last',
      col: 'last',
    });
    expect(keyToCommand({ key: 'PageDown' }, ctx).command).toEqual({
      kind: 'move',
      dRow: 10,
      dCol: 0,
    });
    expect(keyToCommand({ key: 'PageUp' }, ctx).command).toEqual({
      kind: 'move',
      dRow: -10,
      dCol: 0,
    });
    expect(keyToCommand({ key: 'F6' }, ctx).command).toEqual({ kind: 'toLessonPanel' });
    expect(keyToCommand({ key: 'Escape', code: 'Escape' }, { ...ctx, buffer: 'о' })).toEqual({
      command: { kind: 'escape' },
      buffer: '',
    });
    expect(keyToCommand({ key: 'Backspace' }, ctx).command).toEqual({ kind: 'removeLastMark' });
    expect(keyToCommand({ key: 'Delete' }, ctx).command).toEqual({ kind: 'clearCell' });
    expect(keyToCommand({ key: '/' }, ctx).command).toEqual({ kind: 'chooseWorkType' });
  });

  it('maps undo and redo in both layouts', () => {
    expect(keyToCommand({ key: 'z', code: 'KeyZ', ctrlKey: true }, ctx).command).toEqual({
      kind: 'undo',
    });
    expect(keyToCommand({ key: 'я', code: 'KeyZ', ctrlKey: true }, ctx).command).toEqual({
      kind: 'undo',
    });
    expect(
      keyToCommand({ key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true }, ctx).command,
    ).toEqual({
      kind: 'redo',
    });
    expect(keyToCommand({ key: 'н', code: 'KeyY', ctrlKey: true }, ctx).command).toEqual({
      kind: 'redo',
    });
  });

  it('sets single-letter codes typed in Russian or on the Latin layout', () => {
    expect(keyToCommand({ key: 'н', code: 'KeyY' }, ctx)).toEqual({
      command: { kind: 'setAttendance', code: 'н' },
      buffer: '',
    });
    expect(keyToCommand({ key: 'Н', code: 'KeyY', shiftKey: true }, ctx).command).toEqual({
      kind: 'setAttendance',
      code: 'н',
    });
    expect(keyToCommand({ key: 'y', code: 'KeyY' }, ctx).command).toEqual({
      kind: 'setAttendance',
      code: 'н',
    });
    expect(keyToCommand({ key: ',', code: 'Comma' }, ctx).command).toEqual({
      kind: 'setAttendance',
      code: 'б',
    });
  });

  it('buffers multi-letter codes', () => {
    const first = keyToCommand({ key: 'о' }, ctx);
    expect(first).toEqual({ command: { kind: 'pendingCode', prefix: 'о' }, buffer: 'о' });
    expect(keyToCommand({ key: 'п' }, { ...ctx, buffer: first.buffer })).toEqual({
      command: { kind: 'setAttendance', code: 'оп' },
      buffer: '',
    });
    // A letter that does not continue the buffer starts over.
    expect(keyToCommand({ key: 'н' }, { ...ctx, buffer: 'о' }).command).toEqual({
      kind: 'setAttendance',
      code: 'н',
    });
    // Movement drops the buffer.
    expect(keyToCommand({ key: 'ArrowDown' }, { ...ctx, buffer: 'о' }).buffer).toBe('');
  });

  it('sets a code that also starts a longer one at once and keeps it extendable', () => {
    const codes = { ...ctx, attendanceCodes: ['о', 'оп'] };
    const first = keyToCommand({ key: 'о' }, codes);
    expect(first).toEqual({ command: { kind: 'setAttendance', code: 'о' }, buffer: 'о' });
    expect(keyToCommand({ key: 'п' }, { ...codes, buffer: 'о' }).command).toEqual({
      kind: 'setAttendance',
      code: 'оп',
    });
  });

  it('takes + and − in pass/fail courses, refuses 1 where the school does not allow it', () => {
    expect(keyToCommand({ key: '+' }, { ...ctx, passFail: true }).command).toEqual({
      kind: 'addMark',
      value: 'pass',
    });
    expect(keyToCommand({ key: '-' }, { ...ctx, passFail: true }).command).toEqual({
      kind: 'addMark',
      value: 'fail',
    });
    expect(keyToCommand({ key: '5' }, { ...ctx, passFail: true }).command?.kind).toBe('unknownKey');
    expect(keyToCommand({ key: '1' }, { ...ctx, allowOne: false }).command?.kind).toBe(
      'unknownKey',
    );
  });

  it('reports unknown letters and ignores modifier keys', () => {
    expect(keyToCommand({ key: 'ж' }, ctx).command).toEqual({ kind: 'unknownKey', key: 'ж' });
    expect(keyToCommand({ key: 'Shift' }, ctx).command).toBeNull();
    expect(keyToCommand({ key: '5', altKey: true }, ctx).command).toBeNull();
  });
});
