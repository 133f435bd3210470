// libarchive 3.6's xar writer (bsdtar --format xar) appends a stray copy of the TOC's first 20 bytes
// after the heap. Readers that follow the TOC ignore it, 7-Zip warns "data after the end of archive".
// This checks the archive (magic, SHA-1 of the compressed TOC stored at heap offset 0) and cuts it to
// the end of the last heap member the TOC declares.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync, truncateSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

function read(fd: number, position: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  readSync(fd, b, 0, length, position);
  return b;
}

export function trimXar(path: string): void {
  const fd = openSync(path, 'r');
  try {
    const header = read(fd, 0, 28);
    if (header.toString('ascii', 0, 4) !== 'xar!') throw new Error(`${path} is not a xar archive`);
    const headerSize = header.readUInt16BE(4);
    const tocLength = Number(header.readBigUInt64BE(8));
    if (header.readUInt32BE(24) !== 1) throw new Error('expected a SHA-1 TOC checksum');
    const tocZ = read(fd, headerSize, tocLength);
    const toc = inflateSync(tocZ).toString('utf8');
    const heap = headerSize + tocLength;
    const stored = read(fd, heap, 20);
    if (!createHash('sha1').update(tocZ).digest().equals(stored))
      throw new Error('xar TOC checksum mismatch');
    let end = 0;
    for (const m of toc.matchAll(/<offset>(\d+)<\/offset>\s*<size>(\d+)<\/size>/g))
      end = Math.max(end, Number(m[1]) + Number(m[2]));
    if (statSync(path).size > heap + end) truncateSync(path, heap + end);
  } finally {
    closeSync(fd);
  }
}
