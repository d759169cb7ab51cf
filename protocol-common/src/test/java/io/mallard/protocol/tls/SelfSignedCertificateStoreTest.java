package io.mallard.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
            // No temporary file left behind; the lock file stays for the next start.
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("selfsigned.crt", "selfsigned.key", ".lock");
        }
    }

    @Test
    void servicesStartingTogetherShareOneCertificateAndItsKey(@TempDir Path directory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<PemCertificate>> loads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                loads.add(pool.submit(() -> new SelfSignedCertificateStore(directory).loadOrCreate("mail.example.com")));
            }
            Set<String> pairs = new HashSet<>();
            for (Future<PemCertificate> load : loads) {
                PemCertificate pem = load.get(30, TimeUnit.SECONDS);
                pairs.add(Files.readString(pem.certificateChain()) + Files.readString(pem.privateKey()));
            }
            assertThat(pairs).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
