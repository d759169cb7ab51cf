/**
 * Certificates (PEM files or a stored self-signed one), SNI, implicit TLS handlers and the
 * STARTTLS upgrade that never lets pipelined plaintext through.
 */
package io.mallard.protocol.tls;
