name: reports as PDF downloads (?format=pdf), a payment's receipt and a person's form สปส. 1-40: application/pdf, an attachment
as: officer75
> GET /api/v1/reports/asof?area=75&date=2019-10-31&format=pdf
< 200
h: ^Content-Type: application/pdf
h: ^Content-Disposition: attachment; filename="s40-asof.pdf"
~ ^%PDF-1\.[0-9]
# two pages: the table's and the map's (tests/cmd/345-report-map.t reads them)
~ /Type /Pages[^>]*/Count 2
> GET /api/v1/reports/asof?area=75&date=2019-10-31&format=pdf&lang=en
< 200
h: ^Content-Type: application/pdf
~ ^%PDF-1\.[0-9]
> GET /api/v1/reports/lapsed?area=7503&date=2026-01-01&format=pdf
< 200
h: ^Content-Type: application/pdf
h: ^Content-Disposition: attachment; filename="s40-lapsed.pdf"
~ ^%PDF-1\.[0-9]
> GET /api/v1/reports/villages?date=2019-10-31&area=750307&format=pdf
< 200
h: ^Content-Disposition: attachment; filename="s40-villages.pdf"
# A format there is none of is refused with the list of those there are.
> GET /api/v1/reports/asof?area=75&date=2019-10-31&format=docx
< 400
= {"code": "bad_value", "field": "format"}
~ json, csv, xlsx or pdf
# A payment's receipt as a PDF: a read of the payer, within the caller's sight.
$ enrol 3100600445635 --option 1 --date 2026-01-01
$ pay 3100600445635 --months 2026-01 --amount 70 --date 2026-01-01 --receipt BKK/1
as: officer10
> GET /api/v1/payments/receipt?receipt=BKK%2F1
< 200
h: ^Content-Type: application/pdf
h: ^Content-Disposition: attachment; filename="s40-receipt-BKK_1.pdf"
~ ^%PDF-1\.[0-9]
> GET /api/v1/payments/receipt?receipt=NOPE
< 404
= {"code": "not_found", "field": "receipt"}
> GET /api/v1/payments/receipt
< 400
= {"code": "missing", "field": "receipt"}
as: officer75
> GET /api/v1/payments/receipt?receipt=BKK%2F1
< 404
= {"code": "not_found"}
as: viewer
> GET /api/v1/payments/receipt?receipt=BKK%2F1
< 403
# A person's application form สปส. 1-40 as a PDF: a read of the person, within sight.
as: officer10
> GET /api/v1/persons/3100600445635/form
< 200
h: ^Content-Type: application/pdf
h: ^Content-Disposition: attachment; filename="s40-form-3100600445635.pdf"
~ ^%PDF-1\.[0-9]
as: officer75
> GET /api/v1/persons/3100600445635/form
< 404
= {"code": "not_found"}
