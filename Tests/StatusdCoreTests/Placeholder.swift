// StatusdCoreTests: placeholder.
