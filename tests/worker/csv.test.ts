// The CSV reader and writer used by the hardware import/export (src/lib/server/csv).
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/server/csv/parse';
import { csvCell, toCsv, unguardCell } from '../../src/lib/server/csv/write';

const cells = (text: string) => parseCsv(text).records.map((r) => r.cells);

describe('parseCsv', () => {
  it('reads plain rows with LF, CRLF or CR line ends, and a final line without one', () => {
    expect(cells('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2']
    ]);
    expect(cells('a,b\r\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4']
    ]);
    expect(cells('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2']
    ]);
  });
  it('drops a UTF-8 byte-order mark', () => {
    expect(cells('\uFEFFAsset tag,Serial\r\nX,1')).toEqual([
      ['Asset tag', 'Serial'],
      ['X', '1']
    ]);
  });
  it('reads quoted cells with commas, doubled quotes and line breaks; row numbers follow records', () => {
    const r = parseCsv('a,b\r\n"MacBook Pro 14"" (M3)","one, two"\r\n"line1\r\nline2\nline3",x\r\n,\r\n');
    expect(r.records.map((x) => x.cells)).toEqual([
      ['a', 'b'],
      ['MacBook Pro 14" (M3)', 'one, two'],
      ['line1\r\nline2\nline3', 'x'],
      ['', '']
    ]);
    expect(r.records.map((x) => x.row)).toEqual([1, 2, 3, 4]);
    expect(r.fatal).toBeUndefined();
  });
  it('keeps empty cells and an empty quoted cell', () => {
    expect(cells('a,,c\n"",x,')).toEqual([
      ['a', '', 'c'],
      ['', 'x', '']
    ]);
  });
  it('skips blank lines but counts them, as a spreadsheet shows them', () => {
    const r = parseCsv('h\n\nx\n\n\ny\n');
    expect(r.records.map((x) => [x.row, x.cells[0]])).toEqual([
      [1, 'h'],
      [3, 'x'],
      [6, 'y']
    ]);
  });
  it('reports an unclosed quote with the row it starts on', () => {
    const r = parseCsv('a,b\n1,"never closed\n2,3\n');
    expect(r.fatal).toBe('Row 2: a quoted cell is never closed (a " is missing).');
  });
  it('flags text after a closing quote on that row only', () => {
    const r = parseCsv('a,b\n"x"y,2\n3,4\n');
    expect(r.records[1]!.error).toBe('A quoted cell must end right after its closing quote.');
    expect(r.records[2]!.error).toBeUndefined();
  });
  it('keeps a quote inside an unquoted cell as a character', () => {
    expect(cells('27" monitor,x')).toEqual([['27" monitor', 'x']]);
  });
});

describe('CSV writing', () => {
  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('14" (M3)')).toBe('"14"" (M3)"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
  });
  it('prefixes formula-looking cells with an apostrophe, and the import strips it again', () => {
    for (const s of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx']) {
      const cell = csvCell(s);
      expect(cell.replace(/^"/, '').startsWith("'")).toBe(true);
      const back = parseCsv(cell).records[0]!.cells[0]!;
      expect(unguardCell(back)).toBe(s);
    }
    expect(unguardCell("'plain")).toBe("'plain");
  });
  it('writes CRLF lines that read back to the same cells', () => {
    const rows = [
      ['h1', 'h2'],
      ['a,b', 'x"y'],
      ['multi\r\nline', '=1+1']
    ];
    const text = toCsv(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text).records.map((r) => r.cells.map(unguardCell))).toEqual(rows);
  });
});
