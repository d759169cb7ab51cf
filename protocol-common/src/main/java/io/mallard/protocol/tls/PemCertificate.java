package io.mallard.protocol.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * A certificate chain and its private key as PEM files (the key PKCS#8, unencrypted), as written
 * by ACME clients and by {@link SelfSignedCertificateStore}.
 */
public record PemCertificate(Path certificateChain, Path privateKey) {

    /** A server context; TLS versions and ciphers are the JDK's defaults (TLS 1.2 and 1.3, RFC 8996). */
    public SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot load certificate " + certificateChain + " with key " + privateKey, e);
        }
    }
}
