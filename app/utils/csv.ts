// A small RFC 4180 CSV reader and writer (quoted fields, doubled quotes, CRLF) that is lenient in
// what it reads: LF or CR line ends, a UTF-8 byte-order mark, ";" , "," or tab as the delimiter.

export type CsvDelimiter = "," | ";" | "\t";
export type CsvRecord = { /** 1-based line of the file where the record starts. */ line: number; fields: string[] };

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvError";
  }
}

const BOM = "\uFEFF";
const DELIMITERS: CsvDelimiter[] = [";", ",", "\t"];

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The delimiter that occurs most often outside quotes on the first line (a comma when none does). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of stripBom(text)) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    else if (!inQuotes && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ",";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Parses CSV text into records. Blank lines are skipped (their line numbers still count). A quote
 * inside an unquoted field is kept as a character; an unterminated quoted field is an error.
 */
export function parseCsv(input: string, options: { delimiter?: CsvDelimiter } = {}): { delimiter: CsvDelimiter; records: CsvRecord[] } {
  const text = stripBom(input);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false; // the current field started with a quote
  let inQuotes = false;
  let fieldStarted = false; // something (even "") was read for the current record
  let quoteLine = 1;

  const endField = () => {
    fields.push(field);
    field = "";
    quoted = false;
  };
  const endRecord = () => {
    if (fieldStarted || fields.length > 0) {
      endField();
      records.push({ line: recordLine, fields });
    }
    fields = [];
    field = "";
    quoted = false;
    fieldStarted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "" && !quoted) {
      quoted = true;
      inQuotes = true;
      fieldStarted = true;
      quoteLine = line;
      continue;
    }
    if (ch === delimiter) {
      fieldStarted = true;
      endField();
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    fieldStarted = true;
    // Characters after a closing quote ("ab"c) are kept, like most spreadsheet programs do.
    field += ch;
  }
  if (inQuotes) throw new CsvError("Unterminated quoted field", quoteLine);
  endRecord();
  return { delimiter, records };
}

function needsQuotes(value: string, delimiter: string): boolean {
  return value.includes(delimiter) || value.includes('"') || value.includes("\n") || value.includes("\r");
}

/**
 * Writes rows as CSV (CRLF line ends, as RFC 4180 says). A row of one empty field is written `""`
 * so that it does not read back as a blank line.
 */
export function serializeCsv(rows: readonly (readonly string[])[], options: { delimiter?: CsvDelimiter; bom?: boolean } = {}): string {
  const delimiter = options.delimiter ?? ",";
  const lines = rows.map((row) => {
    if (row.length === 1 && row[0] === "") return '""';
    return row.map((value) => (needsQuotes(value, delimiter) ? `"${value.replace(/"/g, '""')}"` : value)).join(delimiter);
  });
  return (options.bom ? BOM : "") + lines.map((l) => `${l}\r\n`).join("");
}

// Spreadsheet programs run cells that start with = + - @ as formulas ("CSV injection"). On export such
// text gets a leading apostrophe, which spreadsheets hide; on import one apostrophe is removed again,
// so that export → import gives the same text back.
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function protectFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unprotectFormula(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
