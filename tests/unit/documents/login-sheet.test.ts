// The login sheet: one page per person, each holding that person's name, login and one-time
// password and nobody else's; the metadata names no one; the credentials helpers.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { oneTimePassword, suggestLogin, transliterate } from '../../../shared/account-credentials';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import { buildLoginSheetModel, renderLoginSheet } from '../../../shared/documents';
import { pdfFonts, pdfInfo, qpdfCheck, savePdf, squash } from './helpers';

const people = [
  {
    person: {
      lastName: 'Соколова',
      firstName: 'Ирина',
      middleName: 'Викторовна',
      position: 'учитель математики',
    },
    login: 'sokolova.iv',
    password: 'aB3d-ef4G-hj5K',
  },
  {
    person: { lastName: 'Ёлкин', firstName: 'Пётр', middleName: '', roles: ['deputy' as const] },
    login: 'elkin.p',
    password: 'Zx7w-Qr8t-Mn9p',
  },
  {
    person: {
      lastName: 'Константинопольская-Щербакова',
      firstName: 'Анна-Мария',
      middleName: 'Александровна',
      position: 'учитель русского языка и литературы',
    },
    login: 'konstantinopolskaya-shcherbakova.aa',
    password: 'Pp2q-Rr3s-Tt4u',
  },
];

function pageText(path: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', path, '-'], {
    encoding: 'utf8',
  });
}

describe('login sheet', () => {
  it('prints one page per person with only that person’s credentials', async () => {
    const model = buildLoginSheetModel(people, {
      schoolShortName: 'МБОУ СОШ № 3',
      serverUrl: 'https://journal.school3.ru:8443',
      issuedOn: '2026-09-01',
    });
    const path = savePdf(await renderLoginSheet(model, loadDocumentFonts()), 'login-sheet');
    expect(qpdfCheck(path).ok).toBe(true);
    for (const f of pdfFonts(path)) expect([f.emb, f.sub, f.uni]).toEqual(['yes', 'yes', 'yes']);
    const info = pdfInfo(path);
    expect(info.pages).toBe(3);
    for (const p of people) {
      for (const secret of [p.login, p.password, p.person.lastName]) {
        expect(info.meta).not.toContain(secret);
      }
    }

    // Alphabetical: Ёлкин, Константинопольская-Щербакова, Соколова (ru collation puts Ё with Е).
    const order = [people[1]!, people[2]!, people[0]!];
    order.forEach((p, i) => {
      const flat = squash(pageText(path, i + 1));
      expect(flat).toContain(squash(`${p.person.lastName} ${p.person.firstName}`));
      expect(flat).toContain(p.login);
      expect(flat).toContain(p.password);
      expect(flat).toContain('https://journal.school3.ru:8443');
      expect(flat).toContain('01.09.2026');
      for (const other of people.filter((o) => o !== p)) {
        expect(flat, `page ${i + 1} holds ${other.login}`).not.toContain(other.login);
        expect(flat).not.toContain(other.password);
        expect(flat).not.toContain(squash(other.person.lastName));
      }
    });
    expect(squash(pageText(path, 1))).toContain('заместительдиректорапоУВР');
    expect(squash(pageText(path, 3))).toContain('учительматематики');
  });

  it('refuses an empty list in Russian', () => {
    expect(() =>
      buildLoginSheetModel([], { schoolShortName: 'Ш', serverUrl: '', issuedOn: '2026-09-01' }),
    ).toThrow('Нет учётных записей для листа входа');
  });
});

describe('credentials', () => {
  it('makes logins from names, unique among the taken ones', () => {
    expect(transliterate('Щёкин-Ёжиков')).toBe('shchekin-ezhikov');
    const name = { lastName: 'Соколова', firstName: 'Ирина', middleName: 'Викторовна' };
    expect(suggestLogin(name, new Set())).toBe('sokolova.iv');
    expect(suggestLogin(name, new Set(['sokolova.iv', 'sokolova.iv2']))).toBe('sokolova.iv3');
    expect(suggestLogin({ lastName: 'Ли', firstName: 'Юн', middleName: '' }, new Set())).toBe(
      'li.y',
    );
  });

  it('makes THE one-time password (staff sheet and family slip): lower case and digits without look-alikes, never the same twice', () => {
    const seen = new Set<string>();
    const used = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const p = oneTimePassword();
      expect(p).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(p).not.toMatch(/[01oli]/);
      for (const c of p.replace(/-/g, '')) used.add(c);
      seen.add(p);
    }
    expect(seen.size).toBe(2000);
    // Every one of the 31 characters is drawn (23 letters without i, l, o; digits 2–9).
    expect([...used].sort().join('')).toBe('23456789abcdefghjkmnpqrstuvwxyz');
    expect(oneTimePassword(16)).toMatch(/^([a-z2-9]{4}-){3}[a-z2-9]{4}$/);
  });
});
