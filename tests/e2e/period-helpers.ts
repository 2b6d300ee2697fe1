// Shared steps of the period-cycle e2e test: identity switches, hash navigation, and reading the
// local database's documents straight from IndexedDB (RxDB's Dexie storage keeps plain JSON).
import { expect, type Download, type Page } from '@playwright/test';
import { COLLECTIONS, type CollectionName } from '../../shared/collections';

export async function switchIdentity(page: Page, label: RegExp): Promise<void> {
  await page.locator('details.menu > summary').click();
  await page.getByRole('button', { name: 'Сменить пользователя' }).click();
  await page.getByRole('button', { name: label }).click();
  await expect(page.locator('.app-header')).toBeVisible();
}

export async function goHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

/** Every live document of a collection as stored (RxDB's own fields removed). */
export async function readCollection<T>(page: Page, name: string): Promise<T[]> {
  const version = COLLECTIONS[name as CollectionName]?.version ?? 0;
  return page.evaluate(
    async ([collection, v]) => {
      // The open profile's database (renderer/security names it); the legacy one only as a fallback.
      // RxDB's Dexie storage names it after the collection's schema version.
      const suffix = `--${v}--${collection}`;
      const names = (await indexedDB.databases())
        .map((d) => d.name ?? '')
        .filter((n) => n.startsWith('rxdb-dexie-') && n.endsWith(suffix));
      const dbName = names.find((n) => n !== `rxdb-dexie-class_journal${suffix}`) ?? names[0] ?? '';
      if (!dbName) throw new Error(`no local database holds ${collection}`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(dbName);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const all = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const q = db.transaction('docs', 'readonly').objectStore('docs').getAll();
        q.onsuccess = () => resolve(q.result as Record<string, unknown>[]);
        q.onerror = () => reject(q.error);
      });
      db.close();
      return all
        .filter((d) => d._deleted !== true && d._deleted !== 1 && d._deleted !== '1')
        .map((d) => {
          const { _deleted, _meta, _rev, _attachments, ...doc } = d;
          void _deleted;
          void _meta;
          void _rev;
          void _attachments;
          return doc;
        });
    },
    [name, version] as const,
  ) as Promise<T[]>;
}

/** Presses a save button (e.g. «Сохранить PDF») and resolves with the download it starts. */
export async function downloadBy(page: Page, button: string): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return download;
}
