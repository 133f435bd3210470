// POSIX `cksum` CRC (polynomial 0x04C11DB7, MSB first, the length appended, result inverted): the
// checksum a macOS Bom records for each file. Independent check: coreutils' `cksum FILE`.
import { createReadStream } from 'node:fs';

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();

export class PosixCksum {
  private crc = 0;
  private length = 0;
  update(bytes: Uint8Array): void {
    let crc = this.crc;
    for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) ^ TABLE[((crc >>> 24) ^ bytes[i]) & 0xff]) >>> 0;
    this.crc = crc;
    this.length += bytes.length;
  }
  digest(): number {
    let crc = this.crc;
    for (let n = this.length; n > 0; n = Math.floor(n / 256))
      crc = ((crc << 8) ^ TABLE[((crc >>> 24) ^ n) & 0xff]) >>> 0;
    return ~crc >>> 0;
  }
}

export async function cksumFile(path: string): Promise<number> {
  const sum = new PosixCksum();
  for await (const chunk of createReadStream(path)) sum.update(chunk as Buffer);
  return sum.digest();
}
