#!/usr/bin/env bash
# gen-pki.sh: generate the tlsmirror test PKI (files listed in README.md).
#
# usage: gen-pki.sh OUTDIR [MKHOSTILE [STAMP]]
#   OUTDIR     wiped and regenerated from scratch on every run; refused if it
#              exists and holds anything but an earlier run's output
#   MKHOSTILE  the compiled certs/mkhostile.c; without it hostile.* is skipped
#   STAMP      touched after success (the meson custom_target output)
# environment: OPENSSL names the openssl binary (default: from PATH)
#
# Needs only the openssl CLI (3.0 or later). Keys are unencrypted test keys.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    echo "usage: gen-pki.sh OUTDIR [MKHOSTILE [STAMP]]" >&2
    exit 2
fi

out=$1
mkhostile=${2:-}
stamp=${3:-}
openssl=${OPENSSL:-openssl}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cnf=$here/openssl.cnf
marker=.tlsmirror-pki
work=$out/.work
log=$work/openssl.log

# Both are read by openssl.cnf through $ENV::, which fails when unset.
export TLSM_CA_DIR=/nonexistent
export TLSM_SAN=email:unused@example.test

# Run openssl quietly; on failure show what it said and stop.
run() {
    if ! "$openssl" "$@" >"$log" 2>&1; then
        echo "gen-pki: openssl $* failed:" >&2
        cat "$log" >&2
        exit 1
    fi
}

# genkey NAME ec|rsa|ed25519: write OUTDIR/NAME.key (PKCS#8, mode 0600).
genkey() {
    local alg
    case $2 in
        ec) alg=(-algorithm EC -pkeyopt ec_paramgen_curve:P-256) ;;
        rsa) alg=(-algorithm RSA -pkeyopt rsa_keygen_bits:2048) ;;
        ed25519) alg=(-algorithm ED25519) ;;
        *) echo "gen-pki: unknown key type $2" >&2; exit 1 ;;
    esac
    run genpkey "${alg[@]}" -out "$out/$1.key"
}

# selfsigned NAME CN: a self-signed CA valid for 20 years, with its database.
selfsigned() {
    genkey "$1" ec
    run req -new -x509 -config "$cnf" -key "$out/$1.key" -subj "/CN=$2" \
        -days 7300 -sha256 -extensions v3_root -out "$out/$1.crt"
    cadb "$1"
}

# cadb CA: an empty openssl ca database for CA under the work directory.
cadb() {
    mkdir -p "$work/db-$1/new"
    : >"$work/db-$1/index.txt"
    echo "unique_subject = no" >"$work/db-$1/index.txt.attr"
    echo 1000 >"$work/db-$1/serial"
    echo 1000 >"$work/db-$1/crlnumber"
}

# ca_run CA ARGS...: run openssl ca as CA with its database.
ca_run() {
    local issuer=$1
    shift
    TLSM_CA_DIR=$work/db-$issuer
    run ca -batch -config "$cnf" -name tlsm_ca \
        -cert "$out/$issuer.crt" -keyfile "$out/$issuer.key" "$@"
}

# issue CA NAME KEYTYPE EXT CN [STARTDATE ENDDATE]: key, CSR and certificate
# for NAME signed by CA with extension section EXT; SAN email NAME@example.test.
issue() {
    local issuer=$1 name=$2 keytype=$3 ext=$4 cn=$5
    local dates=(-days 3650)
    if [ $# -eq 7 ]; then
        dates=(-startdate "$6" -enddate "$7")
    fi
    genkey "$name" "$keytype"
    run req -new -config "$cnf" -key "$out/$name.key" -subj "/CN=$cn" \
        -out "$work/$name.csr"
    TLSM_SAN=email:$name@example.test
    ca_run "$issuer" -extensions "$ext" -rand_serial -notext -preserveDN \
        "${dates[@]}" -in "$work/$name.csr" -out "$out/$name.crt"
}

# Start from scratch, but never wipe a directory this script did not write.
if [ -e "$out" ] || [ -L "$out" ]; then
    if [ ! -d "$out" ] || { [ -n "$(ls -A "$out")" ] && [ ! -e "$out/$marker" ]; }; then
        echo "gen-pki: refusing to wipe $out: not an earlier gen-pki output" \
            "(no $marker)" >&2
        exit 1
    fi
    rm -rf -- "$out"
fi
mkdir -p "$work"
: >"$out/$marker"

selfsigned ca "tlsmirror test root CA"
selfsigned foreign-ca "tlsmirror foreign CA (not trusted)"
issue ca intermediate ec v3_intermediate "tlsmirror test intermediate CA"
cadb intermediate

issue ca server ec v3_server localhost
cp "$out/server.crt" "$out/server-chain.crt"

issue ca client-rsa rsa v3_client client-rsa
issue ca client-ecdsa ec v3_client client-ecdsa
issue ca client-ed25519 ed25519 v3_client client-ed25519
issue intermediate client-inter ec v3_client client-inter
cat "$out/client-inter.crt" "$out/intermediate.crt" >"$out/client-inter-chain.crt"
issue ca client-expired ec v3_client client-expired \
    20200101000000Z 20210101000000Z
issue ca client-notyet ec v3_client client-notyet \
    20990101000000Z 21000101000000Z
issue ca client-revoked ec v3_client client-revoked
issue foreign-ca client-foreign ec v3_client client-foreign
issue ca client-noclientauth ec v3_noclientauth client-noclientauth

ca_run ca -revoke "$out/client-revoked.crt" -crl_reason keyCompromise
ca_run ca -gencrl -crldays 30 -out "$out/crl.pem"
ca_run intermediate -gencrl -crldays 30 -out "$out/intermediate-crl.pem"
cat "$out/crl.pem" "$out/intermediate-crl.pem" >"$out/crl-all.pem"

run pkcs12 -export -in "$out/client-rsa.crt" -inkey "$out/client-rsa.key" \
    -certfile "$out/ca.crt" -name client-rsa -passout pass:tlsmirror \
    -out "$out/client-rsa.p12"

if [ -n "$mkhostile" ]; then
    "$mkhostile" "$out/ca.crt" "$out/ca.key" "$out/hostile.crt" "$out/hostile.key"
else
    echo "gen-pki: no MKHOSTILE given, hostile.crt not generated" >&2
fi

# ---- diagnosis certificates (issue 4): one per cause the diagnosis names.

# issue_key CA NAME EXT CN ARGS...: like issue, for a key NAME.key already in
# OUTDIR; ARGS go to openssl ca (-extfile, -md, ...).
issue_key() {
    local issuer=$1 name=$2 ext=$3 cn=$4
    shift 4
    run req -new -config "$cnf" -key "$out/$name.key" -subj "/CN=$cn" \
        -out "$work/$name.csr"
    TLSM_SAN=email:$name@example.test
    ca_run "$issuer" -extensions "$ext" -rand_serial -notext -preserveDN \
        -days 3650 "$@" -in "$work/$name.csr" -out "$out/$name.crt"
}

diag_ext=$work/diag-ext.cnf
cat >"$diag_ext" <<'EXT'
[ v3_client_nodigsig ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_client_keyagree ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyAgreement
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_intermediate_pathlen1 ]
basicConstraints = critical, CA:TRUE, pathlen:1
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EXT

# Self-signed: X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT (18).
genkey client-selfsigned ec
TLSM_SAN=email:client-selfsigned@example.test
run req -new -x509 -config "$cnf" -key "$out/client-selfsigned.key" \
    -subj "/CN=client-selfsigned" -days 3650 -sha256 -extensions v3_client \
    -out "$out/client-selfsigned.crt"

# RSA-1024: too weak for security level 2 (X509_V_ERR_EE_KEY_TOO_SMALL, 66).
run genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$out/client-rsa1024.key"
issue_key ca client-rsa1024 v3_client client-rsa1024

# Signed with SHA-1: X509_V_ERR_CA_MD_TOO_WEAK (68) at security level 2.
genkey client-sha1 ec
issue_key ca client-sha1 v3_client client-sha1 -md sha1

# keyUsage keyEncipherment only: purpose sslclient fails (26).
genkey client-nodigsig ec
issue_key ca client-nodigsig v3_client_nodigsig client-nodigsig -extfile "$diag_ext"

# EC with keyUsage keyAgreement only: OpenSSL accepts it, stricter stacks may not.
genkey client-keyagree ec
issue_key ca client-keyagree v3_client_keyagree client-keyagree -extfile "$diag_ext"

# Root -> intermediate2 (pathlen 1) -> intermediate3 -> client-deep: two
# intermediates, for --verify-depth.
genkey intermediate2 ec
issue_key ca intermediate2 v3_intermediate_pathlen1 "tlsmirror test intermediate 2 CA" \
    -extfile "$diag_ext"
cadb intermediate2
genkey intermediate3 ec
issue_key intermediate2 intermediate3 v3_intermediate "tlsmirror test intermediate 3 CA"
cadb intermediate3
issue intermediate3 client-deep ec v3_client client-deep
cat "$out/client-deep.crt" "$out/intermediate3.crt" "$out/intermediate2.crt" \
    >"$out/client-deep-chain.crt"

# The root's CRL, long past its nextUpdate: X509_V_ERR_CRL_HAS_EXPIRED (12).
ca_run ca -gencrl -crl_lastupdate 20200101000000Z -crl_nextupdate 20200201000000Z \
    -out "$out/crl-stale.pem"

rm -rf -- "$work"
if [ -n "$stamp" ]; then
    touch -- "$stamp"
fi
