import { AppError } from "../errors.ts";

/** One record of a CSV file and the line it starts on (1-based). */
export type CsvRecord = { line: number; fields: string[] };

/**
 * Parses RFC 4180 CSV: fields separated by commas, records by CRLF, LF or
 * CR; a field in double quotes may hold commas, line breaks and doubled
 * quotes. A leading byte order mark is ignored. 400 naming the line for a
 * quote that is never closed or text after a closing quote.
 *
 * @example parseCsv('email\r\n"a,b"@x.org\r\n') // [{ line: 1, fields: ["email"] }, { line: 2, fields: ["a,b@x.org"] }]
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        let value = "";
        let j = i + 1;
        for (;;) {
          const quote = text.indexOf('"', j);
          if (quote < 0)
            throw AppError.invalid([{ field: `line ${start}`, message: "a quoted field is never closed" }]);
          value += text.slice(j, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            j = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
        line += value.match(/\r\n|\r|\n/g)?.length ?? 0;
        fields.push(value);
        if (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          throw AppError.invalid([{ field: `line ${line}`, message: "unexpected text after a closing quote" }]);
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break; // , \n \r
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      line++;
      break;
    }
    records.push({ line: start, fields });
  }
  return records;
}

/** A cell starting with one of these is run as a formula by spreadsheets (CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV field, quoted when it holds a comma, a quote or a line break (RFC
 * 4180). Exports get opened in spreadsheets: a value a spreadsheet would run
 * as a formula (an address such as "=HYPERLINK(...)@x.com" is valid) gets a
 * leading apostrophe, as OWASP advises; import takes it off again.
 *
 * @example csvField("=1+1") // "'=1+1"
 */
export function csvField(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A field as exported, without the apostrophe that kept a spreadsheet from running it: csvField's inverse. */
export function unguardCsvField(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}

/** One CSV record with its CRLF; null is an empty field, as for a subscriber without a URL. */
export function csvRow(values: (string | null)[]): string {
  return `${values.map((v) => csvField(v ?? "")).join(",")}\r\n`;
}
