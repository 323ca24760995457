# used by 002-runner-failures.t
$ sleep 30
