package io.mallard.auth.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

import io.mallard.auth.config.AuthProperties;

/** Caps decoded request bodies: a login is a few hundred bytes, and a huge one must not be buffered. */
@Configuration(proxyBeanMethods = false)
class CodecLimits implements WebFluxConfigurer {

    private final AuthProperties properties;

    CodecLimits(AuthProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().maxInMemorySize((int) properties.maxBody().toBytes());
    }
}
