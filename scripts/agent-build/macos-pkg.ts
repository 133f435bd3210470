// The macOS installer, built on Linux: a flat package is a xar archive (libarchive's `bsdtar --format
// xar`, Debian libarchive-tools) holding a Distribution file and one component package directory with
// PackageInfo, Payload (cpio "odc" + gzip) and Bom (bill of materials). This is the layout `pkgbuild`
// + `productbuild` produce; it is not signed (a production build is signed and notarised on a Mac:
// docs/agent.md).
//
// What is inside: the agent bundle, the official Node.js binaries for Apple silicon and Intel untouched
// (their Apple signatures stay valid: nothing is injected into a Mach-O file), and a small launcher that
// picks the binary for the Mac's processor. Installed to /Library/OnTrackio/Agent, owned by root:wheel.
import { createGzip } from 'node:zlib';
import { createWriteStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeBom, type BomEntry } from './bom.ts';
import { writeCpioOdc, type CpioEntry } from './cpio.ts';
import { cksumFile } from './cksum.ts';
import { trimXar } from './xar-trim.ts';

export const MAC_INSTALL_LOCATION = '/Library/OnTrackio/Agent';
export const MAC_IDENTIFIER = 'com.ontrackio.agent';
const COMPONENT = 'agent.pkg';

export interface AgentMacInputs {
  bundle: string;
  nodeArm64: string;
  nodeX64: string;
  nodeLicense: string;
  version: string;
  out: string;
  /** Modification time recorded for every path (seconds); defaults to now. */
  mtime?: number;
}

const LAUNCHER = `#!/bin/sh
# OnTrackio Agent: runs the agent with the Node.js runtime for this Mac's processor.
here="${MAC_INSTALL_LOCATION}"
case "$(uname -m)" in
  arm64) node="$here/runtime/node-arm64" ;;
  *) node="$here/runtime/node-x64" ;;
esac
exec "$node" "$here/ontrackio-agent.cjs" "$@"
`;

interface PayloadFile {
  dest: string;
  source: string;
  perm: number;
}

export async function buildAgentMacPackage(input: AgentMacInputs): Promise<void> {
  const work = `${input.out}.build`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'flat', COMPONENT), { recursive: true });
  const launcher = join(work, 'ontrackio-agent');
  writeFileSync(launcher, LAUNCHER, { mode: 0o755 });
  try {
    await buildFlatPackage(work, input, [
      { dest: 'ontrackio-agent', source: launcher, perm: 0o755 },
      { dest: 'ontrackio-agent.cjs', source: input.bundle, perm: 0o644 },
      { dest: 'runtime/LICENSE', source: input.nodeLicense, perm: 0o644 },
      { dest: 'runtime/node-arm64', source: input.nodeArm64, perm: 0o755 },
      { dest: 'runtime/node-x64', source: input.nodeX64, perm: 0o755 }
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function buildFlatPackage(work: string, input: AgentMacInputs, files: PayloadFile[]): Promise<void> {
  const mtime = input.mtime ?? Math.floor(Date.now() / 1000);
  const owner = { uid: 0, gid: 0, mtime }; // root:wheel
  const dirs = new Set<string>(['.']);
  for (const f of files) {
    const parts = f.dest.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`./${parts.slice(0, i).join('/')}`);
  }
  const entries: Array<CpioEntry & BomEntry> = [];
  for (const d of [...dirs].sort())
    entries.push({ ...owner, path: d, name: d, kind: 'dir', perm: 0o755, size: 0, checksum: 0 });
  for (const f of [...files].sort((a, b) => a.dest.localeCompare(b.dest))) {
    const size = statSync(f.source).size;
    entries.push({
      ...owner,
      path: `./${f.dest}`,
      name: `./${f.dest}`,
      kind: 'file',
      perm: f.perm,
      source: f.source,
      size,
      checksum: await cksumFile(f.source)
    });
  }
  // cpio lists parents before children: sort by path, "." first.
  entries.sort((a, b) =>
    a.path === '.' ? -1 : b.path === '.' ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0
  );

  const component = join(work, 'flat', COMPONENT);
  const cpio = new PassThrough();
  await Promise.all([
    writeCpioOdc(entries, cpio).then(() => cpio.end()),
    pipeline(cpio, createGzip({ level: 6 }), createWriteStream(join(component, 'Payload')))
  ]);
  writeFileSync(join(component, 'Bom'), writeBom(entries));
  const installKBytes = Math.ceil(entries.reduce((n, e) => n + e.size, 0) / 1024);
  writeFileSync(join(component, 'PackageInfo'), packageInfo(input.version, entries.length, installKBytes));
  writeFileSync(join(work, 'flat', 'Distribution'), distribution(input.version, installKBytes));

  rmSync(input.out, { force: true });
  // Members uncompressed inside the xar (the Payload is already gzip), TOC checked with SHA-1 as
  // Installer expects.
  execFileSync(
    'bsdtar',
    [
      '--format',
      'xar',
      '--options',
      'xar:compression=none,xar:toc-checksum=sha1',
      '-cf',
      input.out,
      '-C',
      join(work, 'flat'),
      'Distribution',
      COMPONENT
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] }
  );
  trimXar(input.out);
}

function packageInfo(version: string, numberOfFiles: number, installKBytes: number): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<pkg-info format-version="2" identifier="${MAC_IDENTIFIER}" version="${version}" install-location="${MAC_INSTALL_LOCATION}" auth="root" relocatable="false" overwrite-permissions="true" postinstall-action="none" generator-version="ontrackio-agent-build">
    <payload numberOfFiles="${numberOfFiles}" installKBytes="${installKBytes}"/>
    <bundle-version/>
</pkg-info>
`;
}

function distribution(version: string, installKBytes: number): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<installer-gui-script minSpecVersion="2">
    <title>OnTrackio Agent</title>
    <options customize="never" require-scripts="false" hostArchitectures="arm64,x86_64"/>
    <domains enable_localSystem="true" enable_anywhere="false" enable_currentUserHome="false"/>
    <volume-check>
        <allowed-os-versions><os-version min="13.5"/></allowed-os-versions>
    </volume-check>
    <choices-outline>
        <line choice="default">
            <line choice="${MAC_IDENTIFIER}"/>
        </line>
    </choices-outline>
    <choice id="default"/>
    <choice id="${MAC_IDENTIFIER}" visible="false">
        <pkg-ref id="${MAC_IDENTIFIER}"/>
    </choice>
    <pkg-ref id="${MAC_IDENTIFIER}" version="${version}" onConclusion="none" installKBytes="${installKBytes}">#${COMPONENT}</pkg-ref>
</installer-gui-script>
`;
}
