package io.mallard.model.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The machine's host name, used in greetings and Received headers when none is configured. */
final class LocalHost {

    private LocalHost() {
    }

    static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
