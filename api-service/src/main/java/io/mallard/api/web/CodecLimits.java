package io.mallard.api.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Caps decoded JSON bodies. Message uploads do not go through the codecs: they read the raw body
 * themselves under {@link ApiProperties#maxMessage()}.
 */
@Configuration(proxyBeanMethods = false)
class CodecLimits implements WebFluxConfigurer {

    private final ApiProperties properties;

    CodecLimits(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().maxInMemorySize((int) properties.maxBody().toBytes());
    }
}
