name: a keep-alive connection serves several requests, writes and errors included
@keepalive
