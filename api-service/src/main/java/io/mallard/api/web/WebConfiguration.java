package io.mallard.api.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.mallard.web.ApiErrorHandler;
import io.mallard.web.ClientAddress;
import io.mallard.web.CodecLimits;

/**
 * web-common's error answers; the JSON body limit (message uploads do not go through the codecs:
 * they read the raw body themselves under {@link ApiProperties#maxMessage()}); the client address
 * behind the trusted proxies, for the failure windows of TOTP checks and the auth log.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiErrorHandler.class)
class WebConfiguration {

    @Bean
    CodecLimits codecLimits(ApiProperties properties) {
        return new CodecLimits(properties.maxBody());
    }

    @Bean
    ClientAddress clientAddress(ApiProperties properties) {
        return new ClientAddress(properties.trustedProxies());
    }
}
