/**
 * A small CSV reader for exports from elected-officials registers: `;` or `,` (whichever the
 * header line uses, outside quotes), quoted fields with doubled quotes and line breaks, a UTF-8
 * byte-order mark, CRLF or LF. Each row keeps the line it starts on, for error reports.
 */

export interface CsvRow {
  /** 1-based line in the input where the row starts. */
  line: number;
  cells: string[];
}

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; line: number; detail: string };

/** The separator the header line uses outside quotes: `;` unless it has more commas. */
export function detectSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

export function parseCsv(input: string): CsvResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const sep = detectSeparator(text);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  // A field is quoted only when the quote opens it; after the closing quote only a separator or line end may follow.
  let afterQuote = false;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === sep) {
      cells.push(cell);
      cell = '';
      afterQuote = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      afterQuote = false;
      line++;
      rowLine = line;
    } else if (afterQuote) {
      return { ok: false, line, detail: 'text after a closing quote' };
    } else if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else cell += ch;
  }
  if (quoted) return { ok: false, line: quoteLine, detail: 'a quote is never closed' };
  if (cell !== '' || cells.length > 0) endRow();
  return { ok: true, rows };
}
