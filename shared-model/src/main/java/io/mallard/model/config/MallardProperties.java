package io.mallard.model.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Platform configuration. Each field is also an environment variable: Spring's relaxed binding
 * maps {@code MALLARD_MONGO_URI} to {@code mallard.mongo.uri}, which is why the groups nest.
 */
@ConfigurationProperties("mallard")
public record MallardProperties(Mongo mongo, Redis redis, Data data, Root root, Tls tls, String hostname) {

    public MallardProperties {
        mongo = mongo == null ? new Mongo(null) : mongo;
        redis = redis == null ? new Redis(null) : redis;
        data = data == null ? new Data(null) : data;
        root = root == null ? new Root(null) : root;
        tls = tls == null ? new Tls(null, null) : tls;
        hostname = hostname == null || hostname.isBlank() ? LocalHost.name() : hostname;
    }

    /** Defaults only: embedded stores under {@code dataDir}. */
    public static MallardProperties embeddedIn(Path dataDir) {
        return new MallardProperties(null, null, new Data(dataDir.toString()), null, null, null);
    }

    /** Running stores reached by URI, as every instance of a deployment reaches them. */
    public static MallardProperties connectedTo(String mongoUri, String redisUri) {
        return new MallardProperties(new Mongo(mongoUri), new Redis(redisUri), null, null, null, null);
    }

    /** {@code MALLARD_MONGO_URI}: unset means the embedded store. */
    public record Mongo(String uri) {
        public boolean embedded() {
            return uri == null || uri.isBlank();
        }
    }

    /** {@code MALLARD_REDIS_URI}: unset means an embedded redis-server. */
    public record Redis(String uri) {
        public boolean embedded() {
            return uri == null || uri.isBlank();
        }
    }

    /** {@code MALLARD_DATA_DIR}: where the embedded stores keep their files. */
    public record Data(String dir) {
        public Path path() {
            return Path.of(dir == null || dir.isBlank() ? "data" : dir).toAbsolutePath();
        }
    }

    /** {@code MALLARD_ROOT_TOKEN}: unset means one is generated on first start. */
    public record Root(String token) {
    }

    /**
     * {@code MALLARD_TLS_CERT} / {@code MALLARD_TLS_KEY}: PEM files for every protocol listener;
     * unset means a self-signed certificate generated once under the data directory.
     */
    public record Tls(String cert, String key) {

        public Path certPath() {
            return cert == null || cert.isBlank() ? null : Path.of(cert);
        }

        public Path keyPath() {
            return key == null || key.isBlank() ? null : Path.of(key);
        }
    }
}
