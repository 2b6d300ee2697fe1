import { describe, expect, it } from 'vitest';
import { UndoStack } from '../../../renderer/journal/undo-stack';

describe('UndoStack', () => {
  it('undoes and redoes in order', () => {
    const stack = new UndoStack<string>();
    stack.push({ before: 'a', after: 'b' });
    stack.push({ before: 'b', after: 'c' });
    expect(stack.undo()).toEqual({ before: 'b', after: 'c' });
    expect(stack.undo()).toEqual({ before: 'a', after: 'b' });
    expect(stack.undo()).toBeNull();
    expect(stack.redo()).toEqual({ before: 'a', after: 'b' });
    expect(stack.canRedo).toBe(true);
    expect(stack.redo()).toEqual({ before: 'b', after: 'c' });
    expect(stack.redo()).toBeNull();
  });

  it('a new edit clears the redo history', () => {
    const stack = new UndoStack<number>();
    stack.push({ before: 0, after: 1 });
    stack.undo();
    stack.push({ before: 0, after: 2 });
    expect(stack.canRedo).toBe(false);
    expect(stack.undo()).toEqual({ before: 0, after: 2 });
  });

  it('keeps at most `limit` steps', () => {
    const stack = new UndoStack<number>(2);
    for (let i = 0; i < 5; i++) stack.push({ before: i, after: i + 1 });
    expect(stack.undo()?.after).toBe(5);
    expect(stack.undo()?.after).toBe(4);
    expect(stack.undo()).toBeNull();
  });
});
