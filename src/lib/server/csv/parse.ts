// A small RFC 4180 CSV reader for imports. Accepts CRLF, LF or CR line ends; quoted cells may hold
// commas, quotes ("" inside quotes) and line breaks. A leading UTF-8 BOM is dropped. Completely blank
// lines are skipped (spreadsheets often add one at the end) but still counted: `row` is the row a
// spreadsheet shows for the record (the header is row 1; a quoted line break stays in one row).
export interface CsvRecord {
  row: number;
  cells: string[];
  /** A malformed record (text after a closing quote): reported on its row, the cells are best effort. */
  error?: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  /** A problem that stops reading the rest of the file (an unclosed quote). */
  fatal?: string;
}

export function parseCsv(input: string): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let error: string | undefined;
  let row = 1;
  let i = 0;
  // True once the current record has any content (a cell separator, a character or quotes).
  let started = false;
  // True at the first character of a cell (the only place a quote opens a quoted cell).
  let cellStart = true;

  const endRecord = () => {
    cells.push(cell);
    const blank = cells.length === 1 && cells[0] === '' && !started;
    if (!blank) records.push(error ? { row, cells, error } : { row, cells });
    row += 1;
    cells = [];
    cell = '';
    error = undefined;
    started = false;
    cellStart = true;
  };

  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && cellStart) {
      cellStart = false;
      // A quoted cell: read to the closing quote, "" is a literal quote.
      const startRow = row;
      i += 1;
      let closed = false;
      while (i < text.length) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          closed = true;
          break;
        }
        cell += c;
        i += 1;
      }
      if (!closed)
        return { records, fatal: `Row ${startRow}: a quoted cell is never closed (a " is missing).` };
      started = true;
      // After the closing quote only a separator or a line end may follow.
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        error ??= 'A quoted cell must end right after its closing quote.';
        cell += text[i];
        i += 1;
      }
      continue;
    }
    if (ch === ',') {
      cells.push(cell);
      cell = '';
      started = true;
      cellStart = true;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      continue;
    }
    // A quote inside an unquoted cell is kept as a character (lenient, as spreadsheets are).
    cell += ch;
    started = true;
    cellStart = false;
    i += 1;
  }
  if (cell !== '' || started || cells.length > 0) endRecord();
  return { records };
}
