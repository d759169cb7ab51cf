package io.mallard.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateStoreTest {

    @Test
    void generatesOnFirstStartAndReusesOnTheNext(@TempDir Path directory) throws IOException {
        PemCertificate first = new SelfSignedCertificateStore(directory).loadOrCreate("mail.example.com");
        String certificate = Files.readString(first.certificateChain());

        PemCertificate second = new SelfSignedCertificateStore(directory).loadOrCreate("mail.example.com");

        assertThat(Files.readString(second.certificateChain())).isEqualTo(certificate);
        assertThat(certificate).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(second.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(second.serverContext().isServer()).isTrue();
        try (var files = Files.list(directory)) {
            assertThat(files).hasSize(2);
        }
    }
}
