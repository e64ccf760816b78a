#ifndef STATUSD_CLIBPQ_SHIM_H
#define STATUSD_CLIBPQ_SHIM_H
// PostgreSQL's client library (Debian libpq-dev puts its header under /usr/include/postgresql).
#include <postgresql/libpq-fe.h>

// libpq prints the server's NOTICE and WARNING messages on stderr unless told otherwise; statusd
// keeps them out of its output (they never carry anything it acts on).
static void statusd_pq_ignore_notice(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

static inline void statusd_PQ_ignore_notices(PGconn *connection) {
    PQsetNoticeProcessor(connection, statusd_pq_ignore_notice, NULL);
}

// PG_DIAG_* are character-literal macros, which Swift does not import.
static const int statusd_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int statusd_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
#endif
