import { AppError, type FieldProblem } from "../../errors.ts";
import { parseCsv, unguardCsvField } from "../../lib/csv.ts";
import { emailProblem, maxImportProblems, normalizeEmail, slugPattern } from "./rules.ts";
import { subscriberStates, subscriberTypes } from "./types.ts";

/** One address to import, with the line it came from; `slugs` null when the file has no components column. */
export type ImportRow = { line: number; email: string; slugs: string[] | null };

/** What a CSV import file holds once every line has been checked. */
export type ImportFile = { rows: ImportRow[]; skipped: number; lines: number };

/**
 * Reads and checks every line of an import file before anything is written,
 * so a bad file is a 400 naming its lines (at most 20) and nothing else. The
 * header names the columns: `email` is required, `components` (slugs
 * separated by spaces or `|`) is optional, and an export's `type` and `state`
 * columns are honoured (webhook and chat rows, and rows not active, are skipped) so an
 * export can be imported again. Other columns are ignored. Whether the slugs
 * name live components is for the import to check against the database.
 */
export function readImportFile(csv: string): ImportFile {
  const records = parseCsv(csv)
    .filter((r) => r.fields.some((f) => f.trim() !== ""))
    .map((r) => ({ line: r.line, fields: r.fields.map(unguardCsvField) }));
  const [header, ...body] = records;
  if (!header) {
    throw AppError.invalid([
      { field: "csv", message: "is empty; the first line must be a header such as email,components" },
    ]);
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const column = (name: string) => names.indexOf(name);
  const problems: FieldProblem[] = [];
  const seenNames = new Set<string>();
  for (const name of names) {
    if (name && seenNames.has(name))
      problems.push({ field: `line ${header.line}`, message: `the header names column "${name}" twice` });
    seenNames.add(name);
  }
  const emailAt = column("email");
  if (emailAt < 0) {
    throw AppError.invalid([
      { field: `line ${header.line}`, message: "the header must name an email column, such as email,components" },
    ]);
  }
  const componentsAt = column("components");
  const typeAt = column("type");
  const stateAt = column("state");

  const rows: ImportRow[] = [];
  const lineByEmail = new Map<string, number>();
  let skipped = 0;
  for (const { line, fields } of body) {
    if (problems.length >= maxImportProblems) break;
    if (fields.length !== names.length) {
      problems.push({
        field: `line ${line}`,
        message: `has ${fields.length} field${fields.length === 1 ? "" : "s"}; the header has ${names.length}`,
      });
      continue;
    }
    const type = typeAt < 0 ? "" : fields[typeAt].trim().toLowerCase();
    const state = stateAt < 0 ? "" : fields[stateAt].trim().toLowerCase();
    if (type && !(subscriberTypes as readonly string[]).includes(type)) {
      problems.push({ field: `line ${line}: type`, message: "must be email, webhook or chat" });
      continue;
    }
    if (state && !(subscriberStates as readonly string[]).includes(state)) {
      problems.push({ field: `line ${line}: state`, message: `must be one of ${subscriberStates.join(", ")}` });
      continue;
    }
    if (type === "webhook" || type === "chat" || (state && state !== "active")) {
      skipped++;
      continue;
    }
    const email = normalizeEmail(fields[emailAt]);
    const problem = emailProblem(email);
    if (problem) {
      problems.push({ field: `line ${line}: email`, message: problem });
      continue;
    }
    const earlier = lineByEmail.get(email);
    if (earlier !== undefined) {
      problems.push({ field: `line ${line}: email`, message: `repeats line ${earlier}` });
      continue;
    }
    lineByEmail.set(email, line);
    const slugs = componentsAt < 0 ? null : fields[componentsAt].split(/[\s|]+/).filter(Boolean);
    const bad = slugs?.find((slug) => !slugPattern.test(slug));
    if (bad !== undefined) {
      problems.push({ field: `line ${line}: components`, message: `no component has slug "${bad.slice(0, 100)}"` });
      continue;
    }
    rows.push({ line, email, slugs });
  }
  if (problems.length) throw AppError.invalid(problems);
  return { rows, skipped, lines: body.length };
}
