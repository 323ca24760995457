# used by 002-runner-failures.t
name: stdout differs from the expected lines
$ echo first
> first
$ printf 'one\nTWO\n'
> one
> two
