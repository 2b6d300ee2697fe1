// Undo/redo history of grid edits: each step knows the cell and its content before and after.
export interface UndoStep<T> {
  before: T;
  after: T;
}

export class UndoStack<T> {
  private done: UndoStep<T>[] = [];
  private undone: UndoStep<T>[] = [];

  constructor(private readonly limit = 500) {}

  /** A new edit: it becomes undoable and clears whatever could be redone. */
  push(step: UndoStep<T>): void {
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  /** The step to revert (apply its `before`), or null when there is nothing to undo. */
  undo(): UndoStep<T> | null {
    const step = this.done.pop();
    if (!step) return null;
    this.undone.push(step);
    return step;
  }

  /** The step to reapply (apply its `after`), or null. */
  redo(): UndoStep<T> | null {
    const step = this.undone.pop();
    if (!step) return null;
    this.done.push(step);
    return step;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}
