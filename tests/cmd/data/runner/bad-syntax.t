# used by 002-runner-failures.t
# an expected line before any step
> orphan
$ true
