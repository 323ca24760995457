# used by 002-runner-failures.t
$ echo something
>-
