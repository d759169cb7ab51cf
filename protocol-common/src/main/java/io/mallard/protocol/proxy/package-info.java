/** PROXY protocol v1/v2 and {@link io.mallard.protocol.proxy.ClientAddress}, the one accessor for who the client is. */
package io.mallard.protocol.proxy;
