# used by 002-runner-failures.t
$ touch first; exit 1
$ touch second
