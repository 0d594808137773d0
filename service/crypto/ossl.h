#pragma once

// Internal to service/crypto: owning handles for OpenSSL objects, so that no
// early return can leak one, and the error-queue helper used by every file.

#include "result.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <string_view>

namespace ferry::crypto::detail {

template <auto FreeFunction> struct Deleter {
    template <typename T> void operator()(T* object) const { FreeFunction(object); }
};

template <typename T, auto FreeFunction> using Handle = std::unique_ptr<T, Deleter<FreeFunction>>;

using BioPtr = Handle<BIO, BIO_free_all>;
using BignumPtr = Handle<BIGNUM, BN_free>;
using EcdsaSigPtr = Handle<ECDSA_SIG, ECDSA_SIG_free>;
using KdfPtr = Handle<EVP_KDF, EVP_KDF_free>;
using KdfCtxPtr = Handle<EVP_KDF_CTX, EVP_KDF_CTX_free>;
using MdCtxPtr = Handle<EVP_MD_CTX, EVP_MD_CTX_free>;
using PkeyPtr = Handle<EVP_PKEY, EVP_PKEY_free>;
using PkeyCtxPtr = Handle<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using X509Ptr = Handle<X509, X509_free>;
using X509ExtensionPtr = Handle<X509_EXTENSION, X509_EXTENSION_free>;
using Asn1IntegerPtr = Handle<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1OctetStringPtr = Handle<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using GeneralNamePtr = Handle<GENERAL_NAME, GENERAL_NAME_free>;

inline void freeGeneralNames(GENERAL_NAMES* names) {
    GENERAL_NAMES_free(names);
}
using GeneralNamesPtr = Handle<GENERAL_NAMES, freeGeneralNames>;

// Builds an Error from `what` plus the oldest queued OpenSSL reason, then
// empties the queue so a stale entry cannot be blamed on a later failure.
Error opensslError(std::string_view what);

// Clears leftovers (e.g. from a failed decode of attacker input) so they do
// not leak into an unrelated later error message.
void clearOpensslErrors();

// Contents of a memory BIO as a string.
std::string bioContents(BIO* bio);

} // namespace ferry::crypto::detail
