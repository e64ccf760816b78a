// StatusdTesting: placeholder until its issue lands.
