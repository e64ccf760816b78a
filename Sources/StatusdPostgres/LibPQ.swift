import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// libpq's functions, looked up in the system library when a PostgreSQL URL is first used.
///
/// statusd does not link libpq: a SQLite server (the default) would otherwise map it and the
/// libraries it needs (Kerberos, LDAP, GnuTLS) at every start, 3.5 MB of idle memory it never uses.
/// Debian's package is libpq5 (the image installs it); the soname is what its ABI promises.
struct LibPQ: @unchecked Sendable {  // C function pointers, set once and never changed
    let connectdbParams: statusd_PQconnectdbParams
    let status: statusd_PQstatus
    let finish: statusd_PQfinish
    let backendPID: statusd_PQbackendPID
    let execParams: statusd_PQexecParams
    let exec: statusd_PQexec
    let transactionStatus: statusd_PQtransactionStatus
    let cmdStatus: statusd_PQcmdStatus
    let clear: statusd_PQclear
    let resultStatus: statusd_PQresultStatus
    let resultErrorField: statusd_PQresultErrorField
    let nfields: statusd_PQnfields
    let fname: statusd_PQfname
    let ntuples: statusd_PQntuples
    let getisnull: statusd_PQgetisnull
    let getvalue: statusd_PQgetvalue
    let cmdTuples: statusd_PQcmdTuples
    let errorMessage: statusd_PQerrorMessage
    let setNoticeProcessor: statusd_PQsetNoticeProcessor

    static let soname = "libpq.so.5"

    /// The library, loaded on first call; the same failure ever after if it is not installed.
    static func loaded() throws -> LibPQ {
        try shared.get()
    }

    private static let shared: Result<LibPQ, PostgresError> = Result { try load() }
        .mapError { $0 as? PostgresError ?? PostgresError(.connectionFailed, message: "\($0)") }

    private static func load() throws -> LibPQ {
        guard let library = dlopen(soname, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            throw PostgresError(
                .connectionFailed, message: "PostgreSQL needs libpq (Debian: libpq5), which cannot be loaded: \(reason)")
        }
        func symbol<T>(_ name: String, as _: T.Type) throws -> T {
            guard let address = dlsym(library, name) else {
                throw PostgresError(.connectionFailed, message: "\(soname) has no \(name): too old a libpq")
            }
            return unsafeBitCast(address, to: T.self)
        }
        return LibPQ(
            connectdbParams: try symbol("PQconnectdbParams", as: statusd_PQconnectdbParams.self),
            status: try symbol("PQstatus", as: statusd_PQstatus.self),
            finish: try symbol("PQfinish", as: statusd_PQfinish.self),
            backendPID: try symbol("PQbackendPID", as: statusd_PQbackendPID.self),
            execParams: try symbol("PQexecParams", as: statusd_PQexecParams.self),
            exec: try symbol("PQexec", as: statusd_PQexec.self),
            transactionStatus: try symbol("PQtransactionStatus", as: statusd_PQtransactionStatus.self),
            cmdStatus: try symbol("PQcmdStatus", as: statusd_PQcmdStatus.self),
            clear: try symbol("PQclear", as: statusd_PQclear.self),
            resultStatus: try symbol("PQresultStatus", as: statusd_PQresultStatus.self),
            resultErrorField: try symbol("PQresultErrorField", as: statusd_PQresultErrorField.self),
            nfields: try symbol("PQnfields", as: statusd_PQnfields.self),
            fname: try symbol("PQfname", as: statusd_PQfname.self),
            ntuples: try symbol("PQntuples", as: statusd_PQntuples.self),
            getisnull: try symbol("PQgetisnull", as: statusd_PQgetisnull.self),
            getvalue: try symbol("PQgetvalue", as: statusd_PQgetvalue.self),
            cmdTuples: try symbol("PQcmdTuples", as: statusd_PQcmdTuples.self),
            errorMessage: try symbol("PQerrorMessage", as: statusd_PQerrorMessage.self),
            setNoticeProcessor: try symbol("PQsetNoticeProcessor", as: statusd_PQsetNoticeProcessor.self))
    }
}
