// UptimeIOAPITests: placeholder.
