name: reports as PDF downloads (?format=pdf): application/pdf, an attachment named s40-NAME.pdf
as: officer75
> GET /api/v1/reports/asof?area=75&date=2019-10-31&format=pdf
< 200
h: ^Content-Type: application/pdf
h: ^Content-Disposition: attachment; filename="s40-asof.pdf"
~ ^%PDF-1\.[0-9]
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
