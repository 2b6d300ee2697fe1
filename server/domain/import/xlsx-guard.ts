// An XLSX file is a zip archive: before exceljs inflates it, its central directory is read and
// every entry checked — how many, how big unpacked, how much bigger than packed — and each entry
// is inflated here with a hard output limit equal to the size it declares, so a zip bomb (honest
// or lying about its sizes) is refused after at most that many bytes, never after gigabytes.
import { inflateRawSync } from 'node:zlib';
import { TableFileError } from './table-file-error';

/** A 20,000-row roster unpacks to about 10 MB; a real school's export is far below this. */
export const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;
export const MAX_XLSX_ENTRIES = 2_000;
/** XML packs 5–20 times; a thousandfold is a bomb. Checked for entries over 1 MB unpacked. */
export const MAX_XLSX_RATIO = 200;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function refuse(detail: string): never {
  throw new TableFileError(
    `Файл не похож на книгу Excel, выгруженную из школьной программы: ${detail}. ` +
      'Он не будет распакован. Откройте таблицу в Excel или LibreOffice и сохраните её заново ' +
      'как «Книга Excel (.xlsx)» или как CSV.',
  );
}

interface Entry {
  name: string;
  method: number;
  packed: number;
  unpacked: number;
  localOffset: number;
}

function readEntries(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i -= 1) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse('архив повреждён (нет оглавления)');
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) {
    refuse('архив формата ZIP64 (слишком большой для таблицы)');
  }
  if (count > MAX_XLSX_ENTRIES) refuse(`в архиве ${count} файлов`);
  if (dirOffset + dirSize > eocd) refuse('архив повреждён (оглавление за пределами файла)');
  const entries: Entry[] = [];
  let at = dirOffset;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) {
      refuse('архив повреждён (неверная запись оглавления)');
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      method: view.getUint16(at + 10, true),
      packed: view.getUint32(at + 20, true),
      unpacked: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Throws TableFileError unless the archive is safe to hand to exceljs. */
export function checkXlsxArchive(bytes: Uint8Array): void {
  const entries = readEntries(bytes);
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} МБ`;
  let total = 0;
  for (const entry of entries) {
    if (entry.unpacked === 0xffffffff || entry.packed === 0xffffffff) {
      refuse('архив формата ZIP64 (слишком большой для таблицы)');
    }
    total += entry.unpacked;
    if (total > MAX_XLSX_UNPACKED_BYTES) {
      refuse(`в распакованном виде он больше ${mb(MAX_XLSX_UNPACKED_BYTES)}`);
    }
    if (entry.unpacked > 1024 * 1024 && entry.unpacked > entry.packed * MAX_XLSX_RATIO) {
      refuse(
        `часть «${entry.name}» сжата в ${Math.round(entry.unpacked / Math.max(entry.packed, 1))} раз`,
      );
    }
    if (entry.method !== 0 && entry.method !== 8) refuse('неизвестный способ сжатия');
  }
  // The sizes above are what the archive says about itself: inflate each entry with its declared
  // size as the hard limit, so an archive that lies is stopped at that size.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) {
      refuse('архив повреждён (неверный заголовок части)');
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const packed = bytes.subarray(start, start + entry.packed);
    if (packed.length !== entry.packed) refuse('архив повреждён (часть обрезана)');
    if (entry.method === 0) {
      if (entry.packed !== entry.unpacked) refuse('архив повреждён (размеры части не сходятся)');
      continue;
    }
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(packed, { maxOutputLength: Math.max(entry.unpacked, 1) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        refuse(`часть «${entry.name}» распаковывается больше, чем заявлено`);
      }
      refuse(`часть «${entry.name}» повреждена`);
    }
    if (inflated.length !== entry.unpacked) {
      refuse(`часть «${entry.name}» распаковывается не в заявленный размер`);
    }
  }
}
