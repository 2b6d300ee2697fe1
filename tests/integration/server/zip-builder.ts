// A tiny zip writer for hostile XLSX fixtures made on the fly: honest or lying entry sizes, deflated
// or stored data. Only what the tests need; real files come from exceljs.
import { deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** The bytes the entry unpacks to (deflated here)… */
  data?: Uint8Array;
  /** …or already deflated bytes with the size they unpack to. */
  deflated?: { bytes: Uint8Array; size: number };
  /** The unpacked size written in the archive (default: the real one). */
  declaredSize?: number;
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

export function buildZip(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = entry.deflated?.bytes ?? deflateRawSync(entry.data ?? new Uint8Array());
    const size = entry.declaredSize ?? entry.deflated?.size ?? entry.data?.length ?? 0;
    const crc = entry.data ? crc32(entry.data) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(packed));
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

/** `size` zero bytes, deflated (a zip bomb's payload: about a thousandth of its size). */
export function deflatedZeros(size: number): { bytes: Uint8Array; size: number } {
  return { bytes: deflateRawSync(Buffer.alloc(size), { level: 9 }), size };
}
