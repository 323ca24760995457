# used by 002-runner-failures.t
$ echo actual error >&2; exit 1
? 1
! expected error
