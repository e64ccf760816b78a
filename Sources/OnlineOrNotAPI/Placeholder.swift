// OnlineOrNotAPI: placeholder until its issue lands.
