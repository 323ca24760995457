name: every read of a person and every change is in the journal with the user; admins ask who looked
as: officer75
> GET /api/v1/persons?limit=1
< 200
save: ID items.0.id
> GET /api/v1/persons/${ID}
< 200
as: admin
> GET /api/v1/persons/${ID}
< 200
> GET /api/v1/journal?entity=person:${ID}
< 200
~ "user":"officer75","op":"person.read","entity":"person:${ID}","detail":\{"via":"search"\}
~ "user":"officer75","op":"person.read","entity":"person:${ID}","detail":\{"via":"get"\}
~ "user":"admin","op":"person.read"
> GET /api/v1/journal/verify
< 200
= {"ok": true}
> GET /api/v1/journal/verify?data=true
< 200
= {"ok": true}
~ "table":"person","rows":[0-9]+,"match":true,"unjournaled":0
> GET /api/v1/journal/verify?data=yes
< 400
~ "field":"data"
as: officer75
> GET /api/v1/journal?entity=person:${ID}
< 403
> GET /api/v1/journal/verify
< 403
