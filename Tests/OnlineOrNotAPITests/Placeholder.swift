// OnlineOrNotAPITests: placeholder.
