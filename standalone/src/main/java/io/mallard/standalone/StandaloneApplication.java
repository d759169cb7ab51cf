package io.mallard.standalone;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.mallard.acme.AcmeApplication;
import io.mallard.api.ApiApplication;
import io.mallard.auth.AuthApplication;
import io.mallard.gateway.GatewayApplication;
import io.mallard.imap.ImapApplication;
import io.mallard.lmtp.LmtpApplication;
import io.mallard.model.config.AccessAutoConfiguration;
import io.mallard.model.config.AccountAutoConfiguration;
import io.mallard.model.config.MailAutoConfiguration;
import io.mallard.model.config.StoreAutoConfiguration;
import io.mallard.pop3.Pop3Application;

/**
 * Every Mallard service in one JVM. The parent context owns the stores (embedded unless URIs
 * are configured) and the mail layer over them; each service runs as its own child context, exactly the application it is
 * when deployed alone, and finds the stores in the parent.
 */
@Configuration(proxyBeanMethods = false)
@Import({StoreAutoConfiguration.class, AccountAutoConfiguration.class, MailAutoConfiguration.class,
        AccessAutoConfiguration.class})
public class StandaloneApplication {

    private static final Logger log = LoggerFactory.getLogger(StandaloneApplication.class);

    /** The services, each as its own application; started side by side to keep start-up short. */
    static final List<Service> SERVICES = List.of(
            new Service("imap", ImapApplication::builder),
            new Service("pop3", Pop3Application::builder),
            new Service("lmtp", LmtpApplication::builder),
            new Service("api", ApiApplication::builder),
            new Service("auth", AuthApplication::builder),
            new Service("acme", AcmeApplication::builder),
            new Service("gateway", GatewayApplication::builder));

    record Service(String name, Supplier<SpringApplicationBuilder> builder) {

        /**
         * One classpath holds every service here, so the gateway's and springdoc's
         * auto-configurations would turn every web service into a gateway serving the API's
         * documentation; only their own contexts keep them.
         */
        SpringApplicationBuilder childOf(ConfigurableApplicationContext parent) {
            return builder.get()
                    .parent(parent)
                    .properties("spring.main.banner-mode=off",
                            "spring.cloud.gateway.server.webflux.enabled=" + name.equals("gateway"),
                            "springdoc.api-docs.enabled=" + name.equals("api"),
                            "springdoc.swagger-ui.enabled=" + name.equals("api"))
                    // The parent's shutdown hook closes the services first, then the stores.
                    .registerShutdownHook(false);
        }
    }

    public static void main(String[] args) {
        try {
            start(args);
        } catch (RuntimeException e) {
            // An orchestrator restarts a process that exits; one left running without a service does not get noticed.
            log.error("Mallard standalone failed to start", e);
            System.exit(1);
        }
    }

    static ConfigurableApplicationContext start(String... args) {
        long started = System.nanoTime();
        ConfigurableApplicationContext stores = stores(args);
        // Logging is the JVM's, set up once by the parent; children started side by side would
        // otherwise race to re-initialise Logback and attach its appenders more than once.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        List<ConfigurableApplicationContext> running = new CopyOnWriteArrayList<>();
        try {
            CompletableFuture.allOf(SERVICES.stream()
                    .map(service -> CompletableFuture.runAsync(() -> running.add(service.childOf(stores).run(args))))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            // A service that failed has closed itself; the ones that started would go on listening.
            running.forEach(ConfigurableApplicationContext::close);
            stores.close();
            throw e;
        }
        log.info("Mallard standalone started in {} ms", (System.nanoTime() - started) / 1_000_000);
        return stores;
    }

    /** The parent context alone: the stores and the mail layer over them, no service yet. */
    static ConfigurableApplicationContext stores(String... args) {
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=application,standalone")
                .run(args);
    }
}
