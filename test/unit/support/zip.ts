import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipFile {
  readonly names: readonly string[];
  /** An entry's content (stored or deflated, the two methods vsce writes). */
  read(name: string): Buffer;
}

/**
 * A zip file (a VSIX) read from its central directory: the end record is found from the end of the
 * file, then each directory entry names one file and where its data starts.
 */
export function readZip(file: string): ZipFile {
  const zip = readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file} is not a zip file: no end of central directory record`);
  const entries = new Map<string, { method: number; size: number; local: number }>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: a central directory entry is malformed`);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, { method: zip.readUInt16LE(at + 10), size: zip.readUInt32LE(at + 20), local: zip.readUInt32LE(at + 42) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return {
    names: [...entries.keys()],
    read(name) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`${file} has no entry ${name}`);
      const data = entry.local + 30 + zip.readUInt16LE(entry.local + 26) + zip.readUInt16LE(entry.local + 28);
      const raw = zip.subarray(data, data + entry.size);
      if (entry.method === 0) return Buffer.from(raw);
      if (entry.method === 8) return inflateRawSync(raw);
      throw new Error(`${file}: ${name} uses compression method ${entry.method}`);
    },
  };
}
