// Windows of one local database hear of each other (renderer/db/other-windows.ts): a window that
// opens is heard by one already open, and the open one answers it; other databases stay apart.
import { afterEach, describe, expect, it } from 'vitest';
import { OtherWindows } from '../../../renderer/db/other-windows';

const open: OtherWindows[] = [];
const window = (name: string) => {
  const w = new OtherWindows(name);
  open.push(w);
  return w;
};
const settle = () => new Promise((r) => setTimeout(r, 50));

afterEach(() => {
  for (const w of open.splice(0)) w.close();
});

describe('other windows of a database', () => {
  it('a window alone hears no one', async () => {
    const alone = window('journal-a');
    await settle();
    expect(alone.present).toBe(false);
  });

  it('the window open before hears the new one, and the new one hears its answer', async () => {
    const first = window('journal-b');
    await settle();
    expect(first.present).toBe(false);
    const second = window('journal-b');
    const elsewhere = window('journal-c');
    await settle();
    expect(first.present).toBe(true);
    expect(second.present).toBe(true);
    expect(elsewhere.present).toBe(false);
  });

  it('a closed window is not heard by one opened after it', async () => {
    const gone = window('journal-d');
    gone.close();
    const later = window('journal-d');
    await settle();
    expect(later.present).toBe(false);
  });
});
