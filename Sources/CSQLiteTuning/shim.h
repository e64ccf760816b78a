// Process-wide SQLite settings. sqlite3_config is variadic, which Swift cannot call, so each setting
// is wrapped here. They take effect only before SQLite initialises (the first connection opens);
// afterwards sqlite3_config answers SQLITE_MISUSE and changes nothing.
#include <sqlite3.h>

// Multi-thread mode (https://www.sqlite.org/threadsafe.html): no mutex around every call on a
// connection. GRDB already hands each connection to one thread at a time (its SerializedDatabase),
// and so do statusd's own calls, which run inside GRDB's.
static inline int statusd_sqlite_use_multithread_mode(void) {
    return sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}

// No memory statistics (https://www.sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus):
// with them every allocation takes one process-wide mutex, which all readers then contend for.
// statusd never reads sqlite3_memory_used.
static inline int statusd_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
