#!/usr/bin/env bash
# Answers of 1 KiB and more in text (JSON, CSV, the UI's files) come compressed with gzip to a
# client that takes it, and as they are to one that does not. Prints, per request, the path,
# what was asked, and what came back: Content-Encoding, Vary, the ETag's kind, and whether
# the body, decompressed, is the same as the plain one.
#   gzip.sh PATH...   (in the test's directory, with $DB made and s40 on PATH)
set -uo pipefail
paths=("$@")
set -- # serve.sh passes its arguments to s40 serve
. "$TESTDATA"/abuse/serve.sh
for path in "${paths[@]}"; do
	curl -s --max-time 30 -o plain.bin "$base$path"
	for ae in gzip 'gzip;q=0' 'br, gzip;q=0.5' ''; do
		rm -f headers.txt body.bin
		curl -s --max-time 30 -D headers.txt -o body.bin ${ae:+-H "Accept-Encoding: $ae"} "$base$path"
		enc=$(sed -n 's/^Content-Encoding: \(.*\)\r$/\1/ip' headers.txt)
		vary=$(sed -n 's/^Vary: \(.*\)\r$/\1/ip' headers.txt)
		tag=$(sed -n 's/^ETag: \(.*\)\r$/\1/ip' headers.txt)
		kind=none
		case $tag in W/*) kind=weak ;; ?*) kind=strong ;; esac
		if [ "$enc" = gzip ]; then
			same=$(gunzip -c body.bin | cmp -s - plain.bin && echo same || echo different)
		else
			same=$(cmp -s body.bin plain.bin && echo same || echo different)
		fi
		echo "$path [${ae:-none}] encoding=${enc:-none} vary=${vary:-none} etag=$kind $same"
	done
done
exit 0
