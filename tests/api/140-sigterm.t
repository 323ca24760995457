name: SIGTERM lets the request in flight finish, then the server exits 0
@sigterm-in-flight
