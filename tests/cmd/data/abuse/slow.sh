#!/usr/bin/env bash
# s40 serve with room for 24 connections and a 2-second header deadline against slow
# clients (slow.py). (In the test's directory, with $DB made and s40 on PATH.)
set -uo pipefail
. "$TESTDATA"/abuse/serve.sh --max-connections 24 --header-timeout 2
python3 "$TESTDATA"/abuse/slow.py "$port"
