import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.ts";
import { csvField, csvRow, parseCsv, unguardCsvField } from "../../src/lib/csv.ts";

/** The 400's field problems, or a failure when `run` does not throw one. */
function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).details;
  }
  throw new Error("expected a 400");
}

describe("CSV parsing", () => {
  it("Should split records on CRLF, LF and CR, numbering their lines", () => {
    expect(parseCsv("a,b\r\nc,d\ne,f\rg,h")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["c", "d"] },
      { line: 3, fields: ["e", "f"] },
      { line: 4, fields: ["g", "h"] },
    ]);
  });

  it("Should read quoted fields with commas, doubled quotes and line breaks", () => {
    const records = parseCsv('email,note\r\n"a,b@x.org","say ""hi""\r\non two lines"\r\nnext@x.org,\r\n');
    expect(records).toEqual([
      { line: 1, fields: ["email", "note"] },
      { line: 2, fields: ["a,b@x.org", 'say "hi"\r\non two lines'] },
      { line: 4, fields: ["next@x.org", ""] },
    ]);
  });

  it("Should ignore a leading byte order mark and keep empty fields", () => {
    expect(parseCsv("\ufeffemail,,\n")).toEqual([{ line: 1, fields: ["email", "", ""] }]);
    expect(parseCsv("")).toEqual([]);
  });

  it("Should refuse a quote that is never closed, naming the line it opens on", () => {
    expect(problemsOf(() => parseCsv('email\n"open\nstill open'))).toEqual([
      { field: "line 2", message: "a quoted field is never closed" },
    ]);
  });

  it("Should refuse text after a closing quote, naming its line", () => {
    expect(problemsOf(() => parseCsv('email\n"a\nb"c\n'))).toEqual([
      { field: "line 3", message: "unexpected text after a closing quote" },
    ]);
  });
});

describe("CSV writing", () => {
  it("Should quote only fields holding a comma, a quote or a line break", () => {
    expect(csvField("plain@x.org")).toBe("plain@x.org");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("Should end each row with CRLF and write null as an empty field", () => {
    expect(csvRow(["sub_1", null, "a,b"])).toBe('sub_1,,"a,b"\r\n');
  });

  it("Should put an apostrophe before anything a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvField(`${start}SUM(A1)`).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvField("=HYPERLINK(1)@x.com")).toBe("'=HYPERLINK(1)@x.com");
    expect(csvField("'quoted")).toBe("'quoted");
  });

  it("Should take the formula guard off again on import, and nothing else", () => {
    expect(unguardCsvField("'=1+1")).toBe("=1+1");
    expect(unguardCsvField("'plain")).toBe("'plain");
    expect(unguardCsvField("plain")).toBe("plain");
  });

  it("Should read back what it wrote, formulas, quotes and line breaks included", () => {
    const values = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)", 'a "quoted", field', "line\r\nbreak", "\ttab", ""];
    const [record] = parseCsv(csvRow(values));
    expect(record.fields.map(unguardCsvField)).toEqual(values);
  });
});
