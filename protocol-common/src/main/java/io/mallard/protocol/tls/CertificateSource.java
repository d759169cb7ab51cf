package io.mallard.protocol.tls;

import java.nio.file.Path;

/**
 * Where a protocol service's certificate comes from: the configured PEM files when there are
 * some, otherwise a self-signed one kept in a directory, so that STARTTLS and the implicit-TLS
 * ports work on a fresh install.
 *
 * @param certificateChain configured PEM chain, or {@code null}
 * @param privateKey configured PEM key, or {@code null}
 * @param selfSignedDirectory where the generated certificate is kept
 * @param hostName the name a generated certificate is issued for
 */
public record CertificateSource(Path certificateChain, Path privateKey, Path selfSignedDirectory, String hostName) {

    public TlsSettings settings() {
        PemCertificate pem = certificateChain != null && privateKey != null
                ? new PemCertificate(certificateChain, privateKey)
                : new SelfSignedCertificateStore(selfSignedDirectory).loadOrCreate(hostName);
        return TlsSettings.of(pem.serverContext());
    }
}
