// UptimeIOAPI: placeholder until its issue lands.
