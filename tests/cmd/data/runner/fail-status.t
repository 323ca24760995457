# used by 002-runner-failures.t
$ echo why not >&2; exit 2
