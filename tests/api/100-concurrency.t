name: 16 clients enrolling different people at once all succeed; two enrolling one person: exactly one does
@concurrent-distinct 16
@concurrent-same 2
@concurrent-distinct 32
@concurrent-same 8
