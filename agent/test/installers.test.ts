// The installers that scripts/agent-build makes, read back with independent tools: the macOS flat
// package with libarchive (bsdtar) and 7-Zip (xar, the gzip'd cpio Payload), its Bom with a reader
// written here from the published format and coreutils' cksum; the Windows .msi with 7-Zip.
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { buildAgentMacPackage, MAC_INSTALL_LOCATION } from '../../scripts/agent-build/macos-pkg.ts';
import { buildMsi } from '../../scripts/agent-build/msi.ts';

const run = (cmd: string, args: string[], cwd?: string) =>
  execFileSync(cmd, args, { encoding: 'utf8', cwd, maxBuffer: 64 * 1024 * 1024 });

interface BomPath {
  path: string;
  type: number;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  checksum: number;
}

/** Reads the Paths tree of a Bom (header → variables → block table → leaf → path info and names). */
function readBom(bom: Buffer): BomPath[] {
  expect(bom.toString('ascii', 0, 8)).toBe('BOMStore');
  const indexOffset = bom.readUInt32BE(16);
  const varsOffset = bom.readUInt32BE(24);
  const block = (id: number) => {
    const at = indexOffset + 4 + id * 8;
    const address = bom.readUInt32BE(at);
    return bom.subarray(address, address + bom.readUInt32BE(at + 4));
  };
  const vars = new Map<string, number>();
  let p = varsOffset + 4;
  for (let i = 0; i < bom.readUInt32BE(varsOffset); i++) {
    const id = bom.readUInt32BE(p);
    const len = bom.readUInt8(p + 4);
    vars.set(bom.toString('ascii', p + 5, p + 5 + len), id);
    p += 5 + len;
  }
  expect([...vars.keys()].sort()).toEqual(['BomInfo', 'HLIndex', 'Paths', 'Size64', 'VIndex']);
  const tree = block(vars.get('Paths')!);
  expect(tree.toString('ascii', 0, 4)).toBe('tree');
  const leaf = block(tree.readUInt32BE(8));
  expect(leaf.readUInt16BE(0)).toBe(1); // a leaf
  const names = new Map<number, string>();
  const out: BomPath[] = [];
  for (let i = 0; i < leaf.readUInt16BE(2); i++) {
    const info1 = block(leaf.readUInt32BE(12 + i * 8));
    const file = block(leaf.readUInt32BE(16 + i * 8));
    const id = info1.readUInt32BE(0);
    const info2 = block(info1.readUInt32BE(4));
    const parent = file.readUInt32BE(0);
    const name = file.toString('utf8', 4, file.indexOf(0, 4));
    const path = parent === 0 ? name : `${names.get(parent)}/${name}`;
    names.set(id, path);
    out.push({
      path,
      type: info2.readUInt8(0),
      mode: info2.readUInt16BE(4),
      uid: info2.readUInt32BE(6),
      gid: info2.readUInt32BE(10),
      size: info2.readUInt32BE(18),
      checksum: info2.readUInt32BE(23)
    });
  }
  return out;
}

describe('the macOS flat package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ot-pkg-'));
  const pkg = join(dir, 'ontrackio-agent-1.2.3-macos.pkg');
  const sources: Record<string, Buffer> = {
    'ontrackio-agent.cjs': readFileSync(join(import.meta.dirname, '..', 'src', 'cli.ts')),
    // why: the real runtimes are two 150 MB downloads; the package's structure does not depend on their bytes.
    'runtime/node-arm64': Buffer.from('\xcf\xfa\xed\xfe arm64 stand-in'),
    'runtime/node-x64': Buffer.from('\xcf\xfa\xed\xfe x86_64 stand-in, a little longer'),
    'runtime/LICENSE': Buffer.from('Node.js is licensed for use as follows: ...\n')
  };

  beforeAll(async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'runtime'), { recursive: true });
    for (const [name, bytes] of Object.entries(sources)) writeFileSync(join(src, name), bytes);
    await buildAgentMacPackage({
      bundle: join(src, 'ontrackio-agent.cjs'),
      nodeArm64: join(src, 'runtime/node-arm64'),
      nodeX64: join(src, 'runtime/node-x64'),
      nodeLicense: join(src, 'runtime/LICENSE'),
      version: '1.2.3',
      out: pkg,
      mtime: 1_790_000_000
    });
  });

  it('is a xar archive with Distribution and a component package, as bsdtar and 7-Zip read it', () => {
    const listing = run('bsdtar', ['-tf', pkg]).trim().split('\n').sort();
    expect(listing).toEqual(
      ['Distribution', 'agent.pkg', 'agent.pkg/Bom', 'agent.pkg/PackageInfo', 'agent.pkg/Payload'].sort()
    );
    const seven = run('7z', ['l', pkg]);
    expect(seven).toMatch(/Type = Xar/);
    expect(seven).not.toMatch(/WARNING|ERROR/i);
    expect(run('7z', ['t', pkg])).toMatch(/Everything is Ok/);
    // What Installer checks first: the SHA-1 of the compressed TOC stored at the start of the heap.
    const bytes = readFileSync(pkg);
    const headerSize = bytes.readUInt16BE(4);
    const tocLength = Number(bytes.readBigUInt64BE(8));
    const toc = bytes.subarray(headerSize, headerSize + tocLength);
    expect(bytes.readUInt32BE(24)).toBe(1); // SHA-1
    expect(createHash('sha1').update(toc).digest()).toEqual(
      bytes.subarray(headerSize + tocLength, headerSize + tocLength + 20)
    );
    expect(inflateSync(toc).toString()).toMatch(/<name>Payload<\/name>/);
  });

  it('declares what it installs where, and the Payload holds exactly those files, owned by root', () => {
    const out = join(dir, 'expanded');
    mkdirSync(out);
    run('bsdtar', ['-xf', pkg, '-C', out]);
    const distribution = readFileSync(join(out, 'Distribution'), 'utf8');
    expect(distribution).toMatch(
      /<pkg-ref id="com\.ontrackio\.agent" version="1\.2\.3"[^>]*>#agent\.pkg<\/pkg-ref>/
    );
    expect(distribution).toContain('hostArchitectures="arm64,x86_64"');
    const info = readFileSync(join(out, 'agent.pkg', 'PackageInfo'), 'utf8');
    expect(info).toContain(`install-location="${MAC_INSTALL_LOCATION}"`);
    expect(info).toContain('<payload numberOfFiles="7"');

    const payload = join(out, 'agent.pkg', 'Payload');
    expect(readFileSync(payload).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip
    expect(run('7z', ['l', payload])).toMatch(/Type = gzip/);
    const listing = run('bsdtar', ['-tvf', payload]).trim().split('\n');
    expect(listing.map((l) => l.split(/\s+/).slice(0, 4).join(' '))).toEqual([
      'drwxr-xr-x 1 0 0',
      '-rwxr-xr-x 1 0 0',
      '-rw-r--r-- 1 0 0',
      'drwxr-xr-x 1 0 0',
      '-rw-r--r-- 1 0 0',
      '-rwxr-xr-x 1 0 0',
      '-rwxr-xr-x 1 0 0'
    ]);
    expect(listing.map((l) => l.split(/\s+/).pop())).toEqual([
      '.',
      './ontrackio-agent',
      './ontrackio-agent.cjs',
      './runtime',
      './runtime/LICENSE',
      './runtime/node-arm64',
      './runtime/node-x64'
    ]);
    const root = join(out, 'root');
    mkdirSync(root);
    run('bsdtar', ['-xf', payload, '-C', root]);
    for (const [name, bytes] of Object.entries(sources))
      expect(readFileSync(join(root, name))).toEqual(bytes);
    const launcher = readFileSync(join(root, 'ontrackio-agent'), 'utf8');
    expect(launcher).toMatch(/^#!\/bin\/sh\n/);
    expect(launcher).toContain(`exec "$node" "$here/ontrackio-agent.cjs" "$@"`);
  });

  it('has a Bom listing the same paths, modes, owners, sizes and cksum CRCs as the Payload', () => {
    const out = join(dir, 'expanded');
    const root = join(out, 'root');
    const bom = readBom(readFileSync(join(out, 'agent.pkg', 'Bom')));
    expect(bom.map((e) => e.path)).toEqual([
      '.',
      './ontrackio-agent',
      './ontrackio-agent.cjs',
      './runtime',
      './runtime/LICENSE',
      './runtime/node-arm64',
      './runtime/node-x64'
    ]);
    for (const e of bom) {
      expect([e.uid, e.gid]).toEqual([0, 0]);
      if (e.type === 2) {
        expect(e.mode).toBe(0o40755);
        continue;
      }
      expect(e.type).toBe(1);
      const [crc, size] = run('cksum', [join(root, e.path)])
        .split(' ')
        .map(Number);
      expect({ path: e.path, size: e.size, checksum: e.checksum }).toEqual({
        path: e.path,
        size,
        checksum: crc
      });
      expect(e.mode & 0o777).toBe(e.path.endsWith('LICENSE') || e.path.endsWith('.cjs') ? 0o644 : 0o755);
    }
    expect(readdirSync(join(root, 'runtime')).sort()).toEqual(['LICENSE', 'node-arm64', 'node-x64']);
  });
});

describe('the Windows installer', () => {
  it('is an .msi (wixl) whose cabinet holds ontrackio-agent.exe byte for byte, as 7-Zip reads it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ot-msi-'));
    const exe = join(dir, 'ontrackio-agent.exe');
    // why: the real executable is a 90 MB Node binary; the installer's structure does not depend on it.
    const bytes = Buffer.from('MZ stand-in for the single executable');
    writeFileSync(exe, bytes);
    const msi = join(dir, 'agent.msi');
    buildMsi('wixl', exe, '1.2.3', msi);
    // An OLE compound document (what Windows Installer opens) ...
    expect(readFileSync(msi).subarray(0, 8)).toEqual(Buffer.from('d0cf11e0a1b11ae1', 'hex'));
    // ... whose embedded cabinet 7-Zip opens: the one file, under the id the .wxs gives it.
    const listing = run('7z', ['l', msi]);
    expect(listing).toMatch(/Method = MSZip/);
    expect(listing).toMatch(/\sAgentExeFile\n/);
    run('7z', ['x', '-y', `-o${join(dir, 'out')}`, msi]);
    expect(readFileSync(join(dir, 'out', 'AgentExeFile'))).toEqual(bytes);
  });
});
