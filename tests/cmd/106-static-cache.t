# The web UI's files and the OpenAPI document change only with the program: each carries an
# ETag (a digest of its bytes) and Cache-Control: no-cache, so a browser keeps it and asks
# again with If-None-Match, answered 304 with no body (Content-Length the file's, RFC 9110
# 8.6). Everything else, the API's answers first, carries Cache-Control: no-store.
name: the program's own files are cacheable by ETag, the API's answers are not kept; large text comes gzipped
$ s40 init > /dev/null
$ bash "$TESTDATA"/http/etag.sh / /ui/js/app.js /api/v1/openapi.json /api/v1/health | sed -E 's/length=[1-9][0-9]* body=[1-9][0-9]*$/length=N body=N/; s/length=([1-9][0-9]*) body=0$/length=N body=0/'
> / 200 no-cache etag=yes length=N body=N
> / (if-none-match) 304 no-cache etag=yes length=N body=0
> / (if-none-match) 304 no-cache etag=yes length=N body=0
> / (if-none-match) 200 no-cache etag=yes length=N body=N
> /ui/js/app.js 200 no-cache etag=yes length=N body=N
> /ui/js/app.js (if-none-match) 304 no-cache etag=yes length=N body=0
> /ui/js/app.js (if-none-match) 304 no-cache etag=yes length=N body=0
> /ui/js/app.js (if-none-match) 200 no-cache etag=yes length=N body=N
> /api/v1/openapi.json 200 no-cache etag=yes length=N body=N
> /api/v1/openapi.json (if-none-match) 304 no-cache etag=yes length=N body=0
> /api/v1/openapi.json (if-none-match) 304 no-cache etag=yes length=N body=0
> /api/v1/openapi.json (if-none-match) 200 no-cache etag=yes length=N body=N
> /api/v1/health 200 no-store etag=no length=N body=N

# Text of 1 KiB and more comes compressed to a client that takes gzip (not with q=0), the
# same bytes once decompressed; a compressed file's ETag is weak; small answers as they are.
$ bash "$TESTDATA"/http/gzip.sh /api/v1/openapi.json /ui/js/app.js /api/v1/version
> /api/v1/openapi.json [gzip] encoding=gzip vary=Accept-Encoding etag=weak same
> /api/v1/openapi.json [gzip;q=0] encoding=none vary=Accept-Encoding etag=strong same
> /api/v1/openapi.json [br, gzip;q=0.5] encoding=gzip vary=Accept-Encoding etag=weak same
> /api/v1/openapi.json [none] encoding=none vary=Accept-Encoding etag=strong same
> /ui/js/app.js [gzip] encoding=gzip vary=Accept-Encoding etag=weak same
> /ui/js/app.js [gzip;q=0] encoding=none vary=Accept-Encoding etag=strong same
> /ui/js/app.js [br, gzip;q=0.5] encoding=gzip vary=Accept-Encoding etag=weak same
> /ui/js/app.js [none] encoding=none vary=Accept-Encoding etag=strong same
> /api/v1/version [gzip] encoding=none vary=none etag=none same
> /api/v1/version [gzip;q=0] encoding=none vary=none etag=none same
> /api/v1/version [br, gzip;q=0.5] encoding=none vary=none etag=none same
> /api/v1/version [none] encoding=none vary=none etag=none same
