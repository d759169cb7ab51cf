package io.mallard.bench;

/** A server under test, from {@code name=host:port:password}; users are bench1..benchN. */
record Target(String name, String host, int port, String password) {

    static Target parse(String spec) {
        int equals = spec.indexOf('=');
        String[] parts = spec.substring(equals + 1).split(":", 3);
        if (equals < 1 || parts.length != 3) {
            throw new IllegalArgumentException("expected name=host:port:password, got " + spec);
        }
        return new Target(spec.substring(0, equals), parts[0], Integer.parseInt(parts[1]), parts[2]);
    }

    static String user(int index) {
        return "bench" + (index + 1);
    }
}
