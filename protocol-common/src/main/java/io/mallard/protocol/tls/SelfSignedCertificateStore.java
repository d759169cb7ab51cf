package io.mallard.protocol.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes STARTTLS and the TLS ports work out of the box (DESIGN.md): on first start, generates a
 * self-signed certificate for the host name and stores it in a directory; later starts, and other
 * instances sharing the directory, reuse it so that clients that pinned it keep working.
 */
public final class SelfSignedCertificateStore {

    private static final String CERTIFICATE = "selfsigned.crt";
    private static final String KEY = "selfsigned.key";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final Path directory;

    public SelfSignedCertificateStore(Path directory) {
        this.directory = directory;
    }

    /**
     * The stored certificate, generated for {@code hostName} (and {@code localhost}) if there is none
     * yet. Services that share the directory (the standalone JVM, pods on one volume) take a lock
     * first, or two of them could each write a key and pair one's certificate with the other's key.
     */
    public PemCertificate loadOrCreate(String hostName) {
        synchronized (SelfSignedCertificateStore.class) {
            try {
                Files.createDirectories(directory);
                try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = lockFile.lock()) {
                    return loadOrCreateLocked(hostName);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store self-signed certificate in " + directory, e);
            }
        }
    }

    private PemCertificate loadOrCreateLocked(String hostName) throws IOException {
        PemCertificate pem = new PemCertificate(directory.resolve(CERTIFICATE), directory.resolve(KEY));
        if (Files.isRegularFile(pem.certificateChain()) && Files.isRegularFile(pem.privateKey())) {
            return pem;
        }
        try {
            KeyPair keys = generateKeys();
            // Key first: a reader that sees the certificate must also find its key.
            writeAtomically(pem.privateKey(), new JcaPKCS8Generator(keys.getPrivate(), null).generate());
            writeAtomically(pem.certificateChain(), certificate(hostName, keys));
            return pem;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate self-signed certificate", e);
        }
    }

    /** P-256: fast to generate and accepted by every TLS 1.2+ client. */
    private static KeyPair generateKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static X509CertificateHolder certificate(String hostName, KeyPair keys)
            throws IOException, OperatorCreationException {
        X500Name subject = new X500Name("CN=" + hostName);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
        // RFC 6125 §6.4.4: clients match the subjectAltName, not the CN.
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, hostName),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    }

    private void writeAtomically(Path target, Object pemObject) throws IOException {
        Path temporary = Files.createTempFile(directory, ".selfsigned", ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII);
                 JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(pemObject);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
