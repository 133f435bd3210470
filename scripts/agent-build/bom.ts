// A macOS bill of materials ("Bom" in a component package): the list of paths the Installer lays down,
// with mode, owner, size and POSIX cksum CRC of each file. Apple does not document the format; this
// writes the layout that the open-source bomutils project describes (a "BOMStore": header, named
// variables, data blocks, a block table) and that its `mkbom` produces for packages built on Linux:
//   BomInfo (1 entry), Paths (a B-tree whose leaf lists every path as (parent id, name) in
//   breadth-first order, names sorted within a parent), and empty HLIndex, VIndex and Size64 trees.
// Assumption: at most 256 paths, so the Paths tree is a single leaf (the agent package has about 7).
// All integers are big-endian.

export interface BomEntry {
  /** "." for the install location itself, then "./runtime", "./runtime/node-arm64" ... */
  path: string;
  kind: 'dir' | 'file';
  perm: number;
  uid: number;
  gid: number;
  mtime: number;
  size: number;
  /** POSIX cksum of the file's bytes (0 for directories). */
  checksum: number;
}

const HEADER_SIZE = 512;
const LEAF_CAPACITY = 256;

class Blocks {
  readonly data: Buffer[] = [];
  add(block: Buffer): number {
    this.data.push(block);
    return this.data.length; // block ids start at 1; id 0 is the null block
  }
}

const u8 = (n: number) => Buffer.from([n & 0xff]);
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

function tree(child: number, blockSize: number, pathCount: number): Buffer {
  return Buffer.concat([
    Buffer.from('tree', 'ascii'),
    u32(1),
    u32(child),
    u32(blockSize),
    u32(pathCount),
    u8(0)
  ]);
}

function leaf(indices: Array<[number, number]>): Buffer {
  return Buffer.concat([
    u16(1),
    u16(indices.length),
    u32(0),
    u32(0),
    ...indices.flatMap(([a, b]) => [u32(a), u32(b)])
  ]);
}

function pathInfo(e: BomEntry): Buffer {
  const mode = (e.kind === 'dir' ? 0o040000 : 0o100000) | e.perm;
  return Buffer.concat([
    u8(e.kind === 'dir' ? 2 : 1), // type: 1 file, 2 directory
    u8(1),
    u16(3), // "architecture" as mkbom writes it
    u16(mode),
    u32(e.uid),
    u32(e.gid),
    u32(e.mtime),
    u32(e.kind === 'file' ? e.size : 0),
    u8(1),
    u32(e.kind === 'file' ? e.checksum : 0),
    u32(0) // no link name
  ]);
}

/** Entries must include every parent directory; "." is the root. */
export function writeBom(entries: BomEntry[]): Buffer {
  if (entries.length > LEAF_CAPACITY)
    throw new Error(`a Bom of more than ${LEAF_CAPACITY} paths is not supported`);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  if (!byPath.has('.')) throw new Error('the Bom needs the root entry "."');
  const children = new Map<string, string[]>();
  for (const e of entries) {
    if (e.path === '.') continue;
    const parent = e.path.slice(0, e.path.lastIndexOf('/'));
    if (!byPath.has(parent)) throw new Error(`the parent of ${e.path} is not listed`);
    children.set(parent, [...(children.get(parent) ?? []), e.path]);
  }

  const blocks = new Blocks();
  const bomInfo = blocks.add(
    Buffer.concat([u32(1), u32(entries.length + 1), u32(1), Buffer.alloc(16)]) // version, paths + 1, 1 entry
  );

  // Breadth-first from "." (whose parent is 0), children in byte order of their names.
  const ids = new Map<string, number>();
  const indices: Array<[number, number]> = [];
  const queue: Array<{ path: string; parentId: number }> = [{ path: '.', parentId: 0 }];
  while (queue.length) {
    const { path, parentId } = queue.shift()!;
    const e = byPath.get(path)!;
    const id = ids.size + 1;
    ids.set(path, id);
    const info2 = blocks.add(pathInfo(e));
    const info1 = blocks.add(Buffer.concat([u32(id), u32(info2)]));
    const name = path === '.' ? '.' : path.slice(path.lastIndexOf('/') + 1);
    const file = blocks.add(Buffer.concat([u32(parentId), Buffer.from(`${name}\0`, 'utf8')]));
    indices.push([info1, file]);
    const kids = (children.get(path) ?? []).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const kid of kids) queue.push({ path: kid, parentId: id });
  }
  const pathsLeaf = blocks.add(leaf(indices));
  const paths = blocks.add(tree(pathsLeaf, 4096, entries.length));
  const hlIndex = blocks.add(tree(blocks.add(leaf([])), 4096, 0));
  const vTree = blocks.add(tree(blocks.add(leaf([])), 128, 0));
  const vIndex = blocks.add(Buffer.concat([u32(1), u32(vTree), u32(0), u8(0)]));
  const size64 = blocks.add(tree(blocks.add(leaf([])), 4096, 0));

  const vars = Buffer.concat([
    u32(5),
    ...(
      [
        ['BomInfo', bomInfo],
        ['Paths', paths],
        ['HLIndex', hlIndex],
        ['VIndex', vIndex],
        ['Size64', size64]
      ] as const
    ).flatMap(([name, id]) => [u32(id), u8(name.length), Buffer.from(name, 'ascii')])
  ]);

  const dataStart = HEADER_SIZE + vars.length;
  const pointers: Buffer[] = [u32(0), u32(0)]; // the null block
  let offset = dataStart;
  for (const b of blocks.data) {
    pointers.push(u32(offset), u32(b.length));
    offset += b.length;
  }
  const blockTable = Buffer.concat([u32(blocks.data.length + 1), ...pointers]);
  const freeList = Buffer.concat([u32(0), Buffer.alloc(16)]); // no free blocks, two empty slots
  const index = Buffer.concat([blockTable, freeList]);

  const header = Buffer.alloc(HEADER_SIZE);
  header.write('BOMStore', 0, 'ascii');
  header.writeUInt32BE(1, 8);
  header.writeUInt32BE(blocks.data.length, 12); // non-null blocks
  header.writeUInt32BE(offset, 16); // the index follows the data
  header.writeUInt32BE(index.length, 20);
  header.writeUInt32BE(HEADER_SIZE, 24);
  header.writeUInt32BE(vars.length, 28);
  return Buffer.concat([header, vars, ...blocks.data, index]);
}
