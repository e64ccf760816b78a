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

// libpq is loaded with dlopen when a PostgreSQL URL is first used, not linked: linked, it and the
// libraries it needs (Kerberos, LDAP, GnuTLS) were 3.5 MB of an idle SQLite server's memory. These
// are the types of the functions looked up; __typeof__ names a declaration without using it.
typedef __typeof__(&PQconnectdbParams) statusd_PQconnectdbParams;
typedef __typeof__(&PQstatus) statusd_PQstatus;
typedef __typeof__(&PQfinish) statusd_PQfinish;
typedef __typeof__(&PQbackendPID) statusd_PQbackendPID;
typedef __typeof__(&PQexecParams) statusd_PQexecParams;
typedef __typeof__(&PQexec) statusd_PQexec;
typedef __typeof__(&PQtransactionStatus) statusd_PQtransactionStatus;
typedef __typeof__(&PQcmdStatus) statusd_PQcmdStatus;
typedef __typeof__(&PQclear) statusd_PQclear;
typedef __typeof__(&PQresultStatus) statusd_PQresultStatus;
typedef __typeof__(&PQresultErrorField) statusd_PQresultErrorField;
typedef __typeof__(&PQnfields) statusd_PQnfields;
typedef __typeof__(&PQfname) statusd_PQfname;
typedef __typeof__(&PQntuples) statusd_PQntuples;
typedef __typeof__(&PQgetisnull) statusd_PQgetisnull;
typedef __typeof__(&PQgetvalue) statusd_PQgetvalue;
typedef __typeof__(&PQcmdTuples) statusd_PQcmdTuples;
typedef __typeof__(&PQerrorMessage) statusd_PQerrorMessage;
typedef __typeof__(&PQsetNoticeProcessor) statusd_PQsetNoticeProcessor;

static inline void statusd_PQ_ignore_notices(PGconn *connection, statusd_PQsetNoticeProcessor set) {
    set(connection, statusd_pq_ignore_notice, NULL);
}

// PG_DIAG_* are character-literal macros, which Swift does not import.
static const int statusd_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int statusd_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
#endif
