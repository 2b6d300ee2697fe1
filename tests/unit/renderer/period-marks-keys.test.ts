// Keys of the period-marks table: marks, зачёт/незачёт only in зачёт courses, Russian letters typed
// with either layout, accept one / all.
import { describe, expect, it } from 'vitest';
import { markKeyCommand } from '../../../renderer/workspaces/period-marks/keys';

const marks = { passFail: false, allowOne: true };
const passFail = { passFail: true, allowOne: true };

describe('period-marks keys', () => {
  it('Enter accepts the proposal, Ctrl+Enter all of them', () => {
    expect(markKeyCommand({ key: 'Enter' }, marks)).toEqual({ kind: 'accept' });
    expect(markKeyCommand({ key: 'Enter', ctrlKey: true }, marks)).toEqual({ kind: 'acceptAll' });
  });

  it('digits set marks; 1 only where the school allows it; none in a зачёт course', () => {
    expect(markKeyCommand({ key: '4' }, marks)).toEqual({ kind: 'set', value: '4' });
    expect(markKeyCommand({ key: '1' }, { ...marks, allowOne: false })?.kind).toBe('unknown');
    expect(markKeyCommand({ key: '5' }, passFail)?.kind).toBe('unknown');
  });

  it('letters by the Russian layout or by the physical key', () => {
    expect(markKeyCommand({ key: 'н' }, marks)).toEqual({ kind: 'set', value: 'notAttested' });
    expect(markKeyCommand({ key: 'y', code: 'KeyY' }, marks)).toEqual({
      kind: 'set',
      value: 'notAttested',
    });
    expect(markKeyCommand({ key: 'о' }, marks)).toEqual({ kind: 'set', value: 'exempt' });
    expect(markKeyCommand({ key: 'l', code: 'KeyL' }, marks)).toEqual({ kind: 'defer' });
  });

  it('зачёт and незачёт only in зачёт courses', () => {
    expect(markKeyCommand({ key: 'з' }, passFail)).toEqual({ kind: 'set', value: 'pass' });
    expect(markKeyCommand({ key: '+' }, passFail)).toEqual({ kind: 'set', value: 'pass' });
    expect(markKeyCommand({ key: '-' }, passFail)).toEqual({ kind: 'set', value: 'fail' });
    expect(markKeyCommand({ key: 'з' }, marks)?.kind).toBe('unknown');
  });

  it('moves, clears, and leaves other keys alone', () => {
    expect(markKeyCommand({ key: 'ArrowDown' }, marks)).toEqual({ kind: 'move', delta: 1 });
    expect(markKeyCommand({ key: 'Delete' }, marks)).toEqual({ kind: 'clear' });
    expect(markKeyCommand({ key: 'Tab' }, marks)).toBeNull();
    expect(markKeyCommand({ key: 'c', ctrlKey: true }, marks)).toBeNull();
  });
});
