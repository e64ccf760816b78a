// StatusdStoreTests: placeholder.
