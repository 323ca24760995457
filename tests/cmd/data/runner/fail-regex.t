# used by 002-runner-failures.t
$ echo id=x
>~ ^id=[0-9]+$
