# The server under abuse (docs/SECURITY.md). An upload the server will refuse is answered
# before a byte of its body is read: no token (401), a role that may not import (403), a
# body of the wrong type (415); only an upload it accepts is read (tests/cmd/data/abuse).
name: s40 serve refuses an upload before reading it
$ s40 init > /dev/null
$ echo viewer-secret | s40 user add viewer --role viewer --insecure-test-hash > /dev/null
$ echo admin-secret | s40 user add admin --role admin --insecure-test-hash > /dev/null
$ bash "$TESTDATA"/abuse/upload.sh
> 401 unauthenticated uploaded=0
> 403 forbidden uploaded=0
> 415 media_type uploaded=0
> 202 - uploaded=109
