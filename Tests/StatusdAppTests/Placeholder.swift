// StatusdAppTests: placeholder.
