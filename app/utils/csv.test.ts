import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError, detectDelimiter, parseCsv, protectFormula, serializeCsv, unprotectFormula, type CsvDelimiter } from "./csv";

const fieldsOf = (text: string, delimiter?: CsvDelimiter) => parseCsv(text, { delimiter }).records.map((r) => r.fields);

describe("parseCsv", () => {
  it("reads RFC 4180 records: quoted fields, doubled quotes, delimiters and line breaks inside quotes", () => {
    const text = 'sku,name,description\r\nA-1,"Blonde, 33 cl","Say ""hello""\r\nand goodbye"\r\nB-2,Ambrée,\r\n';
    expect(fieldsOf(text)).toEqual([
      ["sku", "name", "description"],
      ["A-1", "Blonde, 33 cl", 'Say "hello"\r\nand goodbye'],
      ["B-2", "Ambrée", ""],
    ]);
  });

  it("gives each record the line where it starts, counting blank lines and line breaks inside quotes", () => {
    const { records } = parseCsv('a;b\n"x\ny";z\n\nlast;one');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ["a", "b"]],
      [2, ["x\ny", "z"]],
      [5, ["last", "one"]],
    ]);
  });

  it("accepts LF, CRLF and lone CR line ends, and a missing final line end", () => {
    expect(fieldsOf("a,b\nc,d")).toEqual([["a", "b"], ["c", "d"]]);
    expect(fieldsOf("a,b\r\nc,d\r\n")).toEqual([["a", "b"], ["c", "d"]]);
    expect(fieldsOf("a,b\rc,d\r")).toEqual([["a", "b"], ["c", "d"]]);
  });

  it("strips a UTF-8 byte-order mark", () => {
    expect(fieldsOf("\uFEFFsku;nom\nX;Éclair")).toEqual([["sku", "nom"], ["X", "Éclair"]]);
  });

  it("keeps empty fields, and a lone quoted empty field as a record", () => {
    expect(fieldsOf(",,\n\"\"\n")).toEqual([["", "", ""], [""]]);
  });

  it("keeps a quote inside an unquoted field as a character", () => {
    expect(fieldsOf('12" pizza,ok')).toEqual([['12" pizza', "ok"]]);
  });

  it("refuses an unterminated quoted field, naming the line where it opened", () => {
    expect(() => parseCsv('a,b\nc,"never closed\nmore')).toThrow(CsvError);
    try {
      parseCsv('a,b\nc,"never closed\nmore');
    } catch (error) {
      expect((error as CsvError).line).toBe(2);
    }
  });
});

describe("detectDelimiter", () => {
  it("picks the delimiter of the header line, ignoring those inside quotes", () => {
    expect(detectDelimiter("sku;name;price\n1,2,3,4")).toBe(";");
    expect(detectDelimiter("sku,name,price")).toBe(",");
    expect(detectDelimiter('"a;b;c",d\n')).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("single")).toBe(",");
  });

  it("is used when no delimiter is given", () => {
    const parsed = parseCsv("sku;prix\nA;1,85");
    expect(parsed.delimiter).toBe(";");
    expect(parsed.records[1].fields).toEqual(["A", "1,85"]);
  });
});

describe("serializeCsv", () => {
  it("quotes only the fields that need it, ends lines with CRLF, and can start with a BOM", () => {
    const text = serializeCsv(
      [
        ["sku", "name"],
        ["A;1", 'say "hi"'],
        ["plain", "two\nlines"],
      ],
      { delimiter: ";", bom: true },
    );
    expect(text).toBe('\uFEFFsku;name\r\n"A;1";"say ""hi"""\r\nplain;"two\nlines"\r\n');
  });

  it("round-trips any table of strings through parseCsv, whatever the delimiter", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "é", " ", ",", ";", "\t", '"', "\n", "\r", "'", "=", "x") });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.constantFrom<CsvDelimiter>(",", ";", "\t"), fc.boolean(), (rows, delimiter, bom) => {
        const text = serializeCsv(rows, { delimiter, bom });
        expect(fieldsOf(text, delimiter)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});

describe("protectFormula / unprotectFormula", () => {
  it("neutralises spreadsheet formulas on export and gives the same text back on import", () => {
    expect(protectFormula("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(protectFormula("-5")).toBe("'-5");
    expect(protectFormula("Blonde")).toBe("Blonde");
    expect(protectFormula("'quoted")).toBe("'quoted");
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", "=", "+", "-", "@", "a", " ") }), (value) => {
        expect(unprotectFormula(protectFormula(value))).toBe(value);
        expect(/^[=+\-@]/.test(protectFormula(value))).toBe(false);
      }),
    );
  });
});
