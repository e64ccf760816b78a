#ifndef STATUSD_COPENSSL_SHIM_H
#define STATUSD_COPENSSL_SHIM_H
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/pem.h>

// Swift cannot call function-like macros or pass C callbacks written in Swift without captures
// as easily; these inline helpers wrap the ones the TLS server and its tests use.

static inline int statusd_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

static inline long statusd_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

/// No renegotiation (a DoS vector, and gone in TLS 1.3) and no compression (CRIME).
static inline uint64_t statusd_SSL_server_options(void) {
    return SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION;
}

static inline int statusd_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

/// ALPN: the server speaks http/1.1 only; a client that offers protocols but not that one gets
/// a fatal no_application_protocol alert (RFC 7301 §3.2), as nginx does.
static inline int statusd_alpn_select_http11(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                                             const unsigned char *in, unsigned int inlen, void *arg) {
    static const unsigned char http11[] = "\x08http/1.1";
    unsigned char *selected = NULL;
    unsigned char length = 0;
    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto(&selected, &length, http11, sizeof(http11) - 1, in, inlen) != OPENSSL_NPN_NEGOTIATED) {
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    }
    *out = selected;
    *outlen = length;
    return SSL_TLSEXT_ERR_OK;
}

static inline void statusd_SSL_CTX_select_http11_alpn(SSL_CTX *ctx) {
    SSL_CTX_set_alpn_select_cb(ctx, statusd_alpn_select_http11, NULL);
}

/// An encrypted key file fails to load instead of prompting on the terminal.
static inline int statusd_refuse_passphrase(char *buf, int size, int rwflag, void *userdata) {
    (void)buf;
    (void)size;
    (void)rwflag;
    (void)userdata;
    return 0;
}

static inline void statusd_SSL_CTX_refuse_passphrase(SSL_CTX *ctx) {
    SSL_CTX_set_default_passwd_cb(ctx, statusd_refuse_passphrase);
}
#endif
