# used by 002-runner-failures.t: stdin given to no step
$ true

< lost
