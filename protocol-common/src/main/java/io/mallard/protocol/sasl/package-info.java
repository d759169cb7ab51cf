/** SASL PLAIN and LOGIN as pure exchanges: base64 in, credentials or a typed error out. JDK only. */
package io.mallard.protocol.sasl;
