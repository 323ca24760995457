name: areas carry their point (lat, lon): a subdistrict's from the shipped file, a district's and a province's as means, null where none is known
as: viewer
# แควอ้อม: its row in data/geo/subdistrict_points.csv.
> GET /api/v1/areas/750307
< 200
= {"code": 750307, "lat": 13.436, "lon": 99.937}
# อัมพวา: the mean of its 12 subdistricts' points (13.40325, 99.92625, written 13.4032 and 99.9262 as the sum in binary is a hair below).
> GET /api/v1/areas/7503
< 200
= {"code": 7503, "lat": 13.4032, "lon": 99.9262}
# สมุทรสงคราม: the mean of its 3 districts' points.
> GET /api/v1/areas/75
< 200
= {"code": 75, "lat": 13.4284, "lon": 99.9567}
# A village is at its subdistrict's point.
> GET /api/v1/areas/75030702
< 200
= {"code": 75030702, "lat": 13.436, "lon": 99.937}
# สะพานไกร (Phetchaburi) has no point in the source: null, not absent.
> GET /api/v1/areas/760611
< 200
= {"code": 760611, "name_th": "สะพานไกร", "lat": null, "lon": null}
# บางนา (Bangkok): none of its subdistricts has one.
> GET /api/v1/areas/1047
< 200
= {"code": 1047, "lat": null, "lon": null}
# The tree carries them too: Samut Songkhram's districts, and the provinces.
> GET /api/v1/areas?parent=75
< 200
= {"total": 3, "items": [{"code": 7501, "lat": 13.4072, "lon": 99.9981}, {"code": 7502, "lat": 13.4748, "lon": 99.9457}, {"code": 7503, "lat": 13.4032, "lon": 99.9262}]}
> GET /api/v1/areas?parent=1047
< 200
= {"total": 2, "items": [{"code": 104702, "lat": null, "lon": null}, {"code": 104703, "lat": null, "lon": null}]}
> GET /api/v1/areas?q=Amphawa
< 200
~ "code":7503,[^}]*"lat":13\.4032,"lon":99\.9262
