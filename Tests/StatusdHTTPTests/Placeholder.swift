// StatusdHTTPTests: placeholder.
