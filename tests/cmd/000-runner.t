# Self-test of the command-test runner (tests/cmd/run.sh) with plain shell commands:
# exact stdout and stderr, exit status, stdin, empty lines, regexes, empty output.
name: runner checks stdout, stderr, exit status and stdin

$ echo hello
> hello

$ printf 'a\n\n  b\n'
> a
>
>   b

$ echo oops >&2; exit 3
? 3
! oops
>-

$ false
? 1

# pipefail is on: a failure anywhere in a pipeline is the step's status
$ false | cat
? 1

< first line
<
< ไม่มี
$ cat
> first line
>
> ไม่มี

# stdin is /dev/null unless '<' lines are given
$ cat
>-

# only stdout is checked here; stderr is not
$ echo out; echo ignored >&2
> out

$ echo "id=$RANDOM"; echo "warning: 3 rows" >&2
>~ ^id=[0-9]+$
!~ ^warning: [0-9]+ rows$

$ printf '%s\n' '> not a marker' '--' '~'
> > not a marker
> --
> ~

# steps share the test's directory
$ echo kept > file.txt
>-
!-
$ cat file.txt
> kept
