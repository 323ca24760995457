#!/usr/bin/env python3
"""Write the workbooks of tests/cmd/056-import-xlsx.t, part by part as Excel writes
them (shared strings, cell styles with number formats, inline strings; rows and
cells it leaves out), with Python's zipfile only.

    make.py DIR     writes DIR/persons.xlsx, DIR/bad.xlsx and DIR/cut.xlsx
"""
import datetime
import os
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

# Cell styles (cellXfs, by index): 0 General, 1 the built-in short date (14),
# 2 a Thai date in the Buddhist era, 3 scientific (built-in 11), 4 a whole number.
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="187" formatCode="[$-th-TH,107]d\\ mmm\\ yyyy;@"/>
<numFmt numFmtId="188" formatCode="0"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Tahoma"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="187" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="11" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="188" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""


def serial(y, m, d):
    """Excel's serial number of a day (the 1900 date system)."""
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def write(path, sheets):
    """sheets: [(name, {row number: [cell or None]})]; a cell is a str (shared
    string), ("inline", str), ("n", number, style) or ("b", 0|1)."""
    strings, index = [], {}
    sheet_xml = []
    for name, rows in sheets:
        out = []
        for r in sorted(rows):
            cells = []
            for c, v in enumerate(rows[r]):
                if v is None:
                    continue
                ref = "%s%d" % (col_name(c), r)
                if isinstance(v, str):
                    if v not in index:
                        index[v] = len(strings)
                        strings.append(v)
                    cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[v]))
                elif v[0] == "inline":
                    cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>'
                                 % (ref, escape(v[1])))
                elif v[0] == "n":
                    cells.append('<c r="%s" s="%d"><v>%s</v></c>' % (ref, v[2], v[1]))
                elif v[0] == "b":
                    cells.append('<c r="%s" t="b"><v>%d</v></c>' % (ref, v[1]))
            out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
        sheet_xml.append(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData>%s</sheetData></worksheet>' % "".join(out))
    ns_r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>' % ns_r)
        rels = ['<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>'
                % (i + 1, ns_r, i + 1) for i in range(len(sheets))]
        rels.append('<Relationship Id="rId90" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
                    % ns_r)
        rels.append('<Relationship Id="rId91" Type="%s/styles" Target="styles.xml"/>' % ns_r)
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(rels) + "</Relationships>")
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="%s"><sheets>%s</sheets></workbook>'
                   % (ns_r, "".join('<sheet name=%s sheetId="%d" r:id="rId%d"/>'
                                    % (quoteattr(n), i + 1, i + 1)
                                    for i, (n, _) in enumerate(sheets))))
        z.writestr("xl/styles.xml", STYLES)
        z.writestr("xl/sharedStrings.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'count="%d" uniqueCount="%d">%s</sst>'
                   % (len(strings), len(strings),
                      "".join("<si><t xml:space=\"preserve\">%s</t></si>" % escape(s)
                              for s in strings)))
        for i, x in enumerate(sheet_xml):
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), x)


HEAD = ["เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล", "วันเกิด", "เพศ", "สัญชาติไทย",
        "รหัสหมู่บ้าน", "ที่อยู่"]
VILLAGE = ("n", 75030702, 4)

# The persons of data/encodings/persons.csv: IDs typed as numbers, birth dates as
# Excel dates (one shown in the Buddhist era), one row as text; row 4 left out.
PERSONS = {
    1: HEAD,
    2: [("n", 1100000000016, 0), "นาย", "สมชาย", "ใจดี", ("n", serial(1980, 5, 1), 2), "ชาย",
        "ใช่", VILLAGE, ("inline", "12/3 หมู่ 2, ถนนเอกชัย")],
    3: [("n", 1100000000024, 0), "นางสาว", "มาลี", "ศรีสุข", ("n", serial(1982, 3, 15), 1),
        "หญิง", "ใช่", VILLAGE],
    5: ["1112034563562", "นาง", "สมหญิง", "รักไทย", "12 ม.ค. 2530", "หญิง", "ไทย", VILLAGE,
        "บ้านริมน้ำ"],
}
ENROLMENTS = {
    1: ["เลขประจำตัวประชาชน", "ทางเลือก", "วันที่สมัคร", "ช่องทาง"],
    2: [("n", 1100000000016, 0), "ทางเลือกที่ 1", ("n", serial(2019, 12, 1), 2), "สำนักงาน"],
}
# A good row, then an ID Excel rounded and shows in a scientific format (1.10E+12).
BAD = {
    1: HEAD,
    2: [("n", 1100000000032, 0), None, "สาม", "ดี", ("n", serial(1990, 1, 1), 1), None, None,
        VILLAGE],
    3: [("n", 1100000000000, 3), None, "สอง", "ผิด", ("n", serial(1990, 1, 1), 1), None, None,
        VILLAGE],
}


def main():
    d = sys.argv[1]
    write(os.path.join(d, "persons.xlsx"), [("ทะเบียน", PERSONS), ("สมัคร", ENROLMENTS)])
    write(os.path.join(d, "bad.xlsx"), [("ทะเบียน", BAD)])
    with open(os.path.join(d, "persons.xlsx"), "rb") as f:
        data = f.read()
    with open(os.path.join(d, "cut.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])


main()
