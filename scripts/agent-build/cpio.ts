// A POSIX.1 "odc" cpio archive (the format of a macOS package's Payload, as `pkgbuild` and
// `cpio -o --format odc` write it), streamed so that 100 MB runtimes never sit in memory.
// Each member: a 76-character octal ASCII header, the NUL-terminated name, the data; then TRAILER!!!.
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';

export interface CpioEntry {
  /** "./runtime/node-arm64" style, parents before children. */
  name: string;
  kind: 'dir' | 'file';
  /** Permission bits only (0o755). */
  perm: number;
  uid: number;
  gid: number;
  mtime: number;
  /** Files: where the bytes come from, and how many (checked while copying). */
  source?: string;
  size?: number;
}

const octal = (n: number, width: number) => {
  const s = n.toString(8);
  if (s.length > width) throw new Error(`cpio field overflow: ${n} in ${width} octal digits`);
  return s.padStart(width, '0');
};

function header(
  name: string,
  mode: number,
  e: Pick<CpioEntry, 'uid' | 'gid' | 'mtime'>,
  ino: number,
  size: number
) {
  const nameBytes = Buffer.from(`${name}\0`, 'utf8');
  const h =
    '070707' +
    octal(0, 6) + // dev
    octal(ino, 6) +
    octal(mode, 6) +
    octal(e.uid, 6) +
    octal(e.gid, 6) +
    octal(1, 6) + // nlink
    octal(0, 6) + // rdev
    octal(e.mtime, 11) +
    octal(nameBytes.length, 6) +
    octal(size, 11);
  return Buffer.concat([Buffer.from(h, 'ascii'), nameBytes]);
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

export async function writeCpioOdc(entries: CpioEntry[], out: Writable): Promise<void> {
  let ino = 1;
  for (const e of entries) {
    const size = e.kind === 'file' ? (e.size ?? 0) : 0;
    const mode = (e.kind === 'dir' ? 0o040000 : 0o100000) | e.perm;
    await write(out, header(e.name, mode, e, ino++, size));
    if (e.kind !== 'file') continue;
    let copied = 0;
    for await (const chunk of createReadStream(e.source!)) {
      copied += (chunk as Buffer).length;
      await write(out, chunk as Buffer);
    }
    if (copied !== size) throw new Error(`${e.source} changed while it was archived`);
  }
  await write(out, header('TRAILER!!!', 0, { uid: 0, gid: 0, mtime: 0 }, 0, 0));
}
