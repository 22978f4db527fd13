import { type Options, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { AppError } from '../../platform/errors';

export type CsvSeparator = ',' | ';' | '\t';

/** One row of a CSV file with the line it starts on (the first line is 1). */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** A parsed CSV: rows of fields, with the line each row starts on. */
export interface ParsedCsv {
  separator: CsvSeparator;
  rows: CsvRow[];
}

/** A single row longer than this is a broken file (an opening quote that never closes), not data. */
const MAX_ROW_CHARS = 100_000;

/**
 * Turns uploaded bytes into text: UTF-8 (a BOM is dropped), or Windows-1252 (which reads
 * Latin-1 too) when the bytes are not UTF-8, which is what Excel in Spanish saves as "CSV".
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = decodeWindows1252(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** What Windows-1252 puts at 0x80-0x9F (€, curly quotes, dashes); 0 where it has nothing. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/**
 * By hand because Node 20's TextDecoder reads `windows-1252` as ISO-8859-1, which turns € and
 * Excel's curly quotes into invisible control characters. The rest is Latin-1, byte = code point.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b,
    );
    text += String.fromCharCode(...codes);
  }
  return text;
}

/**
 * The separator of the header line, outside quotes: `;` (Excel in Spain and Mexico) or a tab
 * (copied from a spreadsheet) when it outnumbers commas.
 */
export function detectSeparator(text: string): CsvSeparator {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.keys(counts) as CsvSeparator[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ',';
}

/**
 * The line each row starts on. csv-parse reports the byte offset after each row, which stays
 * exact where its own line count does not (a CRLF inside quotes counts twice there).
 */
function lineTracker(bytes: Buffer) {
  let offset = 0;
  let line = 1;
  const advance = (to: number) => {
    for (; offset < to; offset++) {
      const b = bytes[offset];
      if (b === 0x0a || (b === 0x0d && bytes[offset + 1] !== 0x0a)) line++;
    }
  };
  return {
    /** Where the next row starts: past the end of the previous one and any blank lines. */
    nextRowLine(): number {
      let at = offset;
      while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
      advance(at);
      return line;
    },
    rowEnded(endOffset: number) {
      advance(endOffset);
    },
  };
}

/**
 * RFC 4180 through csv-parse: quoted fields may hold separators, line breaks and `""`; CRLF,
 * LF or CR end a row; blank lines are skipped; a quote inside an unquoted field is kept as text.
 * Rows may have fewer or more fields than the header: the import decides what that means.
 * Each row is numbered as it is parsed, so an error names the line of the row it stopped in.
 */
function csvParser(input: string, separator: CsvSeparator | undefined) {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const bytes = Buffer.from(text, 'utf8');
  const tracker = lineTracker(bytes);
  const options: Options = {
    delimiter: separator ?? detectSeparator(text),
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_CHARS,
    on_record: ((fields: string[], info: { bytes: number }): CsvRow => {
      const line = tracker.nextRowLine();
      tracker.rowEnded(info.bytes);
      return { line, fields };
    }) as unknown as Options['on_record'],
  };
  return {
    bytes,
    options,
    separator: options.delimiter as CsvSeparator,
    /** csv-parse's own errors as an answer the user can act on. */
    malformed(err: unknown): unknown {
      const line = tracker.nextRowLine();
      const code = (err as { code?: string }).code;
      if (code === 'CSV_QUOTE_NOT_CLOSED')
        return new AppError(
          'unprocessable',
          'csv_malformed',
          `The quote opened on line ${line} is never closed; check that row.`,
          [{ path: 'file', message: `line ${line}: unclosed quote` }],
        );
      if (code === 'CSV_MAX_RECORD_SIZE')
        return new AppError(
          'unprocessable',
          'csv_malformed',
          `The row starting on line ${line} is longer than ${MAX_ROW_CHARS} characters; check its quotes.`,
          [{ path: 'file', message: `line ${line}: row too long` }],
        );
      return err;
    },
  };
}

/** The whole file at once (a broadcast's CSV audience, tests). Throws `csv_malformed` (422). */
export function parseCsv(input: string, separator?: CsvSeparator): ParsedCsv {
  const csv = csvParser(input, separator);
  try {
    return { separator: csv.separator, rows: parseSync(csv.bytes, csv.options) as unknown as CsvRow[] };
  } catch (err) {
    throw csv.malformed(err);
  }
}

/** The rows one by one, from csv-parse's stream (the contact import). Throws `csv_malformed` (422). */
export async function* readCsvRows(input: string, separator?: CsvSeparator): AsyncGenerator<CsvRow> {
  const csv = csvParser(input, separator);
  const parser = parse(csv.options);
  parser.end(csv.bytes);
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) yield row;
  } catch (err) {
    throw csv.malformed(err);
  } finally {
    parser.destroy();
  }
}

/** One CSV field, quoted when it must be; a leading `=+-@` is prefixed so spreadsheets do not run it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d[\d\s]*$/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: string[][]): string {
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
